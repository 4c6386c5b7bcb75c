import { type DeadlineContext, INDONESIAN_ZONES, type IndonesianZone, addSpan, clockSpans } from '@lacak/deadlines';
import { type ComplaintEvent, type ComplaintStatus, complaintStreamId, foldComplaint, holderOf } from '@lacak/domain';
import { type EventStore, type RecordedEvent, readStreamOrEmpty } from '@lacak/event-store';
import type { Language, TemplateValues } from './templates';

const STATUS_WORDS: Record<Language, Record<ComplaintStatus, string>> = {
  id: {
    SUBMITTED: 'Belum Terverifikasi',
    VERIFIED: 'Terverifikasi',
    AWAITING_REPORTER: 'Menunggu klarifikasi pelapor',
    DISPOSED: 'Belum Ditindaklanjuti',
    IN_PROGRESS: 'Proses',
    MEDIATION: 'Mediasi',
    INVESTIGATION: 'Pemeriksaan',
    RESPONDED: 'Tindak lanjut diberikan',
    CLOSED: 'Selesai',
    REJECTED: 'Ditolak',
    ARCHIVED_INVALID: 'Diarsipkan',
    DUPLICATE: 'Digabungkan',
  },
  en: {
    SUBMITTED: 'Not yet verified',
    VERIFIED: 'Verified',
    AWAITING_REPORTER: 'Waiting for your clarification',
    DISPOSED: 'Not yet followed up',
    IN_PROGRESS: 'In progress',
    MEDIATION: 'Mediation',
    INVESTIGATION: 'Under examination',
    RESPONDED: 'Follow-up given',
    CLOSED: 'Closed',
    REJECTED: 'Rejected',
    ARCHIVED_INVALID: 'Archived',
    DUPLICATE: 'Merged',
  },
};

/** The status words of a status, as a reporter reads them. */
export const statusWords = (status: ComplaintStatus, language: Language): string => STATUS_WORDS[language][status];

/** The recipient's side of a message: their own complaint's tracking id, their language and name. */
export interface Recipient {
  trackingId: string;
  language: Language;
  name: string | null;
}

/**
 * The values a template is filled with, read at send time from the event the delivery is for and
 * the history of its complaint: the delivery record itself holds none of them.
 */
export class MessageValues {
  constructor(
    private readonly events: EventStore,
    private readonly deadlines: DeadlineContext,
  ) {}

  /** Null when the event is not (or no longer) in its stream. */
  async of(delivery: { streamId: string; eventId: string }, recipient: Recipient): Promise<TemplateValues | null> {
    const stream = await readStreamOrEmpty(this.events, delivery.streamId);
    const at = stream.findIndex((e) => e.id === delivery.eventId);
    if (at < 0) return null;
    const event = stream[at];
    const state = foldComplaint(stream.slice(0, at + 1).map(asComplaintEvent));
    const zone = this.deadlines.zoneOf(holderOf(state));
    const values: TemplateValues = {
      trackingId: state.trackingId ?? '',
      yourTrackingId: recipient.trackingId,
      status: statusWords(state.status as ComplaintStatus, recipient.language),
      reporterName: recipient.name ?? '',
    };
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
        values.dueAt = formatInstant(this.dueOf(stream, 'clarification', { reporterClarifications: [{ requestedAt: String(data.at) }] }, zone), zone, recipient.language);
        break;
      case 'ComplaintResponded':
        values.followUp = String(data.followUp);
        values.dueAt = formatInstant(this.dueOf(stream, 'autoClose', { respondedAt: String(data.at) }, zone), zone, recipient.language);
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
    stream: RecordedEvent[],
    clock: 'clarification' | 'autoClose',
    facts: { respondedAt?: string; reporterClarifications?: { requestedAt: string }[] },
    zone: IndonesianZone,
  ): string {
    const submitted = stream[0].data;
    const submittedAt = String(submitted.at);
    const policy = this.deadlines.policyFor(submitted.slaPolicyVersion as string | null, submittedAt);
    const span = clockSpans(policy, { submittedAt, ...facts })[clock];
    return span ? addSpan(this.deadlines.calendar, span.start, span.span, zone) : '';
  }
}

const asComplaintEvent = (e: RecordedEvent): ComplaintEvent => ({ type: e.type, data: e.data }) as unknown as ComplaintEvent;

/** An instant as a reporter reads it: the date and time in the holding agency's zone, with the zone's name. */
export function formatInstant(instant: string, zone: IndonesianZone, language: Language): string {
  if (!instant) return '';
  const local = new Intl.DateTimeFormat(language === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: zone }).format(new Date(instant));
  return `${local} ${INDONESIAN_ZONES[zone]}`;
}
