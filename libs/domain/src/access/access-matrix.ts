/**
 * The access matrix, role × use case × scope, as data: the README prints it and the
 * table-driven HTTP test checks the API against it. The decider and the access policy enforce
 * it (and the finer rules: status, channel, assignee); this table says who may ever try.
 *
 * Scope: `everywhere`, `subtree` (complaints held by the actor's node or below it), `own`
 * (the reporter's own complaints), `channels` (officer intake by sms, letter or walk-in only),
 * `handling` (complaints disposed to the actor's node or below it: the agency handling them),
 * `below` (agencies strictly below the actor's node: a coordinator evaluates those, never itself),
 * `node` (the actor's own node only: an agency answers its own evaluation).
 * A role missing from a row may not do it at all (403); out of scope answers 404, exactly as
 * an unknown complaint would, so scope never reveals that a complaint exists.
 */
import type { Actor, ActorRole } from '../complaint/actor';
import type { ComplaintCommandType } from '../complaint/complaint.commands';
import { refuse, type Refusal } from '../complaint/refusals';

export type Reach = 'everywhere' | 'subtree' | 'own' | 'channels' | 'handling' | 'below' | 'node';
export type AccessRow = Readonly<Partial<Record<ActorRole, Reach>>>;

const officersInSubtree: AccessRow = { agency_admin: 'subtree', unit_officer: 'subtree' };
const routers: AccessRow = { national_admin: 'everywhere', agency_admin: 'subtree' };

export const COMMAND_ACCESS = {
  submit: { reporter: 'own', national_admin: 'channels', agency_admin: 'channels', unit_officer: 'channels' },
  verify: routers,
  reject: { ...routers, unit_officer: 'subtree' },
  archive: routers,
  dispose: routers,
  accept: officersInSubtree,
  'request-clarification': { ...routers, ...officersInSubtree },
  // A question to the reporter is the reporter's to answer; officers answer the respondent's and other agencies'.
  'answer-clarification': { reporter: 'own', ...officersInSubtree },
  // An answer the reporter gave by phone, letter or in person, recorded by whoever could have asked the question.
  'record-clarification-answer': { ...routers, ...officersInSubtree },
  'start-mediation': officersInSubtree,
  'record-mediation-outcome': officersInSubtree,
  'open-investigation': officersInSubtree,
  'record-findings': officersInSubtree,
  respond: officersInSubtree,
  close: { reporter: 'own', ...routers, system: 'everywhere' },
  dispute: { reporter: 'own' },
  rate: { reporter: 'own' },
  reopen: { reporter: 'own', ...routers },
  'mark-duplicate': { ...routers, ...officersInSubtree },
  'record-leadership-review': routers,
  'link-policy-improvement': routers,
  // Verifiers judge a follow-up normative (a promise without substance); the reporter does it by disputing.
  'mark-follow-up-normative': { ...routers, apip_inspector: 'subtree' },
  // Evidence: the reporter on their own complaint, and the officers who may act on it now.
  'add-attachment': { reporter: 'own', ...routers, ...officersInSubtree },
} as const satisfies Record<string, AccessRow>;

/** Raised only by the processes (deadlines, external sync), through the command path as `system`; never over HTTP. */
export const SYSTEM_COMMANDS = [
  'ExpireClarification',
  'RecordDeadlineMissed',
  'EscalateToParent',
  'ReferToOmbudsman',
  'RecordExternalReference',
  'RecordExternalStatusObservation',
  'AnnounceAutoClose',
] as const;
type SystemCommandType = (typeof SYSTEM_COMMANDS)[number];

/** The matrix row of every command the API takes. */
export const COMMAND_NAMES: { readonly [T in Exclude<ComplaintCommandType, SystemCommandType>]: CommandName } = {
  SubmitComplaint: 'submit',
  VerifyComplaint: 'verify',
  RejectComplaint: 'reject',
  ArchiveComplaint: 'archive',
  DisposeComplaint: 'dispose',
  AcceptDisposition: 'accept',
  RequestClarification: 'request-clarification',
  AnswerClarification: 'answer-clarification',
  RecordClarificationAnswerOnBehalf: 'record-clarification-answer',
  StartMediation: 'start-mediation',
  RecordMediationOutcome: 'record-mediation-outcome',
  OpenInvestigation: 'open-investigation',
  RecordFindings: 'record-findings',
  RespondToComplaint: 'respond',
  CloseComplaint: 'close',
  DisputeFollowUp: 'dispute',
  RateComplaint: 'rate',
  ReopenComplaint: 'reopen',
  MarkDuplicate: 'mark-duplicate',
  RecordLeadershipReview: 'record-leadership-review',
  LinkPolicyImprovement: 'link-policy-improvement',
  MarkFollowUpNormative: 'mark-follow-up-normative',
  AddAttachment: 'add-attachment',
};

