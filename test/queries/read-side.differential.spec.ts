import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaintStreamId } from '@lacak/application';
import { ExportComplaints, GetAgencyStats, ListComplaints, type Paging, type QueueFilter, queueFilter } from '@lacak/application/queries';
import { loadConfig } from '@lacak/config';
import type { Actor, ComplaintEvent, OrganisationTree, SlaClass } from '@lacak/domain';
import { aComplaint, actors } from '@lacak/domain/testing';
import { SqliteEventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext } from '@lacak/processes';
import { AGENCY_SLA_COLLECTION, COMPLAINTS_COLLECTION, type ComplaintDocument, Projector, createProjections } from '@lacak/projections';
import { actorFor, asComplaint, slaIndicatorsByScan, toAppend } from '@lacak/projections/testing';
import { type Filter, type SortSpec, SqliteReadStore } from '@lacak/read-store';
import { Query } from 'mingo';
import { seededRandom } from '@lacak/testing';

/*
 * The read side against the scans it replaced, on one seeded archive: the SLA indicators read model
 * (summed per subtree) against reading every complaint of the subtree, and work-queue pages and
 * totals (side tables, index-only counts) against mingo over every complaint document.
 */

const DAY = 86_400_000;
const START = Date.parse('2025-03-03T01:00:00.000Z');
const COMPLAINTS = 500;

/** Complaint `index`'s life: every course, missed deadlines before and after it moves, escalations, returns, ratings, reopenings. */
function lifeOf(index: number, agencies: string[]): ComplaintEvent[] {
  const random = seededRandom(index + 7);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const slaClass = pick<SlaClass>(['information', 'ordinary', 'supervisory']);
  const submittedAt = START + index * 53 * 60_000;
  const due = (days: number) => new Date(submittedAt + days * DAY + (index % 3) * 3_600_000).toISOString();
  const life = aComplaint().submitted({
    targetAgencyId: chance(0.4) ? pick(agencies) : null,
    confidential: chance(0.15),
    anonymous: chance(0.1),
    reporterAccountId: `reporter-${index % 40}`,
  });
  const course = random();
  if (course < 0.08) {
    if (chance(0.6)) life.deadlineMissed({ clock: 'verification', dueAt: due(3) });
  } else if (course < 0.14) {
    if (chance(0.5)) life.rejected();
    else life.archived();
  } else {
    life.verified({ slaClass });
    if (chance(0.2)) life.deadlineMissed({ clock: 'verification', dueAt: due(3) });
    if (course < 0.2) {
      life.clarificationRequested();
      if (chance(0.5)) life.clarificationExpired();
      else life.clarificationAnswered();
    }
    life.disposedTo(pick(agencies));
    if (chance(0.25)) {
      life.deadlineMissed({ clock: 'followUp', dueAt: due(8) });
      if (chance(0.5)) life.escalated({ toAgencyId: 'national' });
    }
    if (chance(0.2)) life.returned().disposedTo(pick(agencies));
    if (course > 0.3) {
      life.accepted();
      if (chance(0.3)) life.deadlineMissed({ clock: 'resolution', dueAt: due(12 + Math.floor(random() * 40)) });
      if (chance(0.2)) life.mediationStarted().mediationOutcomeRecorded();
      if (course > 0.4) {
        life.responded();
        if (chance(0.15)) life.disputed().responded();
        if (course > 0.5) {
          life.closed();
          if (chance(0.6)) life.rated({ rating: pick([1, 2, 3, 4, 5] as const) });
          if (chance(0.1)) life.reopened();
          if (chance(0.05)) life.disposedTo(pick(agencies));
        }
      } else if (chance(0.1)) {
        life.markedDuplicate();
      }
    }
  }
  const complaintId = `archive-${String(index).padStart(4, '0')}`;
  return asComplaint(complaintId, life.events()).map(
    (event, step) => ({ ...event, data: { ...event.data, at: new Date(submittedAt + step * DAY).toISOString() } }) as ComplaintEvent,
  );
}

