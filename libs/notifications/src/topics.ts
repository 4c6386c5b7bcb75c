import type { RecordedEvent } from '@lacak/event-store';

/** What a reporter is told, each the name of a template (`<language>/<topic>.txt` and `.sms.txt`). */
export const NOTIFICATION_TOPICS = [
  'complaint-received',
  'complaint-verified',
  'complaint-rejected',
  'complaint-archived',
  'clarification-requested',
  'follow-up-recorded',
  'complaint-closed',
  'auto-close-approaching',
  'complaint-escalated',
  'complaint-marked-duplicate',
  // The news a duplicate's reporter hears of the case that carries theirs on: none of its content.
  'original-verified',
  'original-escalated',
  'original-closed',
  'original-archived',
] as const;
export type NotificationTopic = (typeof NOTIFICATION_TOPICS)[number];

/** The channels a reporter can be reached on. */
export const REPORTER_CHANNELS = ['email', 'sms'] as const;
export type ReporterChannel = (typeof REPORTER_CHANNELS)[number];

const TOPIC_OF_EVENT: Partial<Record<string, NotificationTopic>> = {
  ComplaintSubmitted: 'complaint-received',
  ComplaintVerified: 'complaint-verified',
  ComplaintRejected: 'complaint-rejected',
  ComplaintArchived: 'complaint-archived',
  ClarificationRequested: 'clarification-requested',
  ComplaintResponded: 'follow-up-recorded',
  ComplaintClosed: 'complaint-closed',
  AutoCloseAnnounced: 'auto-close-approaching',
  EscalatedToParent: 'complaint-escalated',
  ReferredToOmbudsman: 'complaint-escalated',
  ComplaintMarkedDuplicate: 'complaint-marked-duplicate',
};

/** The topic a reporter hears of an event, or null: most events are none of the reporter's concern. */
export function topicOf(event: Pick<RecordedEvent, 'type' | 'data'>): NotificationTopic | null {
  // Only a question put to the reporter is theirs to answer; one to the agency or the reported party is not.
  if (event.type === 'ClarificationRequested' && event.data.party !== 'reporter') return null;
  return TOPIC_OF_EVENT[event.type] ?? null;
}

/**
 * The topic a duplicate's reporter hears of its original's news, or null. Only the steps that say
 * nothing of the original's content: its question, follow-up and reasons are its own reporter's.
 */
const ORIGINAL_TOPIC_OF: Partial<Record<NotificationTopic, NotificationTopic>> = {
  'complaint-verified': 'original-verified',
  'complaint-escalated': 'original-escalated',
  'complaint-closed': 'original-closed',
  'complaint-archived': 'original-archived',
};
export const originalTopicOf = (topic: NotificationTopic): NotificationTopic | null => ORIGINAL_TOPIC_OF[topic] ?? null;
export const isOriginalTopic = (topic: NotificationTopic): boolean => Object.values(ORIGINAL_TOPIC_OF).includes(topic);

export const REPORTER_TARGET_PREFIX = 'reporter:';
export const reporterTarget = (complaintId: string): string => `${REPORTER_TARGET_PREFIX}${complaintId}`;
/** The complaint whose reporter a `reporter:<complaintId>` target names; null for any other target. */
export const complaintOfTarget = (target: string): string | null =>
  target.startsWith(REPORTER_TARGET_PREFIX) ? target.slice(REPORTER_TARGET_PREFIX.length) : null;
