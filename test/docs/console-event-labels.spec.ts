import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMPLAINT_EVENT_TYPES } from '@lacak/domain';

const LOCALES = resolve(__dirname, '../../apps/console/src/i18n/locales');
const eventLabels = (language: string): Record<string, string> =>
  JSON.parse(readFileSync(join(LOCALES, language, 'common.json'), 'utf8')).events;

// The console shows a complaint's history by event type; one without a label shows its code name.
describe("The console's history labels", () => {
  it.each(['id', 'en'])('name every complaint event type in %s', (language) => {
    const labels = eventLabels(language);
    expect(COMPLAINT_EVENT_TYPES.filter((type) => !labels[type]?.trim())).toEqual([]);
  });
});
