/** A time limit: working days on the holiday calendar, or calendar days; both end at the end of a local day. */
export type Span = { workingDays: number } | { calendarDays: number };
export type SpanUnit = 'workingDays' | 'calendarDays';

export const spanUnit = (span: Span): SpanUnit => ('workingDays' in span ? 'workingDays' : 'calendarDays');
export const spanDays = (span: Span): number => ('workingDays' in span ? span.workingDays : span.calendarDays);
export const spanOf = (unit: SpanUnit, days: number): Span =>
  unit === 'workingDays' ? { workingDays: days } : { calendarDays: days };

/**
 * The limits a policy version sets (defaults and their sources: libs/deadlines/README.md).
 * `information`, `ordinary` and `supervisory` are the resolution limits of the domain's SLA classes.
 */
export const SPAN_LIMITS = [
  'verifyAndDispose',
  'firstFollowUp',
  'information',
  'ordinary',
  'supervisory',
  'autoClose',
  'clarificationWait',
  'disputeWindow',
  'reopenWindow',
  'ombudsmanReferral',
] as const;
export type SpanLimit = (typeof SPAN_LIMITS)[number];

export type SlaLimits = Record<SpanLimit, Span> & {
  /** Returns as "not our authority" after which a complaint counts as bouncing and may be escalated. */
  bounceEscalationThreshold: number;
};

/**
 * What a re-disposition does to the resolution clock: `continue` keeps counting from the first
 * disposition, `restart` counts from the latest. The follow-up clock always restarts.
 */
export const REDISPOSITION_RULES = ['continue', 'restart'] as const;
export type RedispositionRule = (typeof REDISPOSITION_RULES)[number];

/** One published version; a complaint is pinned at submission to the version then in force. */
export interface SlaPolicy {
  version: string;
  /** In force from 00:00 WIB (Asia/Jakarta) on this date until the next version's date. */
  effectiveFrom: string;
  source: string;
  onRedisposition: RedispositionRule;
  limits: SlaLimits;
  /** Where each limit comes from, e.g. "[src] S3: LAPOR! app description". */
  sources?: Partial<Record<keyof SlaLimits | 'onRedisposition', string>>;
}
