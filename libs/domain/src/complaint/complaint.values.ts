/** Closed value sets of the complaint domain (see libs/domain/README.md, *Sources and decisions*). */

export const CHANNELS = ['web', 'sms', 'app', 'social', 'letter', 'walk-in', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels through which an officer digitises a complaint on the reporter's behalf. */
export const OFFICER_INTAKE_CHANNELS: readonly Channel[] = ['sms', 'letter', 'walk-in'];

/** How a reporter's answer to a clarification reached an officer when the reporter did not answer online. */
export const OFFLINE_ANSWER_CHANNELS = ['phone', 'sms', 'letter', 'walk-in'] as const;
export type OfflineAnswerChannel = (typeof OFFLINE_ANSWER_CHANNELS)[number];

export const CLASSIFICATIONS = ['pengaduan', 'aspirasi', 'permintaan_informasi'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Deadline class fixed at verification: `information` (aspirasi and information requests, 5 WD),
 * `ordinary` (pengaduan tidak berkadar pengawasan, 14 WD), `supervisory` (berkadar pengawasan, 60 WD).
 */
export const SLA_CLASSES = ['information', 'ordinary', 'supervisory'] as const;
export type SlaClass = (typeof SLA_CLASSES)[number];

/** `out_of_scope`: legal, legislative or criminal matters; `not_our_authority`: bukan wewenang. */
export const REJECT_REASON_CODES = ['out_of_scope', 'not_our_authority'] as const;
export type RejectReasonCode = (typeof REJECT_REASON_CODES)[number];

export const ARCHIVE_REASON_CODES = ['wrong_format', 'too_general', 'not_relevant', 'unanswered_clarification'] as const;
export type ArchiveReasonCode = (typeof ARCHIVE_REASON_CODES)[number];

/** Who a clarification is asked of: the reporter (pelapor), the reported party (terlapor), or another agency. */
export const CLARIFICATION_PARTIES = ['reporter', 'respondent', 'agency'] as const;
export type ClarificationParty = (typeof CLARIFICATION_PARTIES)[number];

export const MEDIATION_OUTCOMES = ['agreement', 'no_agreement', 'withdrawn'] as const;
export type MediationOutcome = (typeof MEDIATION_OUTCOMES)[number];

export const FINDINGS_CONCLUSIONS = ['irregularity_found', 'no_irregularity'] as const;
export type FindingsConclusion = (typeof FINDINGS_CONCLUSIONS)[number];

export const CLOSE_REASON_CODES = ['accepted_by_reporter', 'closed_by_admin', 'no_reply'] as const;
export type CloseReasonCode = (typeof CLOSE_REASON_CODES)[number];

/** A reporter's satisfaction rating (kepuasan) of the follow-up: 1 (poor) to 5 (very good). */
export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** Who judged a follow-up normative (a promise without substance): a verifier, or the reporter disputing it. */
export const NORMATIVE_MARKERS = ['verifier', 'reporter'] as const;
export type NormativeMarker = (typeof NORMATIVE_MARKERS)[number];

/**
 * The deadline clocks a deadline process watches (libs/domain/README.md, *Sources and decisions*: deadlines): `verification` (verify
 * and dispose), `followUp` (first tindak lanjut after disposition), `resolution` (the SLA class's
 * completion limit) and `clarification` (a reporter's answer).
 */
export const DEADLINE_CLOCKS = ['verification', 'followUp', 'resolution', 'clarification'] as const;
export type DeadlineClock = (typeof DEADLINE_CLOCKS)[number];

/**
 * Where the holidays of one year of a deadline's count came from: a published calendar version,
 * the holiday file shipped with the engine, or the `date-holidays` library's unverified guesses.
 */
export interface CalendarBasis {
  year: number;
  source: 'published' | 'holiday-file' | 'date-holidays';
  version: number | null;
}

/** Why a complaint is escalated to a node above its holder: a missed deadline, or ping-pong between agencies. */
export const ESCALATION_REASONS = ['deadline', 'bouncing'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export const COMPLAINT_STATUSES = [
  'SUBMITTED',
  'VERIFIED',
  'AWAITING_REPORTER',
  'DISPOSED',
  'IN_PROGRESS',
  'MEDIATION',
  'INVESTIGATION',
  'RESPONDED',
  'CLOSED',
  'REJECTED',
  'ARCHIVED_INVALID',
  'DUPLICATE',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Statuses no lifecycle command leaves, except that a CLOSED complaint may be reopened (and rated, reviewed). */
export const TERMINAL_STATUSES: readonly ComplaintStatus[] = ['CLOSED', 'REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'];

/** Statuses in which a complaint is still being handled. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = COMPLAINT_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

/** Systems outside this engine that hold their own copy of a complaint (SP4N-LAPOR! v3). */
export const EXTERNAL_SYSTEMS = ['sp4n-lapor'] as const;
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];
/** Who attached a file: the reporter, or an officer handling the complaint. */
export type AttachmentParty = 'reporter' | 'officer';
