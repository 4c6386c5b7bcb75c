import {
  type Actor,
  type CloseMonevPeriod as CloseMonevPeriodCommand,
  type MonevPeriodClosed,
  type NodeSums,
  type OrganisationTree,
  monevPeriodDecider,
  monevPeriodStreamId,
  refuse,
  scoringPolicyFor,
  toMonevPeriodEvent,
} from '@lacak/domain';
import { type AllPosition, type EventStore, WrongExpectedVersionError } from '@lacak/event-store';
import type { DeadlineContext } from '@lacak/deadlines';
import {
  CHECKPOINTS_COLLECTION,
  COMPLAINTS_PROJECTION_STREAMS,
  type CheckpointDocument,
  MONEV_SUMS_COLLECTION,
  type MonevSumsDocument,
  OPEN_BACKLOG,
  monevKey,
  recomputeMonevSums,
} from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import type { Clock } from '../clock';
import type { CommandCall } from '../commands/command-call';
import { toEventsToAppend } from '../complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError } from '../errors';
import { newId } from '../ids';
import { readVerifiedStream } from '../verified-stream';
import { normaliseSums, parsePeriodOrRefuse, sameSums, sumsByNode } from './monev-queries';
import { assertMayRun } from './query-access';

/** The projection whose checkpoint the monev sums are written with. */
const SUMS_PROJECTION = 'complaints';
const SNAPSHOTS_PROJECTION = 'monev-snapshots';
const CONSISTENT_READ_ATTEMPTS = 10;

export interface MonevPeriodClosing {
  period: string;
  position: string;
  nodes: number;
  scoringPolicyVersion: string;
  closedAt: string;
}

/** How long the closing waits for the read models to reach the log's head, checking every `POLL_MS`. */
const CATCH_UP_MS = 30_000;
const POLL_MS = 50;
const HEAD_PAGE = 1000;

/**
 * Closes a monev period: reads every node's sums for the period and the open backlog at one
 * checkpoint of the read model (the checkpoint read before and after the sums must agree, else it
 * reads again), and records them with that log position as the period's snapshot. Late events
 * never change these figures: they show as a restatement beside them (`GetMonevIndicators`).
 */
