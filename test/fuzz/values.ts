import fc from 'fast-check';
import type { Schema } from './openapi';

/** Where values come from besides chance: the seeded data, and the document's shared schemas. */
export interface Vocabulary {
  /** Values worth trying, by lower-cased parameter or property name. */
  known: Record<string, string[]>;
  resolve: (schema: Schema | undefined) => Schema | undefined;
}

/** Strings a careless handler might trip on: traversal, injection, control and odd Unicode characters. */
const NASTY_STRINGS = [
  '',
  ' ',
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  '\u0000',
  '%00',
  '{"$gt":""}',
  '$where',
  '.*',
  '(a+)+$',
  "'; DROP TABLE events; --",
  '<script>alert(1)</script>',
  '\u202e\u200b\ufeff',
  '𝕃𝕒𝕔𝕒𝕜 👩🏽‍⚖️',
  '__proto__',
  'constructor',
  'NaN',
  '-0',
  '1e309',
];

const hugeString = fc
  .tuple(fc.constantFrom('x', 'é', '𝕏', '\u0000', '"'), fc.integer({ min: 4_000, max: 120_000 }))
  .map(([unit, count]) => unit.repeat(count));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeString },
);

/** Any JSON value, nasty strings included: what a wrong-typed field or a whole junk body holds. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}) },
);

/** Values a property could hold: mostly valid for its schema, sometimes a known meaningful value. */
export function validValue(schema: Schema | undefined, name: string, vocabulary: Vocabulary, depth = 0): fc.Arbitrary<unknown> {
  const base = byType(vocabulary.resolve(schema) ?? {}, vocabulary, depth);
  const hints = vocabulary.known[name.toLowerCase()];
  return hints?.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hints) }, { weight: 1, arbitrary: base }) : base;
}

function byType(schema: Schema, vocabulary: Vocabulary, depth: number): fc.Arbitrary<unknown> {
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
    case 'number':
      return fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 1000 });
    case 'array':
      return fc.array(validValue(schema.items, '', vocabulary, depth + 1), { maxLength: 3 });
    case 'object':
      return depth > 3 ? fc.constant({}) : validObject(schema, vocabulary, depth + 1);
    case 'string':
      return stringFor(schema);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc.date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    default:
      return fc.string({ minLength: schema.minLength ?? 1, maxLength: Math.min(schema.maxLength ?? 60, 60), unit: 'grapheme' });
  }
}

/** An object with every required property and some optional ones. */
export function validObject(schema: Schema, vocabulary: Vocabulary, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, validValue(property, key, vocabulary, depth)]));
  return fc.record(properties, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<Record<string, unknown>>;
}
