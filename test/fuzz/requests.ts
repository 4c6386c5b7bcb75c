import fc from 'fast-check';
import type { FuzzWorld } from './fuzz-world';
import type { Operation, Parameter } from './openapi';
import { payload } from './payloads';
import { nastyString, validValue, type Vocabulary } from './values';

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: string | undefined;
}

/** Percent-encodes any string, lone surrogates included (they become U+FFFD). */
const encode = (text: string) => encodeURIComponent(Buffer.from(text, 'utf8').toString('utf8'));

/** Path segments as a client could send them, left undecoded: traversal, bad escapes, encoded slashes. */
const RAW_SEGMENTS = ['..', '.', '%2e%2e', '..%2f..%2fetc', '%2F', '%ff', '%', '%zz', 'a%00b', '..;', '~', '*', '%252e%252e', 'x'.repeat(150)];

/** What a header may carry on the wire: visible ASCII, spaces and obs-text bytes. */
const headerText = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength: 80 });

const OTHER_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function segment(parameter: Parameter, vocabulary: Vocabulary): fc.Arbitrary<string> {
  const known = vocabulary.known[parameter.name.toLowerCase()] ?? [];
  return fc.oneof(
    { weight: known.length ? 8 : 0, arbitrary: known.length ? fc.constantFrom(...known).map(encode) : fc.constant('') },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: nastyString.filter((s) => s.length > 0 && s.length < 200).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );
}

const queryPair = (key: string, value: unknown) => `${encode(key)}=${encode(typeof value === 'string' ? value : JSON.stringify(value))}`;

function query(parameters: Parameter[], vocabulary: Vocabulary): fc.Arbitrary<string> {
  const documented = parameters.map((p) =>
    fc.oneof(
      { weight: 3, arbitrary: fc.constant([] as string[]) },
      { weight: 4, arbitrary: validValue(p.schema, p.name, vocabulary).map((v) => [queryPair(p.name, v)]) },
      { weight: 1, arbitrary: nastyString.map((v) => [queryPair(p.name, v)]) },
      { weight: 1, arbitrary: fc.tuple(nastyString, nastyString).map(([a, b]) => [queryPair(p.name, a), queryPair(p.name, b)]) },
    ),
  );
  const extra = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as string[]) },
    { weight: 1, arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), nastyString, { maxKeys: 3 }).map((d) => Object.entries(d).map(([k, v]) => queryPair(k, v))) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '&&&', '=', 'a[b]=c', '__proto__=1', 'constructor[prototype][x]=1', 'page=1e400', 'pageSize=-1', 'q').map((raw) => [raw]) },
  );
  return fc.tuple(fc.tuple(...documented), extra).map(([pairs, more]) => {
    const all = [...pairs.flat(), ...more];
    return all.length ? `?${all.join('&')}` : '';
  });
}

/** A header parameter: absent, meaningful, or junk. */
function headerValue(name: string, vocabulary: Vocabulary): fc.Arbitrary<string | undefined> {
  const known = vocabulary.known[name.toLowerCase()] ?? [];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(undefined) },
    { weight: known.length ? 3 : 0, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant(undefined) },
    { weight: 1, arbitrary: headerText },
  );
}

function authorization(world: FuzzWorld): fc.Arbitrary<string | undefined> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...world.validTokens).map((token) => `Bearer ${token}`) },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.constantFrom(...world.badAuthorizations) },
    { weight: 1, arbitrary: headerText },
  );
}

/** One request to the operation, as a random and often malformed client would send it. */
export function fuzzRequest(operation: Operation, world: FuzzWorld, vocabulary: Vocabulary): fc.Arbitrary<FuzzRequest> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const headerNames = [
    ...new Set(['if-match', 'idempotency-key', 'x-correlation-id', ...operation.parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase())]),
  ];
  return fc
    .record({
      method: fc.oneof({ weight: 19, arbitrary: fc.constant(operation.method) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER_METHODS) }),
      segments: fc.tuple(...pathParameters.map((p) => segment(p, vocabulary))),
      query: query(operation.parameters.filter((p) => p.in === 'query'), vocabulary),
      authorization: authorization(world),
      headers: fc.tuple(...headerNames.map((name) => headerValue(name, vocabulary))),
      payload: payload(operation.body, vocabulary, operation.body !== undefined),
      contentTypeOverride: fc.oneof({ weight: 19, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: headerText }),
    })
    .map(({ method, segments, query, authorization, headers, payload, contentTypeOverride }) => {
      const path = pathParameters.reduce((url, p, i) => url.replace(`{${p.name}}`, segments[i]), operation.path);
      const all: Record<string, string | undefined> = Object.fromEntries(headerNames.map((name, i) => [name, headers[i]]));
      all.authorization = authorization;
      all['content-type'] = contentTypeOverride ?? payload.contentType;
      const request: FuzzRequest = {
        method,
        url: `${path}${query}`,
        headers: Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined)),
        payload: payload.text,
      };
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
}

/** A short account of a request for failure messages; long values are cut. */
export function describeRequest({ method, url, headers, payload }: FuzzRequest): string {
  const cut = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);
  return `${method} ${cut(url)}\n  headers: ${cut(JSON.stringify(headers))}\n  body: ${payload === undefined ? '(none)' : cut(JSON.stringify(payload))}`;
}
