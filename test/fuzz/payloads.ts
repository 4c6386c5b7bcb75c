import fc from 'fast-check';
import type { Schema } from './openapi';
import { junkValue, nastyString, validObject, type Vocabulary } from './values';

/** A request body as sent: its text and the content type it claims, either possibly absent. */
export interface Payload {
  text: string | undefined;
  contentType: string | undefined;
}

const INVALID_JSON = [
  '{',
  '{"title":}',
  "{'title': 'x'}",
  'NaN',
  'undefined',
  '[1,]',
  '{"a":1}{"b":2}',
  '\ufeff{}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"title":"a","title":"b"}',
  'null',
  '"just a string"',
  '12345678901234567890123456789',
];

const CONTENT_TYPES = [
  'application/json; charset=utf-8',
  'application/json; charset=utf-16le',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  'application/xml',
  'application/problem+json',
  '*/*',
  'application/json, text/plain',
  ';;;',
];

/** A body object for the schema: valid, or one change away from it, or junk altogether. */
export function bodyValue(schema: Schema | undefined, vocabulary: Vocabulary): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant({}), junkValue);
  const valid = validObject(schema, vocabulary);
  const keys = Object.keys(schema.properties ?? {});
  const anyKey = fc.oneof(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.constantFrom('isAdmin', '__proto__', 'constructor', 'id', 'status'), fc.string());
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 2, arbitrary: fc.tuple(valid, anyKey).map(([body, key]) => omit(body, key)) },
    { weight: 3, arbitrary: fc.tuple(valid, anyKey, junkValue).map(([body, key, junk]) => ({ ...body, [key]: junk })) },
    { weight: 1, arbitrary: fc.tuple(valid, fc.dictionary(fc.string(), junkValue, { maxKeys: 4 })).map(([body, extra]) => ({ ...extra, ...body })) },
    { weight: 1, arbitrary: fc.array(valid, { maxLength: 3 }) },
    { weight: 2, arbitrary: junkValue },
  );
}

const omit = (body: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));

const deepNesting = fc
  .tuple(fc.constantFrom(['[', ']'], ['{"a":', '}']), fc.integer({ min: 50, max: 20_000 }))
  .map(([[open, close], depth]) => `${open.repeat(depth)}1${close.repeat(depth)}`);

/** Over the 256 KiB body limit. */
const oversized = fc.integer({ min: 256 * 1024, max: 300 * 1024 }).map((n) => JSON.stringify({ title: 'x'.repeat(n) }));

export function payload(schema: Schema | undefined, vocabulary: Vocabulary, hasBody: boolean): fc.Arbitrary<Payload> {
  const json = bodyValue(schema, vocabulary).map((value) => JSON.stringify(value));
  const text = fc.oneof(
    { weight: hasBody ? 30 : 1, arbitrary: json },
    { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...INVALID_JSON), json.map((t) => t.slice(0, Math.floor(t.length / 2))), nastyString) },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: oversized },
  );
  const contentType = fc.oneof(
    { weight: 20, arbitrary: fc.constant('application/json') },
    { weight: 3, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.oneof(
    { weight: hasBody ? 10 : 1, arbitrary: fc.record({ text, contentType }) },
    { weight: hasBody ? 1 : 6, arbitrary: fc.constant({ text: undefined, contentType: undefined }) },
  );
}
