import type { ComplaintEvent } from './complaint.events';

/** Each complaint's events are one stream, named after the complaint. */
export const COMPLAINT_STREAM_PREFIX = 'complaint-';

export const complaintStreamId = (complaintId: string): string => `${COMPLAINT_STREAM_PREFIX}${complaintId}`;

export const complaintIdOf = (streamId: string): string => streamId.slice(COMPLAINT_STREAM_PREFIX.length);

/** Stored events are trusted to be complaint events: only the engine writes complaint streams. */
export const toComplaintEvent = (stored: { type: string; data: unknown }): ComplaintEvent =>
  ({ type: stored.type, data: stored.data }) as ComplaintEvent;
