import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@lacak/config';
import type { RecordedEvent } from '@lacak/event-store';
import type { ReadModelProjector } from '@lacak/projections';
import { closeStores, openStores } from '@lacak/storage';
import { eventually } from '@lacak/testing';
import { createApp } from '../create-app';
import { PROJECTOR } from '../infrastructure/tokens';
import { demoWindowHours } from './demo/demo-plan';
import { allReporterNames } from './demo/demo-reporters';
import { type SeedDemoResult, seedDemo } from './seed-demo';

const COUNT = 40;
/** A seed whose 40 complaints include every monitoring fact (the default 300 of any seed do). */
const SEED = 1;

interface Seeded {
  result: SeedDemoResult;
  events: RecordedEvent[];
  complaints: { title: string; status: string }[];
  identityNames: string[];
}

const dataDirs: string[] = [];

/** Seeds a fresh DATA_DIR in-process, then reads what the app left behind from its stores. */
async function seedFresh(seed: number): Promise<Seeded> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-seed-'));
  dataDirs.push(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const result = await seedDemo({ config, count: COUNT, seed });

  const stores = await openStores(config);
  const { eventStore, readStore, identities } = stores;
  try {
    const events = await eventStore.readAll();
    const complaints = await readStore.collection<{ _id: string; title: string; status: string }>('complaints').find({});
    const refs = events.flatMap((e) => (e.type === 'ComplaintSubmitted' && e.data.reporterRef ? [String(e.data.reporterRef)] : []));
    const stored = await Promise.all(refs.map((ref) => identities.find(ref)));
    return { result, events, complaints, identityNames: stored.flatMap((identity) => (identity?.name ? [identity.name] : [])) };
  } finally {
    await closeStores(stores);
  }
}

describe('seedDemo', () => {
  let first: Seeded;

  beforeAll(async () => {
    first = await seedFresh(SEED);
  });

  afterAll(() => {
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  it('submits every complaint through the command path', () => {
    expect(first.events.filter((e) => e.type === 'ComplaintSubmitted')).toHaveLength(COUNT);
    expect(first.result.complaints).toBe(COUNT);
  });

  it('leaves the complaints in many statuses, as the read model shows once projected', () => {
    const statuses = new Set(first.complaints.map((c) => c.status));
    expect(first.complaints).toHaveLength(COUNT);
    expect(statuses.size).toBeGreaterThanOrEqual(6);
    const projected: Record<string, number> = {};
    for (const { status } of first.complaints) projected[status] = (projected[status] ?? 0) + 1;
    expect(projected).toEqual(first.result.byStatus);
  });

  it('spreads the submissions over the four quarters before the current one and the current one', () => {
    const submittedAt = first.events.filter((e) => e.type === 'ComplaintSubmitted').map((e) => new Date(String(e.data.at)));
    const quarterOf = (at: Date) => `${at.getUTCFullYear()}-Q${Math.floor(at.getUTCMonth() / 3) + 1}`;
    const windowStart = Date.now() - demoWindowHours(new Date()) * 3_600_000;
    expect(new Set(submittedAt.map(quarterOf)).size).toBe(5);
    expect(submittedAt.every((at) => at.getTime() >= windowStart - 60_000 && at.getTime() <= Date.now())).toBe(true);
  });

  it('records the facts monitoring counts: ratings, normative follow-ups by verifiers and reporters, reviews and policy improvements', () => {
    const recorded = (type: string) => first.events.filter((e) => e.type === type);
    const normative = recorded('FollowUpMarkedNormative');
    expect(new Set(normative.map((e) => e.data.markedBy))).toEqual(new Set(['verifier', 'reporter']));
    // The reporter's mark comes in the same decision as the dispute, right after it.
    for (const mark of normative.filter((e) => e.data.markedBy === 'reporter')) {
      expect(first.events.find((e) => e.streamId === mark.streamId && e.revision === mark.revision - 1n)?.type).toBe('FollowUpDisputed');
    }
    for (const type of ['ComplaintRated', 'LeadershipReviewRecorded', 'PolicyImprovementLinked']) expect(recorded(type).length).toBeGreaterThan(0);
  });

  it('evaluates a few agencies for last year, with action plans their coordinators follow, one late action per province', () => {
    const evaluations = first.events.filter((e) => e.type === 'EvaluationRecorded');
    expect(evaluations.length).toBeGreaterThanOrEqual(2);
    const plans = first.events.filter((e) => e.type === 'ActionPlanSubmitted');
    expect(plans.length).toBe(evaluations.length);
    // Each plan's first action is done; half the agencies are late on the second (past due, at 40 %).
    const today = new Date().toISOString().slice(0, 10);
    const second = plans.map((plan) => (plan.data.actions as { dueDate: string }[])[1]);
    expect(second.filter((action) => action.dueDate < today)).toHaveLength(evaluations.length / 2);
    const progress = first.events.filter((e) => e.type === 'ActionProgressRecorded').map((e) => e.data.percent);
    expect(progress.filter((percent) => percent === 40)).toHaveLength(evaluations.length);
  });

  it('keeps reporter names in the identity store and out of every event', () => {
    const names = allReporterNames();
    expect(first.identityNames.length).toBeGreaterThan(0);
    expect(first.identityNames.every((name) => names.includes(name))).toBe(true);
    for (const event of first.events) {
      const json = JSON.stringify({ streamId: event.streamId, data: event.data, metadata: event.metadata });
      const leaked = names.filter((name) => json.includes(name));
      expect(leaked).toEqual([]);
    }
  });

  it('gives the same complaints for the same seed', async () => {
    const second = await seedFresh(SEED);
    const titles = (seeded: Seeded) => seeded.complaints.map((c) => c.title).sort();
    expect(titles(second)).toEqual(titles(first));
    expect(second.result.byStatus).toEqual(first.result.byStatus);
  });

  it('works beside a running engine, which projects the complaints, and says so', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lacak-seed-'));
    dataDirs.push(dataDir);
    const engine = await createApp(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PROJECTOR_ID: 'running-engine' }));
    await engine.init();
    try {
      const engineProjector = engine.get<ReadModelProjector>(PROJECTOR);
      // The engine projects in a worker thread, which compiles the sources as it starts: seconds on a busy machine.
      await eventually(async () => (await engineProjector.projectingProcess()) === 'this process' && engineProjector.leaseState === 'held', {
        intervalMs: 1,
        timeoutMs: 60_000,
      });
      const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PROJECTOR_ID: 'seed' });
      const result = await seedDemo({ config, count: 5, seed: SEED });

      expect(result.projectedBy).toEqual({ holder: 'running-engine' });
      const stores = await openStores(config);
      try {
        expect(await stores.readStore.collection('complaints').countDocuments({})).toBe(5);
      } finally {
        await closeStores(stores);
      }
    } finally {
      await engine.close();
    }
    // Two projector threads (the engine's, the seed's standby) compile the sources as they start.
  }, 120_000);

  it('projects the complaints itself when no engine runs, and says so', () => {
    expect(first.result.projectedBy).toBe('this process');
  });
});
