import {
  COMPLAINT_STREAM_PREFIX,
  type ComplaintToPush,
  type DeliveryChannel,
  type DeliveryOutcome,
  type DeliveryRecord,
  type DeliverySource,
  type ExternalSync,
  type PlannedDelivery,
  complaintIdOf,
  toComplaintEvent,
} from '@lacak/application';
import type { OrganisationTree } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import { HttpLaporGateway } from './http-lapor-gateway';
import { type LaporComplaintToCreate, type LaporGateway, LaporRequestError } from './lapor-gateway';
import { type LaporAgencySettings, type LaporSettings, pushingAgency } from './lapor-settings';

export const LAPOR_CHANNEL = 'lapor';
export const LAPOR_SYSTEM = 'sp4n-lapor';
export type LaporTopic = 'lapor-create' | 'lapor-follow-up';

/** Creates, forwards and follow-ups of one complaint go out one at a time, in log order: the create first. */
export const laporOrderKey = (complaintId: string): string => `lapor:${complaintId}`;

/** Each agency's gateway; the HTTP adapter unless a test gives another. */
export type LaporGatewayFactory = (agency: LaporAgencySettings, settings: LaporSettings) => LaporGateway;
export const httpLaporGateways: LaporGatewayFactory = (agency, settings) => new HttpLaporGateway(agency, settings.requestTimeoutMs);

/**
 * Plans the pushes to LAPOR! for the agencies that chose them: a create when a complaint addressed to
 * such an agency (or a node below it) is received, a follow-up whenever a follow-up is given on it.
 */
export class LaporDeliverySource implements DeliverySource {
  readonly name = 'lapor';

  constructor(
    private readonly settings: LaporSettings,
    private readonly tree: OrganisationTree,
    private readonly sync: ExternalSync,
  ) {}

  async plan(event: RecordedEvent): Promise<PlannedDelivery[]> {
    if (!event.streamId.startsWith(COMPLAINT_STREAM_PREFIX)) return [];
    const complaintEvent = toComplaintEvent(event);
    const complaintId = complaintIdOf(event.streamId);
    switch (complaintEvent.type) {
      case 'ComplaintSubmitted': {
        const pusher = this.pusherFor(complaintEvent.data.targetAgencyId);
        return pusher ? [this.planned('lapor-create', complaintId, pusher, {})] : [];
      }
      case 'ComplaintResponded': {
        const complaint = await this.sync.complaintToPush(complaintId, LAPOR_SYSTEM);
        const pusher = this.pusherFor(complaint?.targetAgencyId ?? null);
        const { agencyId, at } = complaintEvent.data;
        return pusher ? [this.planned('lapor-follow-up', complaintId, pusher, { followUpAgencyId: agencyId, followUpAt: at })] : [];
      }
      default:
        return [];
    }
  }

  private pusherFor(targetAgencyId: string | null): string | null {
    if (!targetAgencyId || !this.tree.has(targetAgencyId)) return null;
    return pushingAgency(this.settings, this.tree.pathTo(targetAgencyId))?.agencyId ?? null;
  }

  private planned(topic: LaporTopic, complaintId: string, agencyId: string, details: Record<string, string>): PlannedDelivery {
    return { channel: LAPOR_CHANNEL, target: `lapor:${agencyId}`, topic, complaintId, orderKey: laporOrderKey(complaintId), details: { agencyId, ...details } };
  }
}

/**
 * Carries the pushes. A create is "create, record LAPOR!'s id, then forward where needed": the id is
 * an event on the complaint before the forward is tried, so a retry after a failed forward finds it
 * and only forwards (after reading whether LAPOR! already holds the forward).
 */
export class LaporDeliveryChannel implements DeliveryChannel {
  readonly name = LAPOR_CHANNEL;

  constructor(
    private readonly settings: LaporSettings,
    private readonly tree: OrganisationTree,
    private readonly sync: ExternalSync,
    private readonly gateways: LaporGatewayFactory = httpLaporGateways,
    /** Where a complaint is scheduled for polling once LAPOR! knows it. */
    private readonly onReferenced: (complaintId: string, externalId: string, agencyId: string) => Promise<void> = async () => {},
  ) {}

  /** A create LAPOR! cannot deduplicate: one cut short by the outbox's timeout is not made again blindly. */
  safeToRepeat(delivery: DeliveryRecord): boolean {
    return delivery.topic !== 'lapor-create';
  }

  async deliver(delivery: DeliveryRecord, signal: AbortSignal): Promise<DeliveryOutcome> {
    const agencyId = String(delivery.details?.agencyId ?? '');
    const agency = this.settings.agencies.get(agencyId);
    if (!agency?.pushComplaints) return { kind: 'skipped', reason: 'lapor-agency-not-pushing' };
    const complaint = delivery.complaintId ? await this.sync.complaintToPush(delivery.complaintId, LAPOR_SYSTEM) : null;
    if (!complaint) return { kind: 'skipped', reason: 'complaint-unknown' };
    const gateway = this.gateways(agency, this.settings);
    try {
      switch (delivery.topic as LaporTopic) {
        case 'lapor-create':
          return await this.createAndForward(complaint, agencyId, agency, gateway, signal);
        case 'lapor-follow-up':
          return await this.pushFollowUp(complaint, delivery, agency, gateway, signal);
        default:
          return { kind: 'failed', reason: 'lapor-topic-unknown', retryable: false };
      }
    } catch (error) {
      if (error instanceof LaporRequestError) return { kind: 'failed', reason: error.code, retryable: error.retryable };
      throw error;
    }
  }