/** Agencies in a few provinces and ministries, so subtrees hold tens of complaints each. */
function agenciesOf(tree: OrganisationTree): string[] {
  const provinces = ['id-32', 'id-35', 'id-73'];
  return tree
    .nodes()
    .filter((node) => (node.kind === 'regional_agency' && provinces.some((p) => tree.pathTo(node.id).includes(p))) || node.kind === 'unit')
    .map((node) => node.id)
    .filter((_, i) => i % 3 === 0);
}

describe('The read side, against the scans it replaced, on a seeded archive', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lacak-differential-'));
  const tree = loadOrganisation();
  const deadlines = createDeadlineContext(loadConfig({ DATA_DIR: dir }), tree);
  const eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
  const readStore = SqliteReadStore.open({ file: join(dir, 'read-models.db') });
  let documents: ComplaintDocument[] = [];
  let now = new Date(START);

  beforeAll(async () => {
    const agencies = agenciesOf(tree);
    for (let i = 0; i < COMPLAINTS; i++) {
      const life = lifeOf(i, agencies);
      await eventStore.appendToStream(complaintStreamId(life[0].data.complaintId), life.map((event) => toAppend(event, actorFor(event))), {
        expectedState: 'no_stream',
      });
    }
    // Small batches: a complaint's life spans several, so its share moves between nodes across writes.
    const projector = new Projector(createProjections(tree, deadlines), eventStore, readStore, { batchSize: 7 });
    projector.start();
    await projector.waitUntilCaughtUp(120_000);
    await projector.stop();
    documents = await readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION).find({});
    now = new Date(Math.max(...documents.map((d) => Date.parse(d.updatedAt))));
  }, 180_000);
  afterAll(async () => {
    await eventStore.close();
    await readStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeds every kind of fact the indicators count', () => {
    const open = documents.filter((d) => !['RESPONDED', 'CLOSED', 'REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'].includes(d.status));
    expect(documents).toHaveLength(COMPLAINTS);
    expect(open.filter((d) => d.overdue?.length).length).toBeGreaterThan(20);
    expect(documents.filter((d) => d.overdue?.some((o) => o.clock === 'resolution') && d.followUps.length).length).toBeGreaterThan(10);
    expect(documents.filter((d) => d.rating).length).toBeGreaterThan(50);
    expect(documents.filter((d) => d.escalations?.length).length).toBeGreaterThan(10);
    expect(new Set(documents.map((d) => d.currentAgencyId)).size).toBeGreaterThan(50);
  });

  it('gives the SLA indicators of every node holding complaints, its ancestors and the root as the scan did, at any time of asking', async () => {
    const stats = new GetAgencyStats(tree, readStore, () => now);
    const nodes = new Set(['national', 'id-32', 'id-35.01', 'id-11']);
    for (const document of documents) for (const id of document.agencyPath) nodes.add(id);
    const instants = [0, 3, 9, 25, 40, 75].map((days) => new Date(now.getTime() + days * DAY + 5 * 3_600_000));
    for (const instant of instants) {
      now = instant;
      for (const agencyId of nodes) {
        const view = await stats.run(actors.nationalAdmin, agencyId);
        expect({ agencyId, instant, sla: view?.sla }).toEqual({ agencyId, instant, sla: await slaIndicatorsByScan(readStore, agencyId, instant) });
      }
    }
  });

  it('sums the SLA indicators of a read store projected before they were kept, when the projector starts on it', async () => {
    await readStore.collection(AGENCY_SLA_COLLECTION).drop();
    const projector = new Projector(createProjections(tree, deadlines), eventStore, readStore);
    projector.start();
    await projector.waitUntilCaughtUp(60_000);
    await projector.stop();
    const stats = new GetAgencyStats(tree, readStore, () => now);
    for (const agencyId of ['national', 'id-32', 'id-35']) {
      expect({ agencyId, sla: (await stats.run(actors.nationalAdmin, agencyId))?.sla }).toEqual({
        agencyId,
        sla: await slaIndicatorsByScan(readStore, agencyId, now),
      });
    }
  });

  it('gives work-queue pages and totals as a scan of every complaint does, for every reader, filter and sort', async () => {
    const list = new ListComplaints({ readStore, scope: tree, deadlines, now: () => now });
    const readers: Actor[] = [
      actors.nationalAdmin,
      actors.agencyAdmin('id-32'),
      { id: 'inspector-35', role: 'apip_inspector', agencyId: 'id-35' },
      { id: 'auditor-73', role: 'auditor', agencyId: 'id-73' },
      actors.unitOfficer(documents.find((d) => d.assigneeAgencyId)?.assigneeAgencyId ?? 'national'),
    ];
    const regency = documents.map((d) => d.agencyPath[2]).find((id) => id?.startsWith('id-32.'));
    const filters: QueueFilter[] = [
      {},
      { status: ['IN_PROGRESS'] },
      { status: ['CLOSED', 'RESPONDED'] },
      { overdue: true },
      { escalated: true, status: ['DISPOSED', 'IN_PROGRESS', 'VERIFIED'] },
      { agencyId: 'id-32' },
      { agencyId: regency, status: ['CLOSED'] },
      { agencyId: 'id-35', overdue: false },
    ];
    const sorts: Paging['sort'][] = ['oldest', 'newest', 'due'];
    let compared = 0;
    for (const actor of readers) {
      for (const filter of filters) {
        for (const sort of sorts) {
          for (const page of [1, 2, 9]) {
            const paging: Paging = { page, pageSize: 12, sort };
            const answer = await list.run(actor, filter, paging);
            const expected = scanned(actor, filter, paging);
            expect({ actor: actor.id, filter, paging, ids: answer.items.map((item) => (item as { id: string }).id), total: answer.total }).toEqual({
              actor: actor.id,
              filter,
              paging,
              ...expected,
            });
            if (expected.ids.length > 0) compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('exports, a page at a time, the rows a scan of every complaint gives', async () => {
    const exporter = new ExportComplaints({ readStore, scope: tree, deadlines, now: () => now });
    for (const actor of [actors.nationalAdmin, actors.agencyAdmin('id-32'), { id: 'inspector-35', role: 'apip_inspector', agencyId: 'id-35' } as Actor]) {
      for (const filter of [{}, { status: ['CLOSED' as const] }, { overdue: true }]) {
        const query = queueFilter(actor, filter);
        const expected = new Query(query ?? {}).find<ComplaintDocument>(documents).sort({ submittedAt: 1, _id: 1 }).all().map((d) => d._id);
        const pages: string[][] = [];
        for await (const page of exporter.pages(actor, filter, 7)) pages.push(page.map((d) => d._id));
        expect({ actor: actor.id, filter, rows: pages.flat() }).toEqual({ actor: actor.id, filter, rows: expected });
        expect(pages.every((page) => page.length <= 7)).toBe(true);
        expect((await exporter.run(actor, filter)).map((d) => d._id)).toEqual(expected);
      }
    }
  });

  /** The page and total a scan of every complaint document gives, with the use case's own filter and sort. */
  function scanned(actor: Actor, filter: QueueFilter, { page, pageSize, sort }: Paging): { ids: string[]; total: number } {
    const query = queueFilter(actor, filter);
    if (query === null) return { ids: [], total: 0 };
    const order: SortSpec = sort === 'due' ? { nextDueAt: 1, _id: 1 } : sort === 'oldest' ? { submittedAt: 1, _id: 1 } : { submittedAt: -1, _id: -1 };
    const listed: Filter = sort === 'due' ? { ...query, nextDueAt: { $ne: null } } : query;
    const ids = new Query(listed)
      .find<ComplaintDocument>(documents)
      .sort(order)
      .skip((page - 1) * pageSize)
      .limit(pageSize)
      .all()
      .map((document) => document._id);
    return { ids, total: new Query(listed).find(documents).all().length };
  }
});
