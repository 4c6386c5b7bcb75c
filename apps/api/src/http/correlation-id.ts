import { randomUUID } from 'node:crypto';

/** Short and plain, as UUIDs and the ids of tracing tools are; it is stored in every event's metadata. */
const CLIENT_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's `x-correlation-id` when it is a bounded, plain id; otherwise (absent, repeated, markup, kilobytes) a new one. */
export const correlationIdOf = (header: string | string[] | undefined): string =>
  typeof header === 'string' && CLIENT_CORRELATION_ID.test(header) ? header : randomUUID();
