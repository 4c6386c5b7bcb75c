import type Database from 'better-sqlite3';
import { VerifyEventLog } from '@lacak/application';
import { chainEvents } from '@lacak/integrity';
import { AuditTreeReader } from '@lacak/projections';
import { READ_STORE } from '@lacak/read-store';
import { eventually } from '@lacak/testing';
import { complaintAt } from '../support/complaint-stages';
import { TAMPERINGS, startWithEventsFile, stopWithEventsFile } from '../support/event-tampering';
import { runToExit } from '../support/server-process';
import type { TestApp } from '../support/test-app';

/**
 * The whole log verified: at start in the background, on demand (`npm run verify`), with every
 * fault named by stream and revision and shown in `/health`.
 */
describe('verifying the whole event log', () => {
  let t: TestApp;
  let db: Database.Database;

  beforeAll(async () => ({ t, db } = await startWithEventsFile()));
  afterAll(() => stopWithEventsFile(t, db));

  const verify = () => t.app.get(VerifyEventLog).run();
  const health = async () => (await t.request('GET', '/health')).body;
  const cli = () => runToExit('apps/api/src/cli/verify.ts', { DATA_DIR: t.config.dataDir, LOG_LEVEL: 'silent' });

  it('verifies the log once the engine has started, without holding up its readiness', async () => {
    const integrity = await eventually(
      async () => (await health()).integrity,
      (value: { status: string }) => value.status !== 'not yet verified',
    );
    expect(integrity).toEqual(expect.objectContaining({ status: 'verified', faults: {} }));
  });

  it('passes an intact log, from the command line too', async () => {
    const fixtures = [await complaintAt(t, 'DISPOSED'), await complaintAt(t, 'CLOSED')];
    const verification = await verify();
    expect(verification).toEqual(expect.objectContaining({ ok: true, faults: [], unhashedEvents: 0 }));
    expect(verification.streams).toBeGreaterThanOrEqual(fixtures.length);

    const outcome = await cli();
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/Verified \d+ events in \d+ streams .*\nNo fault/);
  });

  it.each(TAMPERINGS.map((tampering) => [tampering.name, tampering] as const))('finds %s and names its stream and revision', async (_, tampering) => {
    const fixture = await complaintAt(t, 'DISPOSED');
    // A later event in another stream, so the changed one is never the log's last.
    await complaintAt(t, 'SUBMITTED');
    const streamId = `complaint-${fixture.id}`;
    tampering.apply(db, streamId);
    const revisions = db.prepare('SELECT count(*) AS n FROM events WHERE stream_id = ?').get(streamId) as { n: bigint };
    const revision = tampering.fault.revision === 'next' ? String(Number(revisions.n) - 1) : tampering.fault.revision;

    const verification = await verify();

    expect(verification.ok).toBe(false);
    expect(verification.faults).toContainEqual(expect.objectContaining({ streamId, revision, kind: tampering.fault.kind }));
    expect((await health()).integrity).toEqual(expect.objectContaining({ status: 'faults', faults: expect.objectContaining({ [tampering.fault.kind]: expect.any(Number) }) }));
  });

  it('finds an event removed from the middle of the log by the gap in its positions', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    await complaintAt(t, 'SUBMITTED');
    const streamId = `complaint-${fixture.id}`;
    const gaps = async () => (await verify()).faults.filter((fault) => fault.kind === 'position-gap').length;
    const before = await gaps();
    // The stream's last event: its chain alone cannot tell that it ended earlier.
    db.prepare('DELETE FROM events WHERE stream_id = ? AND revision = (SELECT max(revision) FROM events WHERE stream_id = ?)').run(streamId, streamId);

    expect(await gaps()).toBe(before + 1);
  });

  it('exits non-zero from the command line, naming each fault', async () => {
    const outcome = await cli();
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(/fault\(s\):\n {2}complaint-[0-9a-f-]+ revision \d+: content-changed/);
  });
});

describe('a log rewritten whole, every chain recomputed', () => {
  let t: TestApp;
  let db: Database.Database;

  beforeAll(async () => ({ t, db } = await startWithEventsFile()));
  afterAll(() => stopWithEventsFile(t, db));

  it('is found by the signed tree head it no longer matches', async () => {
    const fixture = await complaintAt(t, 'DISPOSED');
    const streamId = `complaint-${fixture.id}`;
    // The head must cover the complaint: the notary's tree reaches its last event first.
    const last = (await t.allEvents()).at(-1)!.position;
    const tree = new AuditTreeReader(t.app.get(READ_STORE));
    await eventually(() => tree.state(), (state) => state.lastPosition !== null && state.lastPosition >= last);
    expect((await t.request('POST', '/audit/tree-heads', { token: await t.token('national_admin', 'national') })).status).toBe(201);
    const mismatches = async () => (await t.app.get(VerifyEventLog).run()).faults.filter((fault) => fault.kind === 'tree-head-mismatch').length;
    const before = await mismatches();

    // The forger rewrites the stream through the engine's own chaining, so every chain holds again.
    const rows = db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY revision').all(streamId) as Record<string, any>[];
    let previous: string | null = null;
    for (const row of rows) {
      const event = { streamId, revision: BigInt(row.revision), type: row.type, data: JSON.parse(row.data), metadata: JSON.parse(row.metadata) };
      if (event.revision === 1n) event.data = { ...event.data, forged: true };
      const [chained] = chainEvents(streamId, event.revision, previous, [{ id: row.event_id, type: event.type, data: event.data, metadata: event.metadata }]);
      previous = chained.metadata.hash!;
      db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(JSON.stringify(chained.data), JSON.stringify(chained.metadata), row.position);
    }
    const verification = await t.app.get(VerifyEventLog).run();
    expect(verification.faults.filter((fault) => fault.streamId === streamId)).toEqual([]);
    expect(await mismatches()).toBe(before + 1);
  });

});