  private async createAndForward(
    complaint: ComplaintToPush,
    agencyId: string,
    agency: LaporAgencySettings,
    gateway: LaporGateway,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome> {
    let externalId = complaint.externalId;
    const created = externalId === null;
    if (externalId === null) {
      try {
        externalId = (await gateway.createComplaint(this.toCreate(complaint, agencyId), signal)).complaintId;
      } catch (error) {
        // LAPOR! has no idempotent create and no lookup by our reference: a create that may have
        // happened is not repeated blindly. It goes to the dead-letter list, where an admin looks for
        // the tracking id tag in LAPOR! and replays the delivery only if the complaint is not there.
        if (error instanceof LaporRequestError && error.mayHaveSucceeded) {
          return { kind: 'failed', reason: `${error.code}-unconfirmed`, retryable: false };
        }
        throw error;
      }
      try {
        await this.sync.recordReference({ complaintId: complaint.complaintId, system: LAPOR_SYSTEM, externalId, agencyId });
      } catch {
        // Created there but not remembered here: a retry would create it again. LAPOR!'s id is no
        // personal data, so the reason keeps it for the admin who settles it.
        return { kind: 'failed', reason: `lapor-reference-unrecorded:${externalId}`, retryable: false };
      }
      // The poller also finds references it missed when it starts: a crash here loses no polling.
      await this.onReferenced(complaint.complaintId, externalId, agencyId);
    }
    const target = this.institutionOf(complaint.holderAgencyId);
    if (target === null || target === agency.institutionId) return { kind: 'delivered' };
    if (!created && (await gateway.getStatus(externalId, signal)).dispositionId === target) return { kind: 'delivered' };
    const reasonDescription = render(this.settings.forwardReason, { agency: this.agencyName(agencyId) });
    await gateway.forward(externalId, { targetInstitutionId: target, reasonDescription }, signal);
    return { kind: 'delivered' };
  }

  private async pushFollowUp(
    complaint: ComplaintToPush,
    delivery: DeliveryRecord,
    agency: LaporAgencySettings,
    gateway: LaporGateway,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome> {
    // The create goes first (same order key); while it has not recorded an id there is nothing to add to.
    if (complaint.externalId === null) return { kind: 'failed', reason: 'lapor-reference-missing', retryable: true };
    const followUpAgencyId = String(delivery.details?.followUpAgencyId ?? '');
    const followUpAt = String(delivery.details?.followUpAt ?? '');
    const content = render(this.settings.followUpTemplate, {
      trackingId: complaint.trackingId,
      agency: this.agencyName(followUpAgencyId),
      date: followUpAt.slice(0, 10),
    });
    await gateway.addFollowUp(
      complaint.externalId,
      {
        institutionFromId: agency.institutionId,
        institutionToId: this.institutionOf(complaint.holderAgencyId) ?? agency.institutionId,
        templateCode: agency.followUpTemplateCode,
        content,
        isSecret: complaint.confidential,
      },
      signal,
    );
    return { kind: 'delivered' };
  }

  /**
   * What LAPOR! is told: the complaint's own title and text, its flags, the incident date and our
   * tracking id as a tag; never the reporter. A confidential (rahasia) complaint keeps its text here:
   * LAPOR! gets a notice naming the tracking id instead.
   */
  private toCreate(complaint: ComplaintToPush, agencyId: string): LaporComplaintToCreate {
    const values = { trackingId: complaint.trackingId, agency: this.agencyName(agencyId) };
    return {
      title: complaint.confidential ? render(this.settings.confidentialTitle, values) : complaint.title,
      content: complaint.confidential ? render(this.settings.confidentialContent, values) : complaint.description,
      isAnonymous: complaint.anonymous,
      isSecret: complaint.confidential,
      dateOfIncident: complaint.confidential ? null : complaint.incidentDate,
      trackingTag: `#${complaint.trackingId}`,
    };
  }

  /** LAPOR!'s institution for a node: its own mapping, else the nearest node above it that has one. */
  private institutionOf(nodeId: string | null): string | null {
    if (!nodeId || !this.tree.has(nodeId)) return null;
    for (const id of [...this.tree.pathTo(nodeId)].reverse()) {
      const institution = this.settings.institutions.get(id);
      if (institution) return institution;
    }
    return null;
  }

  private agencyName(agencyId: string): string {
    return this.tree.get(agencyId)?.name ?? agencyId;
  }
}

const render = (template: string, values: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
