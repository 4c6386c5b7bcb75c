import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VerifyMonevSnapshot } from '@lacak/application/queries';
import { loadConfig } from '@lacak/config';
import { ADDITIVE_FIGURES, type MonevSums, type OrganisationTree, monevPeriodStreamId, parsePeriod, periodBounds } from '@lacak/domain';
import type { RecordedEvent } from '@lacak/event-store';
import { timeZoneOf } from '@lacak/organisation';
import { createDeadlineContext } from '@lacak/processes';
import { type ComplaintDocument, MONEV_SUMS_COLLECTION, type MonevSumsDocument, recomputeMonevSums } from '@lacak/projections';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { seedDemo } from '../../apps/api/src/cli/demo/seed';
import { ORGANISATION_TREE } from '../../apps/api/src/infrastructure/tokens';
import { eventually } from '@lacak/testing';
import { TestApp } from '../support/test-app';

/*
 * Monev on demo data spread over a year: the figures add up from regencies to their province, a
 * ranking follows the published formula computed here from the events alone, and a closed period's
 * snapshot equals a recomputation from the log at its recorded position.
 */
const COUNT = 160;
const SEED = 11;
const OFFSET = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 } as const;

let dataDir: string;
let t: TestApp;
let tree: OrganisationTree;
let readStore: ReadStore;
let national: string;

