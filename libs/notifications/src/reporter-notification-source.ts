import type { DeliverySource, PlannedDelivery } from '@lacak/application';
import { COMPLAINT_STREAM_PREFIX } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import { type ReporterReachFinder, channelsOf } from './reporter-reach';
import { type ReporterChannel, reporterTarget, topicOf } from './topics';

/**
 * Plans the reporter's notifications: for each event a reporter cares about, one delivery per
 * channel their contact offers (`email`, `sms`), to `reporter:<complaintId>`, the topic being the
 * template's name. The reporters of complaints marked duplicate of the event's complaint hear of it
 * too: the case that carries theirs on. Only channel names are planned; the contact is read again
 * when the message goes out, and an identity erased by then is skipped.
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
    // A duplicate's own marking tells only its reporter; later news of a case reaches its duplicates'.
    const recipients = event.type === 'ComplaintMarkedDuplicate' ? [complaintId] : [complaintId, ...(await this.duplicatesOf(complaintId))];
    const planned: PlannedDelivery[] = [];
    for (const recipient of recipients) {
      const target = reporterTarget(recipient);
      for (const channel of channelsOf(await this.reach.reach(recipient)).filter((c) => this.channels.includes(c))) {
        planned.push({ channel, target, topic, complaintId, orderKey: target });
      }
    }
    return planned;
  }

  private async duplicatesOf(complaintId: string): Promise<string[]> {
    const duplicates = await this.readStore
      .collection<ComplaintDocument>(COMPLAINTS_COLLECTION)
      .find({ 'duplicateOf.originalComplaintId': complaintId }, { sort: { _id: 1 } });
    return duplicates.map((d) => d._id);
  }
}
