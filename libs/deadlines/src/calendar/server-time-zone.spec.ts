import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { probe } from '../testing/time-zone-probe';

const PROBE = join(__dirname, '../testing/time-zone-probe.ts');

/** Runs the probe in a fresh Node process with TZ set from the start, as a server would be. */
function probeUnder(tz: string): { offsetMinutes: number; table: unknown } {
  const output = execFileSync(process.execPath, ['-r', '@swc-node/register', PROBE], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
  });
  return JSON.parse(output);
}

describe('results do not depend on the zone the server runs in', () => {
  const expected = JSON.parse(JSON.stringify(probe()));

  it.each([
    ['UTC', 0],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Asia/Jayapura', -540],
  ])('TZ=%s gives the same table', (tz, offsetMinutes) => {
    const run = probeUnder(tz);
    // Proves the child really ran in that zone.
    expect(run.offsetMinutes).toBe(offsetMinutes);
    expect(run.table).toEqual(expected);
  });
});
