import { type ExternalSync, IntervalRunner, type OperationalMetrics } from '@lacak/application';
import { type ComplaintStatus, TERMINAL_STATUSES } from '@lacak/domain';
import { COMPLAINTS_COLLECTION, type ComplaintDocument } from '@lacak/projections';
import type { ReadCollection, ReadStore } from '@lacak/read-store';
import { LAPOR_SYSTEM, type LaporGatewayFactory, httpLaporGateways } from './lapor-deliveries';
import type { LaporSettings } from './lapor-settings';
import { LAPOR_STATUS_MAPPING, mapLaporStatus } from './status-mapping';

/** The poller's own schedule: one document per complaint with a LAPOR! reference. Not a read model: no rebuild drops it. */
export const LAPOR_POLLS_COLLECTION = 'lapor_polls';

export type LaporPollDocument = {
  _id: string;
  externalId: string;
  agencyId: string;
  nextCheckAt: string;
  /** Checks in a row that saw nothing new (or failed): each doubles the wait, up to the bound. */
  unchangedChecks: number;
  lastCheckedAt: string | null;
};

/** When each complaint is next read from LAPOR!. */
export class LaporPollSchedule {
  private readonly polls: ReadCollection<LaporPollDocument>;

  constructor(private readonly readStore: ReadStore) {
    this.polls = readStore.collection<LaporPollDocument>(LAPOR_POLLS_COLLECTION);
  }

  async prepare(): Promise<void> {
    await this.polls.createIndex({ name: 'due', keys: { nextCheckAt: 1, _id: 1 } });
  }

  /** A complaint just created in LAPOR!: first read at once. A repeat leaves its schedule alone. */
  async add(complaintId: string, externalId: string, agencyId: string, now: Date): Promise<void> {
    await this.polls.updateOne(
      { _id: complaintId },
      { $setOnInsert: { externalId, agencyId, nextCheckAt: now.toISOString(), unchangedChecks: 0, lastCheckedAt: null } },
      { upsert: true },
    );
  }

  /**
   * Schedules every complaint the read model shows with a LAPOR! reference and no schedule yet: the
   * ones whose reference was recorded but whose `add` a crash cut off. Complaints settled on both
   * sides (whose schedule `settled` removed) are left alone. Run once at start.
   */
  async discover(now: Date): Promise<number> {
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const referenced = await complaints.find({ 'externalSync.system': LAPOR_SYSTEM }, { projection: { _id: 1, status: 1, externalSync: 1 } });
    const scheduled = new Set(
      (await this.polls.find({ _id: { $in: referenced.map((complaint) => complaint._id) } }, { projection: { _id: 1 } })).map((poll) => poll._id),
    );
    let added = 0;
    for (const complaint of referenced) {
      const sync = complaint.externalSync?.find((s) => s.system === LAPOR_SYSTEM);
      if (!sync || scheduled.has(complaint._id) || settledOnBothSides(complaint.status, sync.observed?.mappedStatus ?? null)) continue;
      await this.add(complaint._id, sync.externalId, sync.agencyId, now);
      added++;
    }
    return added;
  }

  due(now: Date, limit: number): Promise<LaporPollDocument[]> {
    return this.polls.find({ nextCheckAt: { $lte: now.toISOString() } }, { sort: { nextCheckAt: 1, _id: 1 }, limit });
  }

  async checked(poll: LaporPollDocument, now: Date, nextCheckAt: Date, unchangedChecks: number): Promise<void> {
    await this.polls.updateOne(
      { _id: poll._id },
      { $set: { nextCheckAt: nextCheckAt.toISOString(), unchangedChecks, lastCheckedAt: now.toISOString() } },
    );
  }

  /** A complaint at an end here and in LAPOR!: nothing more to read. */
  async settled(poll: LaporPollDocument): Promise<void> {
    await this.polls.deleteOne({ _id: poll._id });
  }
}

const isTerminal = (status: ComplaintStatus | null): boolean => status !== null && TERMINAL_STATUSES.includes(status);

/** Both sides at one of their ends: neither will show anything new. */
const settledOnBothSides = (here: ComplaintStatus, there: ComplaintStatus | null): boolean => isTerminal(here) && isTerminal(there);

