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
import { type EventStore, WrongExpectedVersionError } from '@lacak/event-store';
import { CHECKPOINTS_COLLECTION, type CheckpointDocument, type MonevSumsDocument, MONEV_SUMS_COLLECTION, OPEN_BACKLOG, monevKey } from '@lacak/projections';
import type { ReadStore } from '@lacak/read-store';
import type { Clock } from '../clock';
import type { CommandCall } from '../commands/command-call';
import { toEventsToAppend } from '../complaint-stream';
import { CommandRefusedError, ConcurrencyConflictError } from '../errors';
import { newId } from '../ids';
import { readVerifiedStream } from '../verified-stream';
import { normaliseSums, parsePeriodOrRefuse } from './monev-queries';
import { assertMayRun } from './query-access';

/** The projection whose checkpoint the monev sums are written with. */
const SUMS_PROJECTION = 'complaints';
const CONSISTENT_READ_ATTEMPTS = 10;

export interface MonevPeriodClosing {
  period: string;
  position: string;
  nodes: number;
  scoringPolicyVersion: string;
  closedAt: string;
}

/** What the projector offers the closing: a chance to catch up first, when it runs here. */
export interface CatchUp {
  waitUntilCaughtUp(timeoutMs?: number): Promise<void>;
  waitFor(position: bigint, timeoutMs?: number): Promise<void>;
}

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
    private readonly projector: CatchUp | null,
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
    // A projector running here catches up first, so the events recorded up to now count; one
    // elsewhere is read as far as it got: the position says which events the figures hold.
    await this.projector?.waitUntilCaughtUp(60_000).catch(() => undefined);
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
    // The snapshot can be read as soon as the closing answers, when the projections run here.
    await this.projector?.waitFor(appended, 30_000).catch(() => undefined);
    const closed = decision.events.at(-1) as MonevPeriodClosed;
    return { period: period.id, position, nodes: closed.data.nodes, scoringPolicyVersion: policy.version, closedAt: at };
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
  const byKey = new Map(documents.map((document) => [document._id, document]));
  const figures: NodeSums[] = [];
  for (const nodeId of ids) {
    const flows = byKey.get(monevKey(nodeId, period));
    const stock = byKey.get(monevKey(nodeId, OPEN_BACKLOG));
    const scope = (name: 'own' | 'subtree') =>
      normaliseSums({ ...flows?.[name], backlog: stock?.[name]?.backlog, backlogSince: stock?.[name]?.backlogSince });
    const own = scope('own');
    const subtree = scope('subtree');
    if (Object.keys(subtree).length > 0 || Object.keys(own).length > 0) figures.push({ nodeId, own, subtree });
  }
  return figures.sort((a, b) => (a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0));
}
