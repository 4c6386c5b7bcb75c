import { readFileSync } from 'node:fs';
import { CONSOLE_API_TYPES, generateConsoleApiTypes } from '../../apps/api/src/cli/console-api-types';

describe('The console’s API types', () => {
  it('are those the OpenAPI document gives now', async () => {
    const committed = readFileSync(CONSOLE_API_TYPES, 'utf8');
    const current = await generateConsoleApiTypes();
    if (current !== committed) {
      const [was, now] = [committed.split('\n'), current.split('\n')];
      const line = now.findIndex((text, i) => text !== was[i]);
      throw new Error(
        'apps/console/src/api/schema.d.ts is out of date with the OpenAPI document: run `npm run console:api-types` and commit the result.\n' +
          `First difference at line ${line + 1}:\n  committed: ${was[line] ?? '(end of file)'}\n  generated: ${now[line] ?? '(end of file)'}`,
      );
    }
    expect(current).toContain('"/track/{trackingId}/accept"');
  }, 60_000);
});