export interface LaporStatusPollerOptions {
  /** How often the poller looks for complaints due a check. */
  intervalMs: number;
  now: () => Date;
  /** Most complaints checked per pass. */
  batchSize?: number;
  onError?: (error: unknown) => void;
  gateways?: LaporGatewayFactory;
  /** Hears how each check ended. */
  metrics?: OperationalMetrics;
}

/**
 * Reads what LAPOR! shows of each complaint pushed there (status and follow-ups) and records it as
 * an `ExternalStatusObserved` event when it changed. Per complaint, a check that saw nothing new or
 * failed doubles the wait before the next, from `poll.minIntervalMs` up to `poll.maxIntervalMs`; a
 * change starts again from the shortest wait. Once the complaint is at an end both here and there,
 * its schedule is removed. Runs beside the deadline process, under the projector lease, so one
 * process polls.
 */
export class LaporStatusPoller {
  private readonly runner: IntervalRunner;
  private discovered = false;

  constructor(
    private readonly settings: LaporSettings,
    private readonly schedule: LaporPollSchedule,
    private readonly sync: ExternalSync,
    private readonly options: LaporStatusPollerOptions,
  ) {
    this.runner = new IntervalRunner(() => this.pass(), options);
  }

  start(): void {
    this.runner.start();
  }

  stop(): Promise<void> {
    return this.runner.stop();
  }

  /** One pass; returns how many observations were recorded. Passes never overlap. */
  tick(): Promise<number> {
    return this.runner.tick();
  }

  private async pass(): Promise<number> {
    const now = this.options.now();
    if (!this.discovered) {
      await this.schedule.prepare();
      await this.schedule.discover(now);
      this.discovered = true;
    }
    let recorded = 0;
    for (const poll of await this.schedule.due(now, this.options.batchSize ?? 100)) {
      if (this.runner.stopping) break;
      recorded += (await this.check(poll, now)) ? 1 : 0;
    }
    return recorded;
  }

  private async check(poll: LaporPollDocument, now: Date): Promise<boolean> {
    const { maxIntervalMs } = this.settings.poll;
    const agency = this.settings.agencies.get(poll.agencyId);
    if (!agency) {
      // Settings without the agency any more: look again after the longest wait.
      await this.schedule.checked(poll, now, new Date(now.getTime() + maxIntervalMs), poll.unchangedChecks);
      return false;
    }
    const gateway = (this.options.gateways ?? httpLaporGateways)(agency, this.settings);
    try {
      const status = await gateway.getStatus(poll.externalId);
      const followUps = await gateway.listFollowUps(poll.externalId);
      const latestFollowUpAt = followUps.map((f) => f.createdAt).filter((at): at is string => at !== null).sort().at(-1) ?? null;
      const mappedStatus = mapLaporStatus(status.statusName);
      const changed = await this.sync.recordObservation({
        complaintId: poll._id,
        system: LAPOR_SYSTEM,
        externalId: poll.externalId,
        statusCode: status.statusCode,
        statusName: status.statusName,
        mappedStatus,
        mappingVersion: LAPOR_STATUS_MAPPING.version,
        followUpCount: followUps.length,
        latestFollowUpAt,
      });
      this.options.metrics?.externalStatusChecked(LAPOR_SYSTEM, changed ? 'changed' : 'unchanged');
      // Our side is read from the stream only once LAPOR! shows an end.
      const here = isTerminal(mappedStatus) ? (await this.sync.complaintToPush(poll._id, LAPOR_SYSTEM))?.status : undefined;
      if (here && settledOnBothSides(here, mappedStatus)) await this.schedule.settled(poll);
      else await this.waitLonger(poll, now, changed ? 0 : poll.unchangedChecks + 1);
      return changed;
    } catch (error) {
      this.options.onError?.(error);
      this.options.metrics?.externalStatusChecked(LAPOR_SYSTEM, 'failed');
      await this.waitLonger(poll, now, poll.unchangedChecks + 1);
      return false;
    }
  }

  /** The next check after `minIntervalMs`, doubled per check in a row without news, up to `maxIntervalMs`. */
  private async waitLonger(poll: LaporPollDocument, now: Date, unchangedChecks: number): Promise<void> {
    const { minIntervalMs, maxIntervalMs } = this.settings.poll;
    const wait = Math.min(maxIntervalMs, minIntervalMs * 2 ** unchangedChecks);
    await this.schedule.checked(poll, now, new Date(now.getTime() + wait), unchangedChecks);
  }
}
