import { complaintStreamId, nameBasedId, newId, toEventsToAppend, trackingIdFor } from '@lacak/application';
import type { Actor, ComplaintEvent, OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import { chainEvents } from '@lacak/integrity';
import { actors, aComplaint } from '@lacak/domain/testing';
import { seededRandom } from '@lacak/testing';

type Builder = ReturnType<typeof aComplaint>;

/** Life courses with rough real-world weights: most complaints are disposed and closed, some bounce or stall. */
const PATHS: { weight: number; build: (agency: string, other: string) => Builder }[] = [
  { weight: 30, build: (a) => aComplaint().submitted().verified().disposedTo(a).accepted().responded().closed() },
  { weight: 15, build: (a, b) => aComplaint().submitted().verified().disposedTo(a).returned().disposedTo(b).accepted().responded().closed() },
  {
    weight: 15,
    build: (a) =>
      aComplaint().submitted().verified().clarificationRequested().clarificationAnswered().disposedTo(a).accepted().responded().closed(),
  },
  {
    weight: 12,
    build: (a) =>
      aComplaint().submitted().verified().disposedTo(a).accepted().mediationStarted().mediationOutcomeRecorded().responded().closed(),
  },
  {
    weight: 12,
    build: (a) =>
      aComplaint()
        .submitted()
        .verified()
        .disposedTo(a)
        .accepted()
        .clarificationRequested({ clarificationId: 'clarification-2', party: 'respondent' })
        .clarificationAnswered('clarification-2')
        .investigationOpened()
        .findingsRecorded()
        .responded()
        .closed(),
  },
  { weight: 8, build: (a) => aComplaint().submitted().verified().disposedTo(a).accepted() },
  { weight: 3, build: () => aComplaint().submitted() },
  { weight: 3, build: () => aComplaint().submitted().rejected() },
  { weight: 2, build: () => aComplaint().submitted().archived() },
];
const TOTAL_WEIGHT = PATHS.reduce((sum, path) => sum + path.weight, 0);
const DAY_MS = 86_400_000;

/**
 * The first submission's instant: the start of the next UTC day, so every clock of the archive
 * runs in the future. A live archive's deadline process has recorded each action once it fell
 * due; a seeded one dated in the past would leave the API a backlog of them to raise while it is
 * measured.
 */
function startOfTomorrowMs(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
}

/** The id of the `index`th seeded complaint, the same in every run. */
export const seededComplaintId = (index: number): string => nameBasedId('bench-complaint', String(index));

interface RecordedCommand {
  event: ComplaintEvent;
  actor: Actor;
}

/** Complaint `index`'s history, with agencies of the real tree and its own ids, tracking id and dates from `startMs`. */
function complaintHistory(index: number, agencies: string[], startMs: number): RecordedCommand[] {
  const random = seededRandom(index + 1);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  let roll = random() * TOTAL_WEIGHT;
  const path = PATHS.find((p) => (roll -= p.weight) < 0) ?? PATHS[0];
  const [agency, other] = [pick(agencies), pick(agencies)];
  const complaintId = seededComplaintId(index);
  const reporter = actors.reporter(`reporter-${index % 5_000}`);
  const submittedMs = startMs + index * 60_000;

  let assignee: string | null = null;
  return path.build(agency, other).events().map((built, step) => {
    const at = new Date(submittedMs + step * DAY_MS).toISOString();
    const submission =
      built.type === 'ComplaintSubmitted'
        ? { trackingId: trackingIdFor(complaintId), reporterAccountId: reporter.id, targetAgencyId: random() < 0.5 ? agency : null }
        : {};
    const event = { ...built, data: { ...built.data, complaintId, at, ...submission } } as ComplaintEvent;
    if (event.type === 'ComplaintDisposed') assignee = event.data.agencyId;
    if (event.type === 'DispositionReturned') assignee = null;
    return { event, actor: actorFor(event, reporter, assignee) };
  });
}

function actorFor(event: ComplaintEvent, reporter: Actor, assignee: string | null): Actor {
  switch (event.type) {
    case 'ComplaintSubmitted':
    case 'ComplaintClosed':
      return reporter;
    case 'ClarificationAnswered':
      return event.data.party === 'reporter' ? reporter : actors.unitOfficer(assignee ?? undefined);
    case 'ComplaintVerified':
    case 'ComplaintRejected':
    case 'ComplaintArchived':
    case 'ComplaintDisposed':
      return actors.nationalAdmin;
    default:
      return assignee ? actors.unitOfficer(assignee) : actors.nationalAdmin;
  }
}

/** Agencies complaints are disposed to: regional agencies and central units. */
const disposableAgencies = (tree: OrganisationTree): string[] =>
  tree
    .nodes()
    .filter((node) => node.kind === 'regional_agency' || node.kind === 'unit')
    .map((node) => node.id);

/**
 * Appends `count` complaint histories one command (one event) at a time, `inFlight` complaints
 * progressing at once: the log interleaves complaints as a live system's would, and group
 * commit keeps seeding fast. Returns the number of events written.
 */
export async function seedComplaints(store: EventStore, tree: OrganisationTree, count: number, inFlight: number): Promise<number> {
  const agencies = disposableAgencies(tree);
  const startMs = startOfTomorrowMs();
  let next = 0;
  let events = 0;
  const worker = async () => {
    for (let index = next++; index < count; index = next++) {
      const history = complaintHistory(index, agencies, startMs);
      const streamId = complaintStreamId(history[0].event.data.complaintId);
      // Chained as the engine appends them, so the archive is what a verification meets in production.
      let previous: string | null = null;
      for (const [revision, { event, actor }] of history.entries()) {
        const toAppend = chainEvents(streamId, BigInt(revision), previous, toEventsToAppend([event], actor, event.data.at, { commandId: newId(), correlationId: newId() }));
        previous = toAppend[0].metadata.hash ?? null;
        await store.appendToStream(streamId, toAppend, { expectedState: revision === 0 ? 'no_stream' : BigInt(revision - 1) });
      }
      events += history.length;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return events;
}
