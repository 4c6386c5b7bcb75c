/**
 * Which lifecycle commands an actor may issue on a complaint now, as the decider itself answers it:
 * each command is decided with representative data, and a command is allowed when some such data
 * passes. Refusals that hang only on what the command says (a reason, a chosen agency) are left out
 * by choosing data that satisfies them; every refusal for who acts or for the complaint's state
 * stands, because it is the decider that refuses.
 */
import { COMMAND_ACCESS, COMMAND_NAMES, type CommandName, SYSTEM_COMMANDS } from '../access/access-matrix';
import type { Actor } from './actor';
import type { ComplaintCommand, ComplaintCommandType } from './complaint.commands';
import { type AgencyScope, decideComplaint } from './complaint.decide';
import type { ComplaintState } from './complaint.state';
import { CLOSE_REASON_CODES, REJECT_REASON_CODES } from './complaint.values';

/** What the application knows beyond the state: the time, and the reporter's windows under the complaint's policy. */
export interface AllowedCommandsContext {
  /** The instant the answer holds at (ISO-8601). */
  now: string;
  /** End of the reporter's window to dispute the latest follow-up; null before any follow-up. */
  disputeWindowEndsAt: string | null;
  /** End of the reporter's window to reopen after closure; null before any closure. */
  reopenWindowEndsAt: string | null;
}

type ProbedType = Exclude<ComplaintCommandType, 'SubmitComplaint' | (typeof SYSTEM_COMMANDS)[number]>;
type DataOf<T extends ProbedType> = Omit<Extract<ComplaintCommand, { type: T }>['data'], 'complaintId'>;

/**
 * A node that stands for "another agency in the actor's subtree": what an agency admin picks to
 * dispose to. Which agency is a choice of the command's data, not a rule about the actor.
 */
const SOME_NODE_BELOW = '\u0000some-node-below';

const withSomeNodeBelow = (scope: AgencyScope, actor: Actor): AgencyScope => ({
  ...scope,
  isWithin: (agencyId, ancestorId) =>
    agencyId === SOME_NODE_BELOW
      ? ancestorId === SOME_NODE_BELOW || (actor.agencyId !== null && scope.isWithin(actor.agencyId, ancestorId))
      : scope.isWithin(agencyId, ancestorId),
});

/** Representative data for each command; the command is allowed when any of them is decided. */
const PROBES: { readonly [T in ProbedType]: (state: ComplaintState, context: AllowedCommandsContext) => DataOf<T>[] } = {
  VerifyComplaint: (state) => [
    { classification: 'pengaduan', category: 'umum', slaClass: 'ordinary', anonymous: state.anonymous, confidential: state.confidential },
  ],
  RejectComplaint: () => REJECT_REASON_CODES.map((reasonCode) => ({ reasonCode, reason: '-' })),
  ArchiveComplaint: () => [{ reasonCode: 'not_relevant', reason: '-' }],
  DisposeComplaint: () => [{ agencyId: SOME_NODE_BELOW, note: '-' }],
  AcceptDisposition: () => [{}],
  RequestClarification: () => [
    { clarificationId: '-', party: 'reporter', question: '-' },
    { clarificationId: '-', party: 'respondent', question: '-' },
  ],
  AnswerClarification: (state) => [...state.openClarifications.keys()].map((clarificationId) => ({ clarificationId, answer: '-' })),
  RecordClarificationAnswerOnBehalf: (state) =>
    [...state.openClarifications.keys()].map((clarificationId) => ({ clarificationId, answer: '-', channel: 'phone' })),
  StartMediation: () => [{ note: '-' }],
  RecordMediationOutcome: () => [{ outcome: 'agreement', note: '-' }],
  OpenInvestigation: () => [{ reason: '-' }],
  RecordFindings: () => [{ conclusion: 'no_irregularity', summary: '-' }],
  RespondToComplaint: () => [{ followUp: '-' }],
  CloseComplaint: () => CLOSE_REASON_CODES.map((reasonCode) => ({ reasonCode })),
  // No window known means none is open: an unreadable instant never opens one.
  DisputeFollowUp: (_state, context) => [{ reason: '-', windowEndsAt: context.disputeWindowEndsAt ?? '' }],
  RateComplaint: () => [{ rating: 5 }],
  ReopenComplaint: (_state, context) => [{ reason: '-', windowEndsAt: context.reopenWindowEndsAt }],
  MarkDuplicate: (state) => [{ originalComplaintId: `${state.complaintId ?? ''}\u0000original`, originalKnown: true }],
  RecordLeadershipReview: () => [{ summary: '-' }],
  LinkPolicyImprovement: () => [{ policyTitle: '-', description: '-', effectiveDate: '2000-01-01' }],
  MarkFollowUpNormative: () => [{ reason: '-' }],
  AddAttachment: () => [{ attachmentId: '-', sha256: '-', fileName: '-', mediaType: 'application/pdf', size: 1 }],
};

const PROBED_TYPES = Object.keys(PROBES) as ProbedType[];
const ORDER = Object.keys(COMMAND_ACCESS) as CommandName[];

/**
 * The commands (by their access-matrix names, in the matrix's order) the actor would not be refused
 * for who they are or the complaint's state. The deadline process's commands are never listed.
 */
export function allowedCommands(
  actor: Actor,
  state: ComplaintState,
  scope: AgencyScope,
  context: AllowedCommandsContext,
): CommandName[] {
  if (state.status === 'NONE') return [];
  const probeScope = withSomeNodeBelow(scope, actor);
  const complaintId = state.complaintId ?? '';
  const allowed = new Set<CommandName>();
  for (const type of PROBED_TYPES) {
    const variants = (PROBES[type] as (s: ComplaintState, c: AllowedCommandsContext) => object[])(state, context);
    const decides = variants.some(
      (data) =>
        decideComplaint({ type, data: { ...data, complaintId }, actor, at: context.now } as ComplaintCommand, state, probeScope).ok,
    );
    if (decides) allowed.add(COMMAND_NAMES[type]);
  }
  return ORDER.filter((name) => allowed.has(name));
}
