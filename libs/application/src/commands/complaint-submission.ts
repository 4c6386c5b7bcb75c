import type { DeadlineContext } from '@lacak/deadlines';
import type { Actor, OrganisationTree, SubmitComplaint } from '@lacak/domain';
import type { ReporterIdentity, ReporterIdentityStore, TrackingContact } from '@lacak/reporter-identity';
import type { Clock } from '../clock';
import type { ComplaintCommandService } from '../complaint-command.service';
import { CommandRefusedError, IdempotencyKeyReusedError, UnknownReferenceError } from '../errors';
import { nameBasedId, newId, trackingIdFor } from '../ids';
import { NO_METRICS, type OperationalMetrics, recordingCommand } from '../operational-metrics';
import type { RequestFingerprints } from '../request-fingerprint';
import type { TrackingSecrets } from '../tracking-secrets';
import { type CommandCall, assertRoleMayIssue } from './command-call';

type SubmissionData = SubmitComplaint['data'];

/** A submission as the reporter (or the officer digitising it) states it. */
export interface SubmissionRequest {
  title: string;
  description: string;
  channel: SubmissionData['channel'];
  category?: string;
  location?: string;
  incidentDate?: string;
  targetAgencyId?: string;
  anonymous?: boolean;
  confidential?: boolean;
  /** Stored apart from the complaint, never in an event. */
  reporter?: ReporterIdentity;
  /**
   * Where the reporter wants news of the complaint, stored with the identity (never in an event).
   * The only way to reach an anonymous reporter.
   */
  trackingContact?: TrackingContact;
}

export interface SubmissionOutcome {
  complaintId: string;
  trackingId: string;
  /** Lets the reporter follow the complaint and answer clarifications without an account. */
  trackingSecret: string;
  revision: bigint;
}

export interface ComplaintSubmissionDependencies {
  commands: ComplaintCommandService;
  identities: ReporterIdentityStore;
  tree: OrganisationTree;
  deadlines: DeadlineContext;
  clock: Clock;
  trackingSecrets: TrackingSecrets;
  fingerprints: RequestFingerprints;
  /** Hears how each submission ended; nothing by default. */
  metrics?: OperationalMetrics;
}

/**
 * Submitting a complaint: the ids (from the Idempotency-Key when there is one), the tracking id and
 * secret, the pinned SLA policy, and the reporter's identity saved pending before the event and
 * confirmed after it.
 */
export class ComplaintSubmission {
  constructor(private readonly deps: ComplaintSubmissionDependencies) {}

  run(request: SubmissionRequest, actor: Actor, call: Pick<CommandCall, 'correlationId' | 'idempotencyKey'>): Promise<SubmissionOutcome> {
    return recordingCommand(this.deps.metrics ?? NO_METRICS, 'SubmitComplaint', () => this.submit(request, actor, call));
  }

  private async submit(request: SubmissionRequest, actor: Actor, call: Pick<CommandCall, 'correlationId' | 'idempotencyKey'>): Promise<SubmissionOutcome> {
    const { commands, identities, tree, deadlines, clock, trackingSecrets, fingerprints } = this.deps;
    assertRoleMayIssue(actor, 'SubmitComplaint');
    if (request.targetAgencyId && !tree.has(request.targetAgencyId)) {
      throw new UnknownReferenceError('targetAgencyId', `No agency ${request.targetAgencyId} in the organisation tree`);
    }
    // With an Idempotency-Key every id is derived from it, so a repeat lands on the same complaint.
    const key = call.idempotencyKey;
    const commandId = key ? nameBasedId('submit', actor.id, key) : newId();
    const complaintId = key ? nameBasedId('complaint', actor.id, key) : newId();
    const trackingId = trackingIdFor(complaintId);

    const requestFingerprint = fingerprints.of(request);
    const identity = identityOf(request.reporter, request.trackingContact);
    // One ref per request: concurrent requests under one Idempotency-Key with different bodies each
    // store their own identity, and the complaint points at the winner's, never at another's.
    const reporterRef = identity ? nameBasedId('reporter', complaintId, requestFingerprint) : null;
    // A repeat of a stored submission (same Idempotency-Key) must neither replace the identity nor
    // bring back one that was erased: only a complaint that does not exist yet stores it.
    // Without a key the complaint id is fresh, so the stream read is only paid on keyed submissions.
    const isNew = !key || (await commands.currentRevision(complaintId)) === null;
    const at = clock.now().toISOString();
    // Identity first, so an event never points at nothing; pending until the event is stored, so a
    // crash in between leaves nothing the sweep does not erase (PendingIdentitySweep).
    const saved = isNew ? reporterRef : null;
    if (saved && identity) await identities.savePending(saved, identity, { complaintId, since: at });

    let revision: bigint;
    try {
      const outcome = await commands.execute(
        {
          type: 'SubmitComplaint',
          actor,
          at,
          data: {
            // Pinned for good: a later policy never moves this complaint's deadlines.
            slaPolicyVersion: deadlines.policies.inForce(at).version,
            complaintId,
            trackingId,
            title: request.title,
            description: request.description,
            channel: request.channel,
            category: request.category ?? null,
            location: request.location ?? null,
            incidentDate: request.incidentDate ?? null,
            targetAgencyId: request.targetAgencyId ?? null,
            anonymous: request.anonymous ?? false,
            confidential: request.confidential ?? false,
            reporterRef,
          },
        },
        // Only a keyed request can be replayed, so only its fingerprint is kept and checked.
        { commandId, correlationId: call.correlationId, requestFingerprint: key ? requestFingerprint : undefined },
      );
      revision = outcome.revision;
    } catch (error) {
      // Refused, or another request's under the same key: no complaint points at this identity.
      // (Other errors leave it pending: the complaint may have been stored; the sweep decides.)
      if (saved && (error instanceof CommandRefusedError || error instanceof IdempotencyKeyReusedError)) await identities.erase(saved);
      throw error;
    }
    if (saved) await identities.confirm(saved);
    return { complaintId, trackingId, trackingSecret: trackingSecrets.secretFor(complaintId), revision };
  }
}

function identityOf(reporter: ReporterIdentity | undefined, trackingContact: TrackingContact | undefined): ReporterIdentity | null {
  const contact = given(trackingContact);
  return given<ReporterIdentity>({ ...given(reporter), ...(contact ? { trackingContact: contact } : {}) });
}

/** The fields given (neither absent nor empty), or null when none is. */
function given<T extends object>(value: T | undefined): T | null {
  const entries = Object.entries(value ?? {}).filter(([, v]) => v !== undefined && v !== '');
  return entries.length > 0 ? (Object.fromEntries(entries) as T) : null;
}
