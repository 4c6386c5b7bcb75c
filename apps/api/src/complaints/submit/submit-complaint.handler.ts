import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  CommandRefusedError,
  ComplaintCommandService,
  IdempotencyKeyReusedError,
  RequestFingerprints,
  nameBasedId,
  newId,
  trackingIdFor,
} from '@lacak/application';
import type { OrganisationTree } from '@lacak/domain';
import type { DeadlineContext } from '@lacak/projections';
import { REPORTER_IDENTITY_STORE, type ReporterIdentity, type ReporterIdentityStore } from '@lacak/reporter-identity';
import { CLOCK, type Clock, DEADLINE_CONTEXT, ORGANISATION_TREE } from '../../infrastructure/tokens';
import { UnknownReferenceError } from '../../problem-details/request-validation.error';
import { TrackingSecrets } from '../../tracking/tracking-secrets';
import { SubmitComplaintCommand, type SubmitComplaintResult } from './submit-complaint.command';

@CommandHandler(SubmitComplaintCommand)
export class SubmitComplaintHandler implements ICommandHandler<SubmitComplaintCommand> {
  constructor(
    private readonly commands: ComplaintCommandService,
    @Inject(REPORTER_IDENTITY_STORE) private readonly identities: ReporterIdentityStore,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly trackingSecrets: TrackingSecrets,
    @Inject(DEADLINE_CONTEXT) private readonly deadlines: DeadlineContext,
    private readonly fingerprints: RequestFingerprints,
  ) {}

  async execute({ request, actor, preconditions }: SubmitComplaintCommand): Promise<SubmitComplaintResult> {
    if (request.targetAgencyId && !this.tree.has(request.targetAgencyId)) {
      throw new UnknownReferenceError('targetAgencyId', `No agency ${request.targetAgencyId} in the organisation tree`);
    }
    // With an Idempotency-Key every id is derived from it, so a repeat lands on the same complaint.
    const key = preconditions.idempotencyKey;
    const commandId = key ? nameBasedId('submit', actor.id, key) : newId();
    const complaintId = key ? nameBasedId('complaint', actor.id, key) : newId();
    const trackingId = trackingIdFor(complaintId);

    const requestFingerprint = this.fingerprints.of(request);
    const identity = identityOf(request.reporter);
    // One ref per request: concurrent requests under one Idempotency-Key with different bodies each
    // store their own identity, and the complaint points at the winner's, never at another's.
    const reporterRef = identity ? nameBasedId('reporter', complaintId, requestFingerprint) : null;
    // A repeat of a stored submission (same Idempotency-Key) must neither replace the identity nor
    // bring back one that was erased: only a complaint that does not exist yet stores it.
    // Without a key the complaint id is fresh, so the stream read is only paid on keyed submissions.
    const isNew = !key || (await this.commands.currentRevision(complaintId)) === null;
    const at = this.clock.now().toISOString();
    // Identity first, so an event never points at nothing; pending until the event is stored, so a
    // crash in between leaves nothing the sweep does not erase (PendingIdentitySweep).
    const saved = isNew ? reporterRef : null;
    if (saved && identity) await this.identities.savePending(saved, identity, { complaintId, since: at });

    let revision: bigint;
    try {
      const outcome = await this.commands.execute(
        {
          type: 'SubmitComplaint',
          actor,
          at,
          data: {
            // Pinned for good: a later policy never moves this complaint's deadlines.
            slaPolicyVersion: this.deadlines.policies.inForce(at).version,
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
        { commandId, correlationId: preconditions.correlationId, requestFingerprint: key ? requestFingerprint : undefined },
      );
      revision = outcome.revision;
    } catch (error) {
      // Refused, or another request's under the same key: no complaint points at this identity.
      // (Other errors leave it pending: the complaint may have been stored; the sweep decides.)
      if (saved && (error instanceof CommandRefusedError || error instanceof IdempotencyKeyReusedError)) await this.identities.erase(saved);
      throw error;
    }
    if (saved) await this.identities.confirm(saved);
    return { id: complaintId, trackingId, trackingSecret: this.trackingSecrets.secretFor(complaintId), revision };
  }
}

function identityOf(reporter: ReporterIdentity | undefined): ReporterIdentity | null {
  if (!reporter) return null;
  const entries = Object.entries(reporter).filter(([, value]) => value !== undefined && value !== '');
  return entries.length > 0 ? (Object.fromEntries(entries) as ReporterIdentity) : null;
}
