import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyBodyParser, FastifyInstance, FastifyRequest } from 'fastify';
import { isOpen311Path } from '../open311/open311-format';

/**
 * Far deeper than any request body the API defines, and far shallower than what overflows the stack
 * of the validation pipe, which walks bodies recursively (a few thousand levels fit in 256 KiB).
 */
export const MAX_JSON_DEPTH = 32;

/** A body the route does not take: the problem-details filter answers 415. */
class UnsupportedBodyError extends Error {
  override readonly name = 'UnsupportedBodyError';
  readonly statusCode = 415;
}

class JsonTooDeepError extends Error {
  override readonly name = 'JsonTooDeepError';
  /** A client error: the problem-details filter answers 400. */
  readonly statusCode = 400;
}

type CallbackParser = (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => void;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;

/**
 * Whether JSON text nests arrays and objects deeper than `limit`, counting brackets outside strings:
 * one pass over the text, so a deep body is refused before anything is built from it. On valid JSON it
 * agrees with the parsed structure; invalid JSON is the parser's to refuse.
 */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i++;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    // Plain comparisons: this runs once per character of every body.
    else if (char === OPEN_BRACKET || char === OPEN_BRACE) {
      if (++depth > limit) return true;
    } else if (char === CLOSE_BRACKET || char === CLOSE_BRACE) depth--;
  }
  return false;
}

/**
 * Fastify's own JSON parser, prototype-poisoning checks included, behind a depth check that refuses
 * bodies nested deeper than MAX_JSON_DEPTH before they are parsed.
 */
export function boundedJsonParser(fastify: Pick<FastifyInstance, 'getDefaultJsonParser'>): FastifyBodyParser<Buffer> {
  // Fastify's default parser is callback-style; its declared type also admits the promise style.
  const parse = fastify.getDefaultJsonParser('error', 'error') as CallbackParser;
  return (request, body, done) => {
    const text = body.toString('utf8');
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) return done(new JsonTooDeepError(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`));
    parse(request, text, done);
  };
}

/**
 * Form fields as Open311 clients post them, for Open311's routes only: every other route takes JSON and
 * answers a form with 415. A field sent twice keeps both values, which validation then refuses.
 */
export const open311FormParser: FastifyBodyParser<Buffer> = (request, body, done) => {
  if (!isOpen311Path(request.url.split('?')[0])) return done(new UnsupportedBodyError('Unsupported Media Type'));
  const fields: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) {
    const seen = Object.hasOwn(fields, key) ? fields[key] : undefined;
    // defineProperty: a field named __proto__ stays a plain field.
    Object.defineProperty(fields, key, { value: seen === undefined ? value : [seen, value].flat(), enumerable: true, writable: true, configurable: true });
  }
  done(null, fields);
};

/**
 * The API takes JSON bodies (Open311's routes form-encoded ones too). Registering the bounded parser
 * keeps Nest from adding its form-body parser; Fastify's text/plain parser goes too, so a text body
 * gets 415 instead of a list of every field as missing.
 */
export function acceptJsonBodiesOnly(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  app.useBodyParser('application/json', {}, boundedJsonParser(fastify));
  app.useBodyParser('application/x-www-form-urlencoded', {}, open311FormParser);
  fastify.removeContentTypeParser('text/plain');
}
