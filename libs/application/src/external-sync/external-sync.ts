import {
  type Actor,
  type ComplaintStatus,
  type ComplaintSubmitted,
  type ExternalSystem,
  type RecordExternalReference,
  type RecordExternalStatusObservation,
  holderOf,
} from '@lacak/domain';
import { type EventStore, readStreamOrEmpty } from '@lacak/event-store';
import type { Clock } from '../clock';
import type { ComplaintCommandService } from '../complaint-command.service';
import { complaintStreamId, foldComplaintHistory, toComplaintEvent } from '../complaint-stream';
import { CommandRefusedError } from '../errors';
import { nameBasedId, newId } from '../ids';
import { assertRoleMayIssue } from '../commands/command-call';

/** The actor of the external sync: pushes and polls act as the system, like the deadline process. */
export const EXTERNAL_SYNC_ACTOR: Actor = { id: 'external-sync', role: 'system', agencyId: null };

/**
 * What a push to an external system may say about a complaint: its own words and flags, never who
 * sent it (the reporter's identity is in the identity store and is not read here at all).
 */
export interface ComplaintToPush {
  complaintId: string;
  trackingId: string;
  title: string;
  description: string;
  category: string | null;
  incidentDate: string | null;
  submittedAt: string;
  confidential: boolean;
  anonymous: boolean;
  status: ComplaintStatus;
  /** The agency the reporter addressed; null for the national level. */
  targetAgencyId: string | null;
  /** The node holding it now (assignee, else the agency the reporter chose); null at the national level. */
  holderAgencyId: string | null;
  /** Its id in the system asked about, once recorded. */
  externalId: string | null;
}

/** What a sync read of a complaint in the external system, as the domain's observation command carries it. */
export type ExternalObservationToRecord = RecordExternalStatusObservation['data'];

/**
 * The use cases of a sync with an external system (SP4N-LAPOR!): read what a push may carry, record
 * the id the system gave the complaint, record what was observed there. Both records are the
 * domain's decisions (RecordExternalReference, RecordExternalStatusObservation), as `system`.
 */
export class ExternalSync {
  constructor(
    private readonly eventStore: EventStore,
    private readonly commands: ComplaintCommandService,
    private readonly clock: Clock,
  ) {}

  /** The complaint as a push may tell it, read from its stream (never a read model that may lag); null when unknown. */
  async complaintToPush(complaintId: string, system: ExternalSystem): Promise<ComplaintToPush | null> {
    const history = await readStreamOrEmpty(this.eventStore, complaintStreamId(complaintId));
    const submitted = history.map(toComplaintEvent).find((e): e is ComplaintSubmitted => e.type === 'ComplaintSubmitted');
    if (!submitted) return null;
    const state = foldComplaintHistory(history);
    const { trackingId, title, description, category, incidentDate, at } = submitted.data;
    return {
      complaintId,
      trackingId,
      title,
      description,
      category,
      incidentDate,
      submittedAt: at,
      // The flags as verification left them: an admin may set either.
      confidential: state.confidential,
      anonymous: state.anonymous,
      status: state.status as ComplaintStatus,
      targetAgencyId: state.targetAgencyId,
      holderAgencyId: holderOf(state),
      externalId: state.externalReferences[system] ?? null,
    };
  }

  /**
   * Records the external id before anything else relies on it. A repeat with the same id is done
   * already; a different id for the same system is refused (`ALREADY_RECORDED`): the complaint was
   * created there twice, which the caller must report rather than hide.
   */
  async recordReference(reference: RecordExternalReference['data']): Promise<void> {
    const { complaintId, system, externalId } = reference;
    const command: RecordExternalReference = { type: 'RecordExternalReference', data: reference, actor: EXTERNAL_SYNC_ACTOR, at: this.now() };
    assertRoleMayIssue(command.actor, command.type);
    const commandId = nameBasedId('external-reference', complaintId, system, externalId);
    try {
      await this.commands.execute(command, { commandId, correlationId: commandId });
    } catch (error) {
      const known = error instanceof CommandRefusedError && error.refusal.code === 'ALREADY_RECORDED';
      if (known && (await this.complaintToPush(complaintId, system))?.externalId === externalId) return;
      throw error;
    }
  }

  /** Records an observation; false when nothing changed since the last one (nothing is written). */
  async recordObservation(observation: ExternalObservationToRecord): Promise<boolean> {
    const command: RecordExternalStatusObservation = {
      type: 'RecordExternalStatusObservation',
      data: observation,
      actor: EXTERNAL_SYNC_ACTOR,
      at: this.now(),
    };
    assertRoleMayIssue(command.actor, command.type);
    const commandId = newId();
    try {
      await this.commands.execute(command, { commandId, correlationId: commandId });
      return true;
    } catch (error) {
      if (error instanceof CommandRefusedError && error.refusal.code === 'ALREADY_RECORDED') return false;
      throw error;
    }
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}
