import type { DeadlineContext } from '@lacak/deadlines';
import {
  type Actor,
  type ComplaintCommand,
  type ComplaintEvent,
  type ComplaintState,
  type OrganisationTree,
  type SubmitComplaint,
} from '@lacak/domain';
import type { Clock } from '../clock';
import type { CommandOutcome, ComplaintCommandService } from '../complaint-command.service';
import { UnknownReferenceError } from '../errors';
import { type ReporterWindow, reporterWindowEndsAt } from '../reporter-windows';
import { nameBasedId, newId } from '../ids';
import { NO_METRICS, type OperationalMetrics, recordingCommand } from '../operational-metrics';
import type { RequestFingerprints } from '../request-fingerprint';
import { type CommandCall, assertRoleMayIssue } from './command-call';

type LifecycleCommand = Exclude<ComplaintCommand, SubmitComplaint>;
type LifecycleType = LifecycleCommand['type'];

/** The fields the server adds to each command: ids derived from the command, windows and lookups. */
interface CompletedFields {
  RequestClarification: 'clarificationId';
  DisputeFollowUp: 'windowEndsAt';
  ReopenComplaint: 'windowEndsAt';
  MarkDuplicate: 'originalKnown';
  EscalateToParent: 'bounceThreshold';
  AddAttachment: 'attachmentId';
}

/** A lifecycle command as its caller states it: only what the user (or the deadline process) said. */
export type LifecycleRequest = {
  [T in LifecycleType]: {
    type: T;
    data: Omit<Extract<LifecycleCommand, { type: T }>['data'], T extends keyof CompletedFields ? CompletedFields[T] : never>;
  };
}[LifecycleType];

type Requested = LifecycleRequest & Pick<ComplaintCommand, 'actor' | 'at'>;

export interface LifecycleOutcome extends Pick<CommandOutcome, 'complaintId' | 'revision' | 'replayed'> {
  /** The id of the clarification a RequestClarification opened. */
  clarificationId?: string;
  /** The id of the attachment an AddAttachment added. */
  attachmentId?: string;
}

export interface ComplaintLifecycleDependencies {
  commands: ComplaintCommandService;
  tree: OrganisationTree;
  deadlines: DeadlineContext;
  clock: Clock;
  /** Fingerprints keyed requests; a caller that never sends an Idempotency-Key (the deadline process) needs none. */
  fingerprints?: RequestFingerprints;
  /** Hears how each command ended; nothing by default. */
  metrics?: OperationalMetrics;
}

/**
 * Every command on an existing complaint, from HTTP, tracking, the demo seed and the deadline
 * process alike: the role first, then the references, then one read and fold of the stream on
 * which the server's part of the command (windows, thresholds, ids) is added and the domain decides.
 */
export class ComplaintLifecycle {
  constructor(private readonly deps: ComplaintLifecycleDependencies) {}

  run(request: LifecycleRequest, actor: Actor, call: CommandCall): Promise<LifecycleOutcome> {
    return recordingCommand(this.deps.metrics ?? NO_METRICS, request.type, () => this.decideAndStore(request, actor, call));
  }

  private async decideAndStore(request: LifecycleRequest, actor: Actor, call: CommandCall): Promise<LifecycleOutcome> {
    assertRoleMayIssue(actor, request.type);
    this.assertReferencesExist(request);
    const complaintId = request.data.complaintId;
    const key = call.idempotencyKey;
    const commandId = call.commandId ?? (key ? nameBasedId('command', actor.id, key, request.type, complaintId) : newId());
    // Only a keyed request can be replayed: its fingerprint is of the request as the caller sent it.
    const requestFingerprint = key ? this.deps.fingerprints?.of({ type: request.type, data: request.data }) : undefined;
    // Derived from the command id, so a retry reuses it.
    const clarificationId = request.type === 'RequestClarification' ? nameBasedId('clarification', commandId) : undefined;
    const attachmentId = request.type === 'AddAttachment' ? nameBasedId('attachment', commandId) : undefined;
    const outcome = await this.deps.commands.execute(
      { ...request, actor, at: this.deps.clock.now().toISOString() } as Requested,
      { commandId, correlationId: call.correlationId, expectedRevision: call.expectedRevision, requestFingerprint },
      (command, state, events) => this.complete(command, state, events, clarificationId ?? attachmentId),
    );
    return {
      complaintId,
      revision: outcome.revision,
      replayed: outcome.replayed,
      ...(clarificationId ? { clarificationId } : {}),
      ...(attachmentId ? { attachmentId } : {}),
    };
  }

  /** Revision of the complaint's last event; null when it has none. */
  currentRevision(complaintId: string): Promise<bigint | null> {
    return this.deps.commands.currentRevision(complaintId);
  }

  /** `derivedId`: the clarification's or the attachment's id, derived from the command id. */
  private async complete(command: Requested, state: ComplaintState, events: readonly ComplaintEvent[], derivedId?: string): Promise<ComplaintCommand> {
    switch (command.type) {
      case 'RequestClarification':
        return { ...command, data: { ...command.data, clarificationId: derivedId! } };
      case 'AddAttachment':
        return { ...command, data: { ...command.data, attachmentId: derivedId! } };
      case 'DisputeFollowUp':
        // Null only before a follow-up, where the domain refuses on the status before it reads the window.
        return { ...command, data: { ...command.data, windowEndsAt: this.windowEndsAt(state, state.respondedAt, 'disputeWindow')! } };
      case 'ReopenComplaint':
        return { ...command, data: { ...command.data, windowEndsAt: this.windowEndsAt(state, state.closedAt, 'reopenWindow') } };
      case 'MarkDuplicate': {
        const original = await this.deps.commands.stateFor(command.data.originalComplaintId, command.actor);
        return { ...command, data: { ...command.data, originalKnown: original !== null } };
      }
      case 'EscalateToParent': {
        const submittedAt = events[0]?.data.at ?? command.at;
        const policy = this.deps.deadlines.policyFor(state.slaPolicyVersion, submittedAt);
        return { ...command, data: { ...command.data, bounceThreshold: policy.limits.bounceEscalationThreshold } };
      }
      default:
        return command;
    }
  }

  private windowEndsAt(state: ComplaintState, start: string | null, window: ReporterWindow): string | null {
    return reporterWindowEndsAt(this.deps.deadlines, state, start, window);
  }

  private assertReferencesExist(request: LifecycleRequest): void {
    if (request.type === 'DisposeComplaint') this.assertAgency('agencyId', request.data.agencyId);
    if (request.type === 'RequestClarification' && request.data.partyAgencyId) this.assertAgency('partyAgencyId', request.data.partyAgencyId);
  }

  private assertAgency(field: string, agencyId: string): void {
    if (!this.deps.tree.has(agencyId)) throw new UnknownReferenceError(field, `No agency ${agencyId} in the organisation tree`);
  }
}
