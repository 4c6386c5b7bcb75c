import {
  type Actor,
  type AgencyScope,
  type ComplaintState,
  type IdentityAccessEvent,
  canSeeComplaint,
  complaintDecider,
  holdingOf,
  mayQuery,
  identityAccessStreamId,
  mayReadIdentity,
  refuse,
} from '@lacak/domain';
import { StreamNotFoundError, type EventStore } from '@lacak/event-store';
import type { ReporterIdentity, ReporterIdentityStore } from '@lacak/reporter-identity';
import { type CommandEnvelope, complaintStreamId, toComplaintEvent, toEventsToAppend } from './complaint-stream';
import { CommandRefusedError } from './errors';

export interface IdentityRequest extends CommandEnvelope {
  complaintId: string;
  actor: Actor;
  /** Why the identity is needed; recorded with the read. */
  reason: string;
  at: string;
}

/**
 * Reads and erasures of a reporter's identity. Each goes through the visibility matrix of the
 * domain and is recorded as an event (who, when, why) before any identity leaves the store.
 */
export class IdentityAccessService {
  constructor(
    private readonly eventStore: EventStore,
    private readonly identities: ReporterIdentityStore,
    private readonly scope: AgencyScope,
  ) {}

  async read(request: IdentityRequest): Promise<ReporterIdentity> {
    const state = await this.visibleState(request);
    // Sealed before anything else: whether an identity exists or was erased is itself not for everyone.
    const allowed = mayReadIdentity(request.actor, holdingOf(state), this.scope);
    if (!allowed.allowed) throw new CommandRefusedError(refuse('IDENTITY_SEALED', allowed.rule));
    const reporterRef = await this.presentRef(state);
    await this.record({ type: 'ReporterIdentityRead', data: { complaintId: request.complaintId, reason: request.reason, at: request.at } }, request);
    const identity = await this.identities.find(reporterRef);
    if (!identity) throw erased();
    return identity;
  }

  /** Crypto-shredding: the key goes, the history stays. Only the national admin erases. */
  async erase(request: IdentityRequest): Promise<void> {
    if (!mayQuery('POST /complaints/{id}/reporter-identity/erase', request.actor.role)) {
      throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', 'Only the national admin erases a reporter’s identity.'));
    }
    const reporterRef = await this.presentRef(await this.visibleState(request));
    // Recorded first, so an erasure never happens without its audit record.
    await this.record({ type: 'ReporterIdentityErased', data: { complaintId: request.complaintId, reason: request.reason, at: request.at } }, request);
    await this.identities.erase(reporterRef);
  }

  /** The complaint's state, once the actor may see the complaint at all. */
  private async visibleState(request: IdentityRequest): Promise<ComplaintState> {
    const state = await this.state(request.complaintId);
    if (state.status === 'NONE' || !canSeeComplaint(request.actor, holdingOf(state), this.scope)) {
      throw new CommandRefusedError(refuse('COMPLAINT_NOT_FOUND', 'No complaint exists with this id.'));
    }
    return state;
  }

  /** The identity reference, when the reporter left an identity that is still there. */
  private async presentRef(state: ComplaintState): Promise<string> {
    if (state.reporterRef === null) {
      throw new CommandRefusedError(refuse('NO_REPORTER_IDENTITY', 'The reporter left no identifying details.'));
    }
    if ((await this.identities.status(state.reporterRef)) === 'erased') throw erased();
    return state.reporterRef;
  }

  private async state(complaintId: string): Promise<ComplaintState> {
    try {
      const history = await this.eventStore.readStream(complaintStreamId(complaintId));
      return history.map(toComplaintEvent).reduce(complaintDecider.evolve, complaintDecider.initialState());
    } catch (error) {
      if (error instanceof StreamNotFoundError) return complaintDecider.initialState();
      throw error;
    }
  }

  private async record(event: IdentityAccessEvent, request: IdentityRequest): Promise<void> {
    await this.eventStore.appendToStream(
      identityAccessStreamId(request.complaintId),
      toEventsToAppend([event], request.actor, request.at, request),
      { expectedState: 'any' },
    );
  }
}

const erased = () => new CommandRefusedError(refuse('IDENTITY_ERASED', 'The reporter’s identity has been erased.'));
