import { type DeadlineContext, INDONESIAN_ZONES, type IndonesianZone, addSpan, clockSpans } from '@lacak/deadlines';
import { PUBLIC_STATUS, foldComplaintHistory } from '@lacak/application';
import { type ComplaintStatus, complaintStreamId, holderOf } from '@lacak/domain';
import { type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import type { Language, TemplateValues } from './templates';
import { type NotificationTopic, isOriginalTopic } from './topics';

/** English beside the public labels, grouping the statuses as they do. */
const ENGLISH_STATUS: { readonly [status in ComplaintStatus]: string } = {
  SUBMITTED: 'Not yet verified',
  VERIFIED: 'Not yet followed up',
  DISPOSED: 'Not yet followed up',
  AWAITING_REPORTER: 'Waiting for your clarification',
  IN_PROGRESS: 'In progress',
  MEDIATION: 'In progress',
  INVESTIGATION: 'In progress',
  RESPONDED: 'Follow-up given',
  CLOSED: 'Closed',
  REJECTED: 'Not within our authority',
  ARCHIVED_INVALID: 'Archived',
  DUPLICATE: 'Duplicate',
};

/** The status words of a status, as a reporter reads them. */
export const statusWords = (status: ComplaintStatus, language: Language): string => (language === 'id' ? PUBLIC_STATUS : ENGLISH_STATUS)[status];

/** The recipient's side of a message: their own complaint's tracking id and their language. */
export interface Recipient {
  trackingId: string;
  language: Language;
}

/**
 * The values a template is filled with, read at send time from the event the delivery is for and
 * the history of its complaint: the delivery record itself holds none of them. A duplicate's
 * reporter gets only the case's tracking id and status, never its reason, question or follow-up.
 */
export class MessageValues {
  constructor(
    private readonly events: EventStore,
    private readonly deadlines: DeadlineContext,
  ) {}

  /** Null when the event is not (or no longer) in the history. */
  async of(history: RecordedEvent[], eventId: string, topic: NotificationTopic, recipient: Recipient): Promise<TemplateValues | null> {
    const at = history.findIndex((e) => e.id === eventId);
    if (at < 0) return null;
    const event = history[at];
    const state = foldComplaintHistory(history.slice(0, at + 1));
    const values: TemplateValues = {
      trackingId: state.trackingId ?? '',
      yourTrackingId: recipient.trackingId,
      status: statusWords(state.status as ComplaintStatus, recipient.language),
    };
    if (isOriginalTopic(topic)) return values;
    const zone = this.deadlines.zoneOf(holderOf(state));
    const data = event.data;
    switch (event.type) {
      case 'ComplaintRejected':
      case 'ComplaintArchived':
        values.reason = String(data.reason);
        break;
      case 'ComplaintMarkedDuplicate':
        // The case that carries the duplicate on is the one the reporter follows from now on.
        values.trackingId = await this.trackingIdOf(String(data.originalComplaintId));
        break;
      case 'ClarificationRequested':
        values.question = String(data.question);
        values.dueAt = formatInstant(this.dueOf(history, 'clarification', { reporterClarifications: [{ requestedAt: String(data.at) }] }, zone), zone, recipient.language);
        break;
      case 'ComplaintResponded':
        values.followUp = String(data.followUp);
        values.dueAt = formatInstant(this.dueOf(history, 'autoClose', { respondedAt: String(data.at) }, zone), zone, recipient.language);
        break;
      case 'AutoCloseAnnounced':
        values.dueAt = formatInstant(String(data.dueAt), zone, recipient.language);
        break;
    }
    return values;
  }

  private async trackingIdOf(complaintId: string): Promise<string> {
    const submitted = (await readStreamOrEmpty(this.events, complaintStreamId(complaintId), { maxCount: 1 }))[0];
    return submitted ? String(submitted.data.trackingId) : '';
  }

  /** A clock's due instant under the complaint's pinned policy, as the deadline process counts it. */
  private dueOf(
    history: RecordedEvent[],
    clock: 'clarification' | 'autoClose',
    facts: { respondedAt?: string; reporterClarifications?: { requestedAt: string }[] },
    zone: IndonesianZone,
  ): string {
    const submitted = history[0].data;
    const submittedAt = String(submitted.at);
    const policy = this.deadlines.policyFor(submitted.slaPolicyVersion as string | null, submittedAt);
    const span = clockSpans(policy, { submittedAt, ...facts })[clock];
    return span ? addSpan(this.deadlines.calendar, span.start, span.span, zone) : '';
  }
}

/** An instant as a reporter reads it: the date and time in the holding agency's zone, with the zone's name. */
export function formatInstant(instant: string, zone: IndonesianZone, language: Language): string {
  if (!instant) return '';
  const local = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(new Date(instant));
  return `${local} ${INDONESIAN_ZONES[zone]}`;
}
