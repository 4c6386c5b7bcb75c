import { XMLBuilder } from 'fast-xml-parser';
import type { FastifyReply } from 'fastify';

/** Where Open311 GeoReport v2 is served; its answers, errors included, follow that specification, not problem details. */
export const OPEN311_BASE = '/open311/v2';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

const CONTENT_TYPES: Record<Open311Format, string> = { json: 'application/json; charset=utf-8', xml: 'text/xml; charset=utf-8' };

const xml = new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false });

/** A null or an empty list becomes an empty element, as the specification's examples write absent values. */
const withoutNulls = (value: unknown): unknown => {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '';
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNulls(item)]));
  return value;
};

/**
 * An Open311 answer in the format the path asks for: JSON as the value itself; XML under `root`, a list
 * as one `item` element per entry (`<service_requests><request>…`), an object as the root's children.
 */
export function sendOpen311(reply: FastifyReply, format: Open311Format, root: string, value: unknown, item?: string): string {
  reply.header('content-type', CONTENT_TYPES[format]);
  if (format === 'json') return JSON.stringify(value);
  const body = item && !(Array.isArray(value) && value.length === 0) ? { [item]: withoutNulls(value) } : withoutNulls(value);
  return `<?xml version="1.0" encoding="utf-8"?>\n${xml.build({ [root]: body })}`;
}

/** Whether a request is Open311's: its errors are Open311 errors. */
export const isOpen311Path = (url: string): boolean => url === OPEN311_BASE || url.startsWith(`${OPEN311_BASE}/`);

/** The format an Open311 path names by its extension; JSON when it names none (an unknown route, say). */
export const formatOfPath = (url: string): Open311Format => (/\.xml$/i.test(url.split('?')[0]) ? 'xml' : 'json');

/** The specification's error answer: `[{ code, description }]`, or `<errors><error>…` in XML; the code is the HTTP status. */
export function sendOpen311Error(reply: FastifyReply, url: string, status: number, description: string): void {
  const format = formatOfPath(url);
  reply.status(status).send(sendOpen311(reply, format, 'errors', [{ code: status, description }], 'error'));
}