export class CloseMonevPeriod {
  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
    private readonly tree: OrganisationTree,
    private readonly clock: Clock,
  ) {}

  async run(actor: Actor, periodText: string, call: Pick<CommandCall, 'correlationId'>): Promise<MonevPeriodClosing> {
    assertMayRun('close-monev-period', actor);
    const period = parsePeriodOrRefuse(periodText);
    const streamId = monevPeriodStreamId(period.id);
    const { history, assertIntact, chained } = await readVerifiedStream(this.eventStore, streamId);
    await assertIntact();
    const state = history.map(toMonevPeriodEvent).reduce(monevPeriodDecider.evolve, monevPeriodDecider.initialState());
    const at = this.clock.now().toISOString();
    const policy = scoringPolicyFor(period);
    // Refusals first (closed already, not ended): the figures are read only for a closing that can happen.
    const probe: CloseMonevPeriodCommand = { type: 'CloseMonevPeriod', actor, at, data: { period: period.id, position: '0', scoringPolicyVersion: policy.version, figures: [] } };
    const early = monevPeriodDecider.decide(probe, state);
    if (!early.ok) throw new CommandRefusedError(early.refusal);
    // The events recorded up to now count: the read models are given time to reach the log's head,
    // wherever they are projected. One that does not is read as far as it got: the position says
    // which events the figures hold.
    const head = await this.logHead();
    if (head !== null) await this.checkpointReaches(SUMS_PROJECTION, head);
    const { position, figures } = await this.readAtOneCheckpoint(period.id);
    const command: CloseMonevPeriodCommand = { ...probe, data: { ...probe.data, position, figures } };
    const decision = monevPeriodDecider.decide(command, state);
    if (!decision.ok) throw new CommandRefusedError(decision.refusal);
    let appended: bigint;
    try {
      ({ position: appended } = await this.eventStore.appendToStream(streamId, chained(toEventsToAppend(decision.events, actor, at, { commandId: newId(), correlationId: call.correlationId })), {
        expectedState: 'no_stream',
      }));
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      throw new CommandRefusedError(refuse('PERIOD_ALREADY_CLOSED', `${period.id} was closed by someone else a moment ago; its figures stay as published.`));
    }
    // The snapshot can be read as soon as the closing answers, when the projections keep up.
    await this.checkpointReaches(SNAPSHOTS_PROJECTION, appended);
    const closed = decision.events.at(-1) as MonevPeriodClosed;
    return { period: period.id, position, nodes: closed.data.nodes, scoringPolicyVersion: policy.version, closedAt: at };
  }

  /**
   * The global position of the log's last event the sums are folded from (the checkpoint moves only
   * for those): read forward from the sums' checkpoint, a page at a time.
   */
  private async logHead(): Promise<bigint | null> {
    const checkpoint = await this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION).findOne({ _id: SUMS_PROJECTION });
    let from: AllPosition = checkpoint ? BigInt(checkpoint.position) : 'start';
    let head: bigint | null = checkpoint ? BigInt(checkpoint.position) : null;
    for (;;) {
      const page = await this.eventStore.readAll({ fromPosition: from, maxCount: HEAD_PAGE });
      for (const event of page) if (COMPLAINTS_PROJECTION_STREAMS.some((prefix) => event.streamId.startsWith(prefix))) head = event.position;
      if (page.length < HEAD_PAGE) return head;
      from = page[page.length - 1].position;
    }
  }

  /** Resolves once the projection's checkpoint is at `position` or beyond, or after `CATCH_UP_MS`. */
  private async checkpointReaches(projection: string, position: bigint): Promise<void> {
    const checkpoints = this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
    const deadline = Date.now() + CATCH_UP_MS;
    while (Date.now() < deadline) {
      const checkpoint = await checkpoints.findOne({ _id: projection });
      if (checkpoint && BigInt(checkpoint.position) >= position) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async readAtOneCheckpoint(period: string): Promise<{ position: string; figures: NodeSums[] }> {
    const checkpoints = this.readStore.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
    const sums = this.readStore.collection<MonevSumsDocument>(MONEV_SUMS_COLLECTION);
    const ids = this.tree.nodes().map((node) => node.id);
    const keys = ids.flatMap((id) => [monevKey(id, period), monevKey(id, OPEN_BACKLOG)]);
    for (let attempt = 1; ; attempt++) {
      const before = (await checkpoints.findOne({ _id: SUMS_PROJECTION }))?.position ?? '0';
      const documents = await sums.find({ _id: { $in: keys } });
      const after = (await checkpoints.findOne({ _id: SUMS_PROJECTION }))?.position ?? '0';
      if (before === after) return { position: before, figures: toNodeSums(ids, period, documents) };
      if (attempt >= CONSISTENT_READ_ATTEMPTS) {
        // The read model kept moving under the reads: the client may simply try again.
        throw new ConcurrencyConflictError(monevPeriodStreamId(period));
      }
    }
  }
}

/** Every node with something to count: its period flows and its open backlog, own and subtree. */
function toNodeSums(ids: string[], period: string, documents: MonevSumsDocument[]): NodeSums[] {
  const figures: NodeSums[] = [];
  for (const [nodeId, sums] of sumsByNode(documents, ids, period)) {
    const own = normaliseSums(sums.own);
    const subtree = normaliseSums(sums.subtree);
    if (Object.keys(subtree).length > 0 || Object.keys(own).length > 0) figures.push({ nodeId, own, subtree });
  }
  return figures.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
}

export interface MonevSnapshotCheck {
  period: string;
  /** The position the closing recorded; null when the period is not closed. */
  position: string | null;
  nodes: number;
  /** Nodes whose recorded figures differ from the recomputation, with both. */
  differences: { nodeId: string; recorded: NodeSums | null; recomputed: NodeSums | null }[];
}

/**
 * Recomputes a closed period's figures from the log alone, up to the position its closing
 * recorded, and compares them with the snapshot recorded in the period's stream (not the read
 * model): `npm run monev:recompute`. A fresh deadline context per run, so only holidays published
 * by then count.
 */
export class VerifyMonevSnapshot {
  constructor(
    private readonly eventStore: EventStore,
    private readonly tree: OrganisationTree,
    private readonly freshDeadlines: () => DeadlineContext,
  ) {}

  async run(actor: Actor, periodText: string): Promise<MonevSnapshotCheck> {
    assertMayRun('get-monev-snapshot', actor);
    const period = parsePeriodOrRefuse(periodText);
    const { history, assertIntact } = await readVerifiedStream(this.eventStore, monevPeriodStreamId(period.id));
    await assertIntact();
    const events = history.map(toMonevPeriodEvent);
    const closed = events.find((event): event is MonevPeriodClosed => event.type === 'MonevPeriodClosed');
    if (!closed) return { period: period.id, position: null, nodes: 0, differences: [] };
    const recorded = new Map(
      events.flatMap((event) => (event.type === 'MonevSnapshotRecorded' ? [[event.data.nodeId, { nodeId: event.data.nodeId, own: event.data.own, subtree: event.data.subtree }] as const] : [])),
    );
    const recomputed = await recomputeMonevSums(this.eventStore, this.tree, this.freshDeadlines(), BigInt(closed.data.position), period.id);
    const again = new Map(recomputed.map((node) => [node.nodeId, node]));
    const differences: MonevSnapshotCheck['differences'] = [];
    for (const nodeId of new Set([...recorded.keys(), ...again.keys()])) {
      const before = recorded.get(nodeId) ?? null;
      const now = again.get(nodeId) ?? null;
      if (!before || !now || !sameSums(before.own, now.own) || !sameSums(before.subtree, now.subtree)) {
        differences.push({ nodeId, recorded: before, recomputed: now });
      }
    }
    return { period: period.id, position: closed.data.position, nodes: recorded.size, differences };
  }
}
