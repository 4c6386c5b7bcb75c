import { join } from 'node:path';
import Database from 'better-sqlite3';
import { COMPLAINTS_COLLECTION } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { EMBEDDED_FILES } from '@lacak/storage';
import { complaintAt } from '../support/complaint-stages';
import { TAMPERINGS } from '../support/event-tampering';
import { runToExit } from '../support/server-process';
import { TestApp } from '../support/test-app';

/** `npm run rebuild` never serves a forged event as fact: a stream with a broken chain is left out unless asked for. */
describe('a rebuild over a tampered event log', () => {
  let dataDir: string;
  let intact: string;
  let tampered: string;
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start({ PROJECTOR_IN_PROCESS: 'false' });
    dataDir = t.config.dataDir;
    intact = (await complaintAt(t, 'DISPOSED')).id;
    tampered = (await complaintAt(t, 'DISPOSED')).id;
    await t.app.close();
    const db = new Database(join(dataDir, EMBEDDED_FILES.events));
    try {
      TAMPERINGS[0].apply(db, `complaint-${tampered}`);
    } finally {
      db.close();
    }
  });
  afterAll(() => t.stop());

  const rebuild = (...args: string[]) => runToExit(['apps/projector/src/rebuild.ts', ...args], { DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const projectedComplaints = async () => {
    const readStore = SqliteReadStore.open({ file: join(dataDir, EMBEDDED_FILES.readModels) });
    try {
      return (await readStore.collection(COMPLAINTS_COLLECTION).find({})).map((document) => document._id);
    } finally {
      await readStore.close();
    }
  };

  it('leaves the stream with a broken chain out, and names it', async () => {
    const outcome = await rebuild();
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain(`Integrity fault in complaint-${tampered} revision 1: content-changed`);
    expect(outcome.stdout).toContain('left out 1 stream(s) with a broken chain');
    expect(await projectedComplaints()).toEqual([intact]);
  });

  it('projects it when told to', async () => {
    const outcome = await rebuild('--accept-broken-chains');
    expect(outcome.code).toBe(0);
    expect(outcome.stderr).toContain('as --accept-broken-chains asks');
    expect((await projectedComplaints()).sort()).toEqual([intact, tampered].sort());
  });
});
