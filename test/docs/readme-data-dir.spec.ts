/**
 * The README's `DATA_DIR` row names every file the engine keeps there: an operator backs up and
 * mounts exactly what it lists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '../support/test-app';

it('lists every file a started engine keeps in DATA_DIR', async () => {
  const t = await TestApp.start();
  let files: string[];
  try {
    files = readdirSync(t.config.dataDir).filter((name) => !/-(wal|shm|journal)$/.test(name));
  } finally {
    await t.stop();
  }
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const row = readme.split('\n').find((line) => line.startsWith('| `DATA_DIR` |')) ?? '';
  expect(files.length).toBeGreaterThanOrEqual(6);
  expect(files.filter((name) => !row.includes(`\`${name}\``))).toEqual([]);
});
