import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CONSOLE = resolve(__dirname, '../../apps/console/src');
const catalogue = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(join(CONSOLE, `i18n/locales/${language}/problems.json`), 'utf8'));

/** Every problem code the OpenAPI document names, from the console's generated API types. */
function documentedCodes(): string[] {
  const types = readFileSync(join(CONSOLE, 'api/schema.d.ts'), 'utf8');
  const codes = new Set<string>();
  for (const [, union] of types.matchAll(/code\?: ((?:"[A-Z0-9_]+"(?: \| )?)+);/g)) {
    for (const [, code] of union!.matchAll(/"([A-Z0-9_]+)"/g)) codes.add(code!);
  }
  return [...codes].sort();
}

describe("The console's problem messages", () => {
  it('cover every problem code the API documents, in Bahasa Indonesia and English', () => {
    const codes = documentedCodes();
    expect(codes.length).toBeGreaterThan(50);
    for (const language of ['id', 'en']) {
      const messages = catalogue(language);
      expect({ language, missing: codes.filter((code) => !messages[code]?.trim()) }).toEqual({ language, missing: [] });
    }
  });

  it('say the same things in both languages', () => {
    expect(Object.keys(catalogue('en')).sort()).toEqual(Object.keys(catalogue('id')).sort());
  });
});