const isSystemCommand = (type: ComplaintCommandType): type is SystemCommandType =>
  SYSTEM_COMMANDS.some((command) => command === type);

/**
 * The first rule of every command: a role the matrix never lets issue it is refused (403) before
 * anything about the complaint is looked at, whether it exists, is in scope or in the right status.
 */
export function refuseRoleNeverAllowed(actor: Actor, type: ComplaintCommandType): Refusal | null {
  const name = isSystemCommand(type) ? type : COMMAND_NAMES[type];
  const row: AccessRow = isSystemCommand(type) ? { system: 'everywhere' } : COMMAND_ACCESS[COMMAND_NAMES[type]];
  return row[actor.role] === undefined ? refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never issue ${name}.`) : null;
}

const readers: AccessRow = {
  national_admin: 'everywhere',
  system: 'everywhere',
  agency_admin: 'subtree',
  unit_officer: 'subtree',
  apip_inspector: 'subtree',
  auditor: 'subtree',
};

/** Those who monitor complaint handling, and the agencies monitored, each within reach. */
const monitors: AccessRow = {
  national_admin: 'everywhere',
  agency_admin: 'subtree',
  unit_officer: 'subtree',
  apip_inspector: 'subtree',
  auditor: 'subtree',
};

/** Public knowledge for every signed-in actor. */
const everyone: AccessRow = {
  reporter: 'everywhere',
  national_admin: 'everywhere',
  agency_admin: 'everywhere',
  unit_officer: 'everywhere',
  apip_inspector: 'everywhere',
  auditor: 'everywhere',
  system: 'everywhere',
};

const evaluators: AccessRow = { national_admin: 'everywhere', agency_admin: 'below' };
const evaluationReaders: AccessRow = {
  national_admin: 'everywhere',
  system: 'everywhere',
  agency_admin: 'subtree',
  apip_inspector: 'subtree',
  auditor: 'subtree',
};

export const QUERY_ACCESS = {
  'list-complaints': { ...readers, reporter: 'own' },
  'get-complaint': { ...readers, reporter: 'own' },
  'get-complaint-history': { ...readers, reporter: 'own' },
  /*
   * Replay shows the complaint as the agencies handled it, revision by revision, internal steps
   * included: for its readers; the reporter follows their own complaint in its history and the
   * tracking view, which show every step told to them.
   */
  'replay-complaint': readers,
  'get-complaint-changes': readers,
  'export-complaints': readers,
  // The organisation tree is public knowledge; its counters are not.
  'list-agencies': everyone,
  'get-agency-stats': readers,
  /*
   * Who did what, across complaints: for those who audit the agencies, each within its reach
   * (\`auditEventReach\`); never for the agencies themselves.
   */
  'list-audit-events': { national_admin: 'everywhere', apip_inspector: 'subtree', auditor: 'subtree' },
  'list-sla-policies': everyone,
  'read-reporter-identity': {
    national_admin: 'everywhere',
    auditor: 'subtree',
    agency_admin: 'subtree',
    unit_officer: 'subtree',
    reporter: 'own',
  },
  'erase-reporter-identity': { national_admin: 'everywhere' },
  'rebuild-projections': { national_admin: 'everywhere' },
  // Counts and durations of the engine's work, no complaint's content: for operators and their scraper.
  'read-metrics': { national_admin: 'everywhere', system: 'everywhere' },
  // Holidays are public facts; only the national admin publishes the year's decree.
  'get-holiday-calendar': everyone,
  'publish-holiday-calendar': { national_admin: 'everywhere' },
  // The record's proofs: signing a tree head states only what the log holds, and a dossier is a
  // complaint's whole record, for those who examine it.
  'sign-tree-head': { national_admin: 'everywhere', auditor: 'everywhere', system: 'everywhere' },
  'export-dossier': { national_admin: 'everywhere', apip_inspector: 'subtree', auditor: 'subtree' },
  'prove-log-consistency': { national_admin: 'everywhere', apip_inspector: 'everywhere', auditor: 'everywhere' },
  /*
   * Monev: the figures of a node and its subtree, siblings ranked under a coordinator, a closed
   * period's snapshot. For whoever monitors or is monitored, within reach; a period is closed
   * nationally, once, by the national admin.
   */
  'get-monev-indicators': monitors,
  'get-monev-ranking': monitors,
  'get-monev-snapshot': monitors,
  'close-monev-period': { national_admin: 'everywhere' },
  // Monev: the complaints a coordinator acts on, per node, for those who monitor or handle its subtree.
  'list-monev-exceptions': {
    national_admin: 'everywhere',
    agency_admin: 'subtree',
    unit_officer: 'subtree',
    apip_inspector: 'subtree',
    auditor: 'subtree',
  },
  // The same figures as files an inspector hands over: whoever may read them may take them away.
  'export-monev-indicators': monitors,
  'export-monev-ranking': monitors,
  'get-monev-report': monitors,
  // The exceptions as a file: for whoever may list them, with the same reach.
  'export-monev-exceptions': {
    national_admin: 'everywhere',
    agency_admin: 'subtree',
    unit_officer: 'subtree',
    apip_inspector: 'subtree',
    auditor: 'subtree',
  },
  /*
   * Evaluations of complaint handling (monev): an evaluator (the national admin, or a coordinator
   * over the agency) records one per agency and year and judges the action plans; the evaluated
   * agency answers each recommendation with a plan and reports its progress. Inspectors and
   * auditors read within their subtree.
   */
  'record-evaluation': evaluators,
  'submit-action-plan': { agency_admin: 'node' },
  'record-action-progress': { agency_admin: 'node' },
  'accept-action-plan': evaluators,
  'return-action-plan': evaluators,
  'accept-recommendation-completion': evaluators,
  'get-evaluation': evaluationReaders,
  'list-evaluations': evaluationReaders,
  'list-overdue-actions': evaluationReaders,
  // The same evaluations as a file an inspector hands over.
  'export-evaluations': evaluationReaders,
  /*
   * The delivery outbox: notifications, webhook calls and SP4N-LAPOR! calls, with their attempts and
   * the dead-letter list. Operating it is national: its records name complaints of every agency.
   */
  'list-deliveries': { national_admin: 'everywhere', system: 'everywhere' },
  'get-delivery': { national_admin: 'everywhere', system: 'everywhere' },
  'retry-delivery': { national_admin: 'everywhere', system: 'everywhere' },
  /*
   * Webhook endpoints: an agency's admin points its own node's systems at the complaints its
   * officers see; nobody else registers, lists or changes them (the signing secrets are theirs).
   */
  'register-webhook-endpoint': { agency_admin: 'node' },
  'list-webhook-endpoints': { agency_admin: 'node' },
  'change-webhook-endpoint': { agency_admin: 'node' },
  'remove-webhook-endpoint': { agency_admin: 'node' },
  // An attachment is read as the complaint is; one marked identifying also needs the identity seal's row.
  'get-attachment': { ...readers, reporter: 'own' },
} as const satisfies Record<string, AccessRow>;

/**
 * Parts of a complaint some of its readers may not see. Investigation findings name officials and
 * what they did: they are for the inspectorate, auditors and the national level; everyone else who
 * reads the complaint (its agency's admins and officers, the reporter) sees that findings were
 * recorded and their conclusion, never the summary, in the detail, the history and the export.
 */
export const CONTENT_ACCESS = {
  'investigation findings (summary)': { national_admin: 'everywhere', apip_inspector: 'subtree', auditor: 'subtree' },
} as const satisfies Record<string, AccessRow>;

/**
 * The identity seal: who may read the reporter's identity, by how the complaint was sent. Nobody
 * sees an anonim reporter; a rahasia reporter is sealed from the agency, seen only by the national
 * admin and auditors (audited break-glass); a normal reporter is seen by the agency handling the
 * complaint on need-to-know as well. The reporter always sees their own; inspectors never.
 */
export const IDENTITY_ACCESS = {
  'reporter identity (normal)': { reporter: 'own', national_admin: 'everywhere', agency_admin: 'handling', unit_officer: 'handling', auditor: 'subtree' },
  'reporter identity (rahasia)': { reporter: 'own', national_admin: 'everywhere', auditor: 'subtree' },
  'reporter identity (anonim)': { reporter: 'own' },
} as const satisfies Record<`reporter identity (${IdentitySeal})`, AccessRow>;

export type IdentitySeal = 'normal' | 'rahasia' | 'anonim';

/** The identity seal's row for a complaint sent this way. */
export const identityAccessOf = (seal: IdentitySeal): AccessRow => IDENTITY_ACCESS[`reporter identity (${seal})`];

export type CommandName = keyof typeof COMMAND_ACCESS;
export type QueryName = keyof typeof QUERY_ACCESS;
export type ContentName = keyof typeof CONTENT_ACCESS;

/** Whether the role sees this part of the complaints it may read. */
export const maySeeContent = (content: ContentName, role: ActorRole): boolean =>
  (CONTENT_ACCESS[content] as AccessRow)[role] !== undefined;

/** Whether the matrix lets the role make this query at all; scope is checked separately. */
export const mayQuery = (query: QueryName, role: ActorRole): boolean => (QUERY_ACCESS[query] as AccessRow)[role] !== undefined;
