import type { EventMetadata, EventToAppend } from '../../event-store.port';

/** The metadata every event of the adapter's unit specs carries; its content does not matter to them. */
export const TEST_METADATA: EventMetadata = {
  correlationId: 'c',
  causationId: 'c',
  actor: { id: 'u', role: 'citizen', agencyId: null },
  occurredAt: '2024-05-01T08:30:00.000Z',
  schemaVersion: 1,
};

export const testEvent = (id: string): EventToAppend => ({ id, type: 'Tested', data: {}, metadata: TEST_METADATA });
