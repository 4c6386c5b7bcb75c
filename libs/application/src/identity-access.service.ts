import {
  type Actor,
  type AgencyScope,
  type ComplaintState,
  type IdentityAccessEvent,
  canSeeComplaint,
  decideIdentifyingAttachmentsErasure,
  holdingOf,
  toComplaintEvent,
  mayQuery,
  identityAccessStreamId,
  mayReadIdentity,
  refuse,
} from '@lacak/domain';
import { WrongExpectedVersionError, type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import type { AttachmentStore } from '@lacak/attachments';
import type { KeptEvidence } from './attachments/kept-evidence';
import type { ReporterIdentity, ReporterIdentityStore } from '@lacak/reporter-identity';
import { type CommandEnvelope, complaintStreamId, foldComplaintHistory, toEventsToAppend } from './complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError } from './errors';
import { nameBasedId } from './ids';
import { readVerifiedStream } from './verified-stream';

/** Optimistic retries when another read or erasure of the same complaint was recorded at the same time. */
const MAX_ATTEMPTS = 5;

export interface IdentityRequest extends CommandEnvelope {
  complaintId: string;
  actor: Actor;
  /** Why the identity is needed; recorded with the read. */
  reason: string;
  at: string;
}

/**
 * Reads and erasures of a reporter's identity. Each goes through the visibility matrix of the
 * domain and is recorded as an event (who, when, why, and the answer) before any identity is
 * handed out.
 */
export class IdentityAccessService {
  constructor(
    private readonly eventStore: EventStore,
    private readonly identities: ReporterIdentityStore,
    private readonly scope: AgencyScope,
    /**
     * Where attachment files are kept (the documents marked identifying go with the identity), and
     * whether the same bytes are still evidence elsewhere (files are shared by content).
     */
    private readonly attachments?: { store: AttachmentStore; kept: KeptEvidence },
  ) {}

  /**
   * Every attempt on a complaint that exists is recorded, granted or refused, before the answer
   * leaves: a refusal carries its code and nothing the requester was not told. A reporter's
   * attempt on a complaint that is not theirs is the one exception: to a reporter such a complaint
   * does not exist, and recording the account beside it would tie an anonymous report to the
   * account that sent it, the one tie anonymity forbids.
   */
  async read(request: IdentityRequest): Promise<ReporterIdentity> {
    const state = await this.state(request.complaintId);
    const data = { complaintId: request.complaintId, reason: request.reason, at: request.at };
    try {
      const identity = await this.readableIdentity(request, state);
      await this.record({ type: 'ReporterIdentityRead', data }, request);
      return identity;
    } catch (error) {
      const strangerReporter = request.actor.role === 'reporter' && !canSeeComplaint(request.actor, holdingOf(state), this.scope);
      if (error instanceof CommandRefusedError && state.status !== 'NONE' && !strangerReporter) {
        await this.record({ type: 'ReporterIdentityReadRefused', data: { ...data, refusal: error.refusal.code } }, request);
      }
      throw error;
    }
  }

  /**
   * Crypto-shredding: the key goes, the history stays. Only the national admin erases. The documents
   * the reporter marked identifying go too (recorded first, then their files deleted); the rest of
   * the evidence stays. Erasing again finishes what a crash left undone, then answers IDENTITY_ERASED.
   */
  async erase(request: IdentityRequest): Promise<void> {
    if (!mayQuery('erase-reporter-identity', request.actor.role)) {
      throw new CommandRefusedError(refuse('ROLE_NOT_ALLOWED', 'Only the national admin erases a reporter’s identity.'));
    }
    let reporterRef: string;
    try {
      reporterRef = await this.presentRef(this.visible(request, await this.state(request.complaintId)));
    } catch (error) {
      if (error instanceof CommandRefusedError && error.refusal.code === 'IDENTITY_ERASED') await this.eraseIdentifyingAttachments(request);
      throw error;
    }
    // Recorded first, so an erasure never happens without its audit record.
    await this.record({ type: 'ReporterIdentityErased', data: { complaintId: request.complaintId, reason: request.reason, at: request.at } }, request);
    await this.identities.erase(reporterRef);
    await this.eraseIdentifyingAttachments(request);
  }

  /**
   * Records `IdentifyingAttachmentsErased` on the complaint (as the domain decides it) and then
   * deletes every erased attachment's file, unless the same content is still evidence on this or
   * any other complaint.
   */
  private async eraseIdentifyingAttachments(request: IdentityRequest): Promise<void> {
    if (!this.attachments) return;
    const streamId = complaintStreamId(request.complaintId);
    const envelope = { ...request, commandId: nameBasedId('identifying-attachments-erasure', request.commandId) };
    for (let attempt = 1; ; attempt++) {
      const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, streamId);
      await assertIntact();
      const erasure = decideIdentifyingAttachmentsErasure(foldComplaintHistory(history), request.at, request.reason);
      if (!erasure) break;
      try {
        const toAppend = chained(toEventsToAppend([erasure], request.actor, request.at, envelope));
        await this.eventStore.appendToStream(streamId, toAppend, { expectedState: history.at(-1)!.revision });
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(request.complaintId);
      }
    }
    const history = await this.readStream(streamId);
    const erasedAt = history.at(-1)!.position;
    for (const sha256 of erasedFiles(history)) {
      if (!(await this.attachments.kept.isKept(sha256, erasedAt))) await this.attachments.store.delete(sha256);
    }
  }

  /** The complaint's state, once the actor may see the complaint at all. */
  private visible(request: IdentityRequest, state: ComplaintState): ComplaintState {
    if (state.status === 'NONE' || !canSeeComplaint(request.actor, holdingOf(state), this.scope)) {
      throw new CommandRefusedError(refuse('COMPLAINT_NOT_FOUND', 'No complaint exists with this id.'));
    }
    return state;
  }

  /** The identity, decrypted but not yet handed out; the refusal the requester gets otherwise. */
  private async readableIdentity(request: IdentityRequest, state: ComplaintState): Promise<ReporterIdentity> {
    this.visible(request, state);
    // Sealed before anything else: whether an identity exists or was erased is itself not for everyone.
    const allowed = mayReadIdentity(request.actor, holdingOf(state), this.scope);
    if (!allowed.allowed) throw new CommandRefusedError(refuse('IDENTITY_SEALED', allowed.rule));
    const identity = await this.identities.find(await this.presentRef(state));
    if (!identity) throw erased();
    return identity;
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
    const history = await this.readStream(complaintStreamId(complaintId));
    return foldComplaintHistory(history);
  }

  /**
   * A retried command (same command id) finds its record already stored and records nothing. The
   * store recognises repeated ids only under an exact expected state, so the record is appended at
   * the revision just read: a retry racing the first attempt then fails that check and looks again.
   */
  private async record(event: IdentityAccessEvent, request: IdentityRequest): Promise<void> {
    const streamId = identityAccessStreamId(request.complaintId);
    const [toAppend] = toEventsToAppend([event], request.actor, request.at, request);
    for (let attempt = 1; ; attempt++) {
      const { history: stored, assertIntact, chained } = await readVerifiedStream(this.eventStore, streamId);
      await assertIntact();
      if (stored.some((recorded) => recorded.id === toAppend.id)) return;
      try {
        await this.eventStore.appendToStream(streamId, chained([toAppend]), { expectedState: stored.at(-1)?.revision ?? 'no_stream' });
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrencyConflictError(request.complaintId);
      }
    }
  }

  private readStream(streamId: string): Promise<RecordedEvent[]> {
    return readStreamOrEmpty(this.eventStore, streamId);
  }
}

/** The files of the complaint's erased attachments. */
function erasedFiles(history: RecordedEvent[]): string[] {
  const events = history.map(toComplaintEvent);
  const erasedIds = new Set(events.flatMap((e) => (e.type === 'IdentifyingAttachmentsErased' ? e.data.attachmentIds : [])));
  const added = events.flatMap((e) => (e.type === 'AttachmentAdded' ? [e.data] : []));
  return [...new Set(added.filter((a) => erasedIds.has(a.attachmentId)).map((a) => a.sha256))];
}

const erased = () => new CommandRefusedError(refuse('IDENTITY_ERASED', 'The reporter’s identity has been erased.'));
