import type { DeliverySource, PlannedDelivery } from '@lacak/application';
import { COMPLAINT_STREAM_PREFIX } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { type ReporterReach, type ReporterReachFinder, channelsOf } from './reporter-reach';
import { type NotificationTopic, type ReporterChannel, originalTopicOf, reporterTarget, topicOf } from './topics';

/**
 * Plans the reporter's notifications: for each event a reporter cares about, one delivery per
 * channel their contact offers (`email`, `sms`), to `reporter:<complaintId>`, the topic being the
 * template's name. The reporters of complaints marked duplicate of the event's complaint hear, under
 * their own topics, that the case carrying theirs on was verified, escalated, closed or archived,
 * and nothing of its content; of a confidential case they hear nothing. Only channel names are
 * planned; the contact is read again when the message goes out, and an identity erased by then is
 * skipped.
 */
export class ReporterNotificationSource implements DeliverySource {
  readonly name = 'reporter-notifications';

  constructor(
    private readonly reach: ReporterReachFinder,
    private readonly readStore: ReadStore,
    /** The channels this engine has configured: a delivery nothing could carry is not planned. */
    private readonly channels: readonly ReporterChannel[],
  ) {}

  async plan(event: RecordedEvent): Promise<PlannedDelivery[]> {
    if (!event.streamId.startsWith(COMPLAINT_STREAM_PREFIX)) return [];
    const topic = topicOf(event);
    if (!topic) return [];
    const complaintId = event.streamId.slice(COMPLAINT_STREAM_PREFIX.length);
    const complaint = await this.reach.complaint(complaintId);
    const planned = this.deliveries(complaintId, topic, complaintId, await this.reach.reachOf(complaint));
    const news = originalTopicOf(topic);
    if (news && !complaint.confidential) {
      for (const duplicate of await this.duplicatesOf(complaintId)) {
        planned.push(...this.deliveries(duplicate, news, complaintId, await this.reach.reach(duplicate)));
      }
    }
    return planned;
  }

  /** One delivery per configured channel the recipient can be reached on, ordered per channel and recipient. */
  private deliveries(recipient: string, topic: NotificationTopic, complaintId: string, reach: ReporterReach): PlannedDelivery[] {
    const target = reporterTarget(recipient);
    // Per channel: an SMS gateway down must not hold back the same reporter's e-mails.
    return channelsOf(reach)
      .filter((channel) => this.channels.includes(channel))
      .map((channel) => ({ channel, target, topic, complaintId, orderKey: `${channel}:${target}` }));
  }

  private async duplicatesOf(complaintId: string): Promise<string[]> {
    const duplicates = await this.readStore
      .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
      .find({ 'duplicateOf.originalComplaintId': complaintId }, { sort: { _id: 1 } });
    return duplicates.map((d) => d._id);
  }
}
