import { type DeliveryOutcome, type DeliveryRecord, foldComplaintHistory } from '@lacak/application';
import { complaintStreamId } from '@lacak/domain';
import { type EventStore, readStreamOrEmpty } from '@lacak/event-store';
import type { MessageValues } from './message-values';
import type { ReporterReachFinder } from './reporter-reach';
import type { Language, TemplateValues } from './templates';
import { NOTIFICATION_TOPICS, type NotificationTopic, complaintOfTarget } from './topics';

/** What a channel needs to send one message: the address, the topic, the language and the values. */
export interface MessageToSend {
  address: string;
  topic: NotificationTopic;
  language: Language;
  values: TemplateValues;
}

/**
 * Resolves a delivery into a message at send time, or the outcome that ends it without sending:
 * the identity erased, no contact for this channel, the event gone. Shared by the e-mail and the
 * SMS channel, which differ only in the address they take and how they carry the text.
 */
export class ReporterMessages {
  constructor(
    private readonly events: EventStore,
    private readonly reach: ReporterReachFinder,
    private readonly values: MessageValues,
  ) {}

  async resolve(delivery: DeliveryRecord, address: 'email' | 'phone'): Promise<MessageToSend | Extract<DeliveryOutcome, { kind: 'skipped' | 'failed' }>> {
    const complaintId = complaintOfTarget(delivery.target);
    const topic = NOTIFICATION_TOPICS.find((t) => t === delivery.topic);
    if (!complaintId || !topic) return { kind: 'failed', reason: 'not-a-reporter-notification', retryable: false };
    const history = await readStreamOrEmpty(this.events, delivery.streamId);
    // A duplicate's reporter hears of the original's event: their own complaint says how to reach them.
    const own = delivery.streamId === complaintStreamId(complaintId) ? history : await readStreamOrEmpty(this.events, complaintStreamId(complaintId));
    const reach = await this.reach.reachOf(foldComplaintHistory(own));
    if (reach.kind === 'erased') return { kind: 'skipped', reason: 'identity-erased' };
    if (reach.kind !== 'reachable' || !reach[address]) return { kind: 'skipped', reason: `no-${address}` };
    const values = await this.values.of(history, delivery.eventId, topic, reach);
    if (!values) return { kind: 'skipped', reason: 'event-not-found' };
    return { address: reach[address], topic, language: reach.language, values };
  }
}