const now = new Date();
const thisYear = String(now.getUTCFullYear());
/** The last quarter that has ended everywhere. */
const lastQuarter = (() => {
  const quarter = Math.floor(now.getUTCMonth() / 3);
  return quarter === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${quarter}`;
})();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lacak-monev-'));
  await seedDemo({ config: loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), count: COUNT, seed: SEED });
  t = await TestApp.start({ DATA_DIR: dataDir });
  tree = t.app.get<OrganisationTree>(ORGANISATION_TREE);
  readStore = t.app.get<ReadStore>(READ_STORE);
  national = tree.root.id;
}, 180_000);

afterAll(async () => {
  await t?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sumsOf = async (keys: string[]) => {
  const documents = await readStore.collection<MonevSumsDocument>(MONEV_SUMS_COLLECTION).find({ _id: { $in: keys } });
  return new Map(documents.map((document) => [document._id, document]));
};

const figure = (sums: MonevSums | undefined, name: (typeof ADDITIVE_FIGURES)[number]): number => sums?.[name] ?? 0;

describe('monev on a year of demo data', () => {
  it('spreads the demo over at least four quarters', async () => {
    const quarters = new Set<string>();
    for (const complaint of await readStore.collection<ComplaintDocument>('complaints').find({})) {
      const local = new Date(Date.parse(complaint.submittedAt) + OFFSET['Asia/Jakarta'] * 3600_000).toISOString();
      quarters.add(`${local.slice(0, 4)}-Q${Math.ceil(Number(local.slice(5, 7)) / 3)}`);
    }
    expect(quarters.size).toBeGreaterThanOrEqual(4);
  });

  it('adds a province’s figures up from its own and its regencies’, for every additive figure and period', async () => {
    const provinces = tree.children(national).filter((node) => node.kind === 'province');
    const periods = [thisYear, String(Number(thisYear) - 1), ...[1, 2, 3, 4].flatMap((q) => [`${thisYear}-Q${q}`, `${Number(thisYear) - 1}-Q${q}`])];
    let checked = 0;
    for (const province of provinces) {
      const children = tree.children(province.id);
      const sums = await sumsOf(periods.flatMap((period) => [province.id, ...children.map((c) => c.id)].map((id) => `${id}|${period}`)));
      for (const period of periods) {
        const whole = sums.get(`${province.id}|${period}`);
        if (!whole) continue;
        for (const name of ADDITIVE_FIGURES) {
          const parts = figure(whole.own, name) + children.reduce((total, child) => total + figure(sums.get(`${child.id}|${period}`)?.subtree, name), 0);
          expect({ province: province.id, period, name, value: figure(whole.subtree, name) }).toEqual({ province: province.id, period, name, value: parts });
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('ranks the provinces as the published formula computed from the events alone does', async () => {
    const token = await t.token('national_admin', national);
    const response = await t.request('GET', `/monev/rankings?parent=${national}&period=${thisYear}`, { token });
    expect(response.status).toBe(200);
    const expected = rankFromEvents(await t.allEvents(), tree, thisYear);
    const scored = response.body.agencies.filter((entry: { score: number | null }) => entry.score !== null);
    expect(scored.length).toBeGreaterThan(5);
    expect(scored.map((entry: { nodeId: string }) => entry.nodeId)).toEqual(expected.map((entry) => entry.nodeId));
    for (const [index, entry] of scored.entries()) expect(entry.score).toBeCloseTo(expected[index].score, 1);
  });

  it('closes a period at one log position, and its snapshot equals a recomputation from the log up to it', async () => {
    const token = await t.token('national_admin', national);
    const closing = await t.request('POST', `/monev/periods/${lastQuarter}/close`, { token });
    expect(closing.status).toBe(201);
    const position = BigInt(closing.body.position);
    const recorded = (await t.eventStore.readStream(monevPeriodStreamId(lastQuarter))).filter((event) => event.type === 'MonevSnapshotRecorded');
    expect(recorded.length).toBe(closing.body.nodes);
    const recomputed = await recomputeMonevSums(t.eventStore, tree, createDeadlineContext(t.config, tree), position, lastQuarter);
    expect(recorded.map(({ data }) => ({ nodeId: data.nodeId, own: data.own, subtree: data.subtree }))).toEqual(recomputed);

    const snapshot = await t.request('GET', `/monev/periods/${lastQuarter}/snapshots/${national}`, { token });
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toMatchObject({ period: lastQuarter, position: closing.body.position });
    expect(snapshot.body.sums.subtree).toEqual(recomputed.find((node) => node.nodeId === national)!.subtree);

    // What `npm run monev:recompute` runs: the snapshot recorded in the period's stream against the log.
    const check = await new VerifyMonevSnapshot(t.eventStore, tree, () => createDeadlineContext(t.config, tree)).run(
      { id: 'checker', role: 'national_admin', agencyId: null },
      lastQuarter,
    );
    expect(check).toMatchObject({ position: closing.body.position, nodes: closing.body.nodes, differences: [] });

    const again = await t.request('POST', `/monev/periods/${lastQuarter}/close`, { token });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('PERIOD_ALREADY_CLOSED');
  });

  it('never changes a closed period’s published figures: a late follow-up shows as a restatement', async () => {
    const token = await t.token('national_admin', national);
    const before = await t.request('GET', `/monev/indicators?node=${national}&period=${lastQuarter}`, { token });
    expect(before.body).toMatchObject({ source: 'snapshot', restatement: null });
    const { start, end } = periodBounds(parsePeriod(lastQuarter)!, 7 * 3600_000);
    const waiting = (await readStore.collection<ComplaintDocument>('complaints').find({ status: 'IN_PROGRESS' })).find((complaint) => {
      const disposed = Date.parse(complaint.dispositions[0]?.at ?? '');
      return disposed >= start && disposed < end && complaint.followUps.length === 0 && complaint.clarifications.every((c) => c.answeredAt || c.expiredAt);
    });
    expect(waiting).toBeDefined();
    const province = waiting!.agencyPath[1];
    const rankingPath = `/monev/rankings?parent=${national}&period=${lastQuarter.slice(0, 4)}`;
    const followUpPoints = (ranking: { body: { agencies: { nodeId: string; breakdown: { indicator: string; value: number | null }[] }[] } }) =>
      ranking.body.agencies.find((entry) => entry.nodeId === province)!.breakdown.find((part) => part.indicator === 'followUpRate')!.value;
    const rankedBefore = followUpPoints(await t.request('GET', rankingPath, { token }));
    const officer = await t.token('agency_admin', waiting!.currentAgencyId);
    const responded = await t.request('POST', `/complaints/${waiting!._id}/respond`, {
      token: officer,
      headers: { 'if-match': `"${waiting!.revision}"` },
      body: { followUp: 'Tindak lanjut yang terlambat: jalan sudah diperbaiki.' },
    });
    expect(responded.status).toBe(200);

    const after = await eventually(
      () => t.request('GET', `/monev/indicators?node=${national}&period=${lastQuarter}`, { token }),
      (view) => view.body.restatement !== null,
    );
    expect(after.body.source).toBe('snapshot');
    expect(after.body.subtree).toEqual(before.body.subtree);
    expect(after.body.restatement).not.toBeNull();
    expect(after.body.restatement.subtree.followUpRate).toBeGreaterThan(before.body.subtree.followUpRate ?? 0);
    // The year is not closed: its ranking, kept while the read model stands still, follows the late follow-up.
    expect(followUpPoints(await t.request('GET', rankingPath, { token }))).toBeGreaterThan(rankedBefore ?? 0);
  });

  it('answers a malformed period with a problem, and a node out of reach as not found', async () => {
    const bad = await t.request('GET', `/monev/indicators?node=${national}&period=2026-Q5`, { token: await t.token('national_admin', national) });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const coordinator = await t.token('agency_admin', 'id-32');
    expect((await t.request('GET', `/monev/indicators?node=id-33&period=${thisYear}`, { token: coordinator })).status).toBe(404);
    expect((await t.request('GET', `/monev/rankings?parent=id-32&period=${thisYear}`, { token: coordinator })).status).toBe(200);
  });
});

/**
 * The ranking of national's children for a year, from the raw events: each complaint's facts
 * followed by hand, counted for the child of national above the node holding it, in that child's
 * zone, and scored with the weights read straight from the policy file.
 */
function rankFromEvents(events: RecordedEvent[], tree: OrganisationTree, year: string): { nodeId: string; score: number }[] {
  interface Fact { at: string; add: Record<string, number> }
  interface Complaint {
    target: string | null; assignee: string | null; submittedAt: string; verifiedAt: string | null; slaClass: string | null;
    dispositions: string[]; followUps: string[]; bounced: boolean; closed: boolean; duplicateAt: string | null;
    missed: { clock: string; dueAt: string }[]; others: Fact[]; ratedAt: string | null; rating: number;
  }
  const complaints = new Map<string, Complaint>();
  for (const event of events) {
    if (!event.streamId.startsWith('complaint-')) continue;
    const data = event.data as Record<string, any>;
    const id = event.streamId;
    if (event.type === 'ComplaintSubmitted') {
      complaints.set(id, {
        target: data.targetAgencyId, assignee: null, submittedAt: data.at, verifiedAt: null, slaClass: null, dispositions: [], followUps: [],
        bounced: false, closed: false, duplicateAt: null, missed: [], others: [], ratedAt: null, rating: 0,
      });
      continue;
    }
    const c = complaints.get(id)!;
    switch (event.type) {
      case 'ComplaintVerified': c.verifiedAt ??= data.at; c.slaClass = data.slaClass; break;
      case 'ComplaintDisposed': c.assignee = data.agencyId; c.dispositions.push(data.at); break;
      case 'DispositionReturned': c.assignee = null; c.bounced = true; break;
      case 'ComplaintResponded': c.followUps.push(data.at); break;
      case 'ComplaintClosed': c.closed = true; break;
      case 'ComplaintReopened': case 'FollowUpDisputed': c.closed = false; break;
      case 'ComplaintMarkedDuplicate': c.duplicateAt = data.at; break;
      case 'DeadlineMissed': c.missed.push({ clock: data.clock, dueAt: data.dueAt }); break;
      case 'ComplaintRated': c.ratedAt = data.at; c.rating = data.rating; break;
    }
    if (event.type === 'FollowUpDisputed') c.others.push({ at: data.at, add: { disputes: 1 } });
    if (event.type === 'FollowUpMarkedNormative') c.others.push({ at: data.at, add: { normative: 1 } });
    if (event.type === 'LeadershipReviewRecorded') c.others.push({ at: data.at, add: { reviews: 1 } });
    if (event.type === 'PolicyImprovementLinked') c.others.push({ at: data.at, add: { improvements: 1 } });
  }
  const totals = new Map<string, Record<string, number>>();
  for (const c of complaints.values()) {
    if (c.duplicateAt) continue;
    const holder = c.assignee ?? c.target ?? tree.root.id;
    const child = tree.pathTo(holder)[1];
    if (!child) continue;
    const offset = OFFSET[timeZoneOf(tree, child)] * 3600_000;
    const inYear = (at: string | null | undefined) => !!at && new Date(Date.parse(at) + offset).toISOString().slice(0, 4) === year;
    const missedBy = (clock: string, at: string) => c.missed.some((m) => m.clock === clock && Date.parse(m.dueAt) <= Date.parse(at));
    const sum = totals.get(child) ?? {};
    totals.set(child, sum);
    const add = (fields: Record<string, number>) => { for (const [k, v] of Object.entries(fields)) sum[k] = (sum[k] ?? 0) + v; };
    if (inYear(c.submittedAt)) add({ received: 1 });
    if (inYear(c.verifiedAt)) add({ verified: 1, verifiedWithinSla: missedBy('verification', c.verifiedAt!) ? 0 : 1 });
    if (inYear(c.dispositions[0])) add({ disposed: 1, withFollowUp: c.followUps.length > 0 ? 1 : 0, completed: c.closed ? 1 : 0, bounced: c.bounced ? 1 : 0 });
    if (inYear(c.followUps[0])) {
      add({ followedUp: 1, followedUpWithinSla: missedBy('followUp', c.followUps[0]) ? 0 : 1 });
      if (c.slaClass) add({ responded: 1, resolvedWithinSla: c.missed.some((m) => m.clock === 'resolution') ? 0 : 1 });
    }
    if (inYear(c.ratedAt)) add({ ratingSum: c.rating, ratingCount: 1 });
    for (const fact of c.others) if (inYear(fact.at)) add(fact.add);
  }
  const book = JSON.parse(readFileSync(join(__dirname, '..', '..', 'libs', 'domain', 'config', 'monev-scoring.json'), 'utf8'));
  const policy = book.versions[book.versions.length - 1];
  const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
  const ranked: { nodeId: string; score: number; received: number }[] = [];
  for (const [nodeId, s] of totals) {
    const n = (k: string) => s[k] ?? 0;
    const perHundred = (count: number, target: number) => (n('received') > 0 ? Math.min(1, (count / n('received')) * 100 / target) : null);
    const inverse = (value: number | null) => (value === null ? null : 1 - value);
    const values: Record<string, number | null> = {
      followUpRate: ratio(n('withFollowUp'), n('disposed')),
      completionRate: ratio(n('completed'), n('disposed')),
      verifiedWithinSlaRate: ratio(n('verifiedWithinSla'), n('verified')),
      followedUpWithinSlaRate: ratio(n('followedUpWithinSla'), n('followedUp')),
      resolutionWithinSlaRate: ratio(n('resolvedWithinSla'), n('responded')),
      rating: n('ratingCount') > 0 ? (n('ratingSum') / n('ratingCount') - 1) / 4 : null,
      bounceRate: inverse(ratio(n('bounced'), n('disposed'))),
      disputeRate: inverse(ratio(n('disputes'), n('followedUp'))),
      normativeRate: inverse(ratio(n('normative'), n('followedUp'))),
      leadershipInvolvement: perHundred(n('reviews'), policy.targets.leadershipReviewsPer100Received),
      policyImprovement: perHundred(n('improvements'), policy.targets.policyImprovementsPer100Received),
    };
    let weight = 0;
    let points = 0;
    for (const [indicator, value] of Object.entries(values)) {
      if (value === null || !policy.weights[indicator]) continue;
      weight += policy.weights[indicator];
      points += policy.weights[indicator] * value;
    }
    if (weight > 0) ranked.push({ nodeId, score: (100 * points) / weight, received: n('received') });
  }
  return ranked.sort((a, b) => b.score - a.score || b.received - a.received || (a.nodeId < b.nodeId ? -1 : 1));
}
