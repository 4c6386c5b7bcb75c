import type { ExternalSync, OperationalMetrics } from '@lacak/application';
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
  /** Checks in a row that saw nothing new: each doubles the wait, up to the bound. */
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
   * ones whose reference was recorded but whose `add` a crash cut off. Run once at start.
   */
  async discover(now: Date): Promise<number> {
    const complaints = this.readStore.collection<ComplaintDocument>(COMPLAINTS_COLLECTION);
    const referenced = await complaints.find({ 'externalSync.system': LAPOR_SYSTEM }, { projection: { _id: 1, externalSync: 1 } });
    let added = 0;
    for (const complaint of referenced) {
      const sync = complaint.externalSync?.find((s) => s.system === LAPOR_SYSTEM);
      if (!sync || (await this.polls.findOne({ _id: complaint._id }))) continue;
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
}

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
 * an `ExternalStatusObserved` event when it changed. Per complaint, a check that saw nothing new
 * doubles the wait before the next, from `poll.minIntervalMs` up to `poll.maxIntervalMs`; a change
 * (or a failed check) starts again from the shortest wait. Runs beside the deadline process, under
 * the projector lease, so one process polls.
 */
export class LaporStatusPoller {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> = Promise.resolve(0);
  private stopping = false;
  private discovered = false;

  constructor(
    private readonly settings: LaporSettings,
    private readonly schedule: LaporPollSchedule,
    private readonly sync: ExternalSync,
    private readonly options: LaporStatusPollerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.stopping = false;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass; returns how many observations were recorded. Passes never overlap. */
  tick(): Promise<number> {
    this.running = this.running.then(() => this.pass()).catch((error: unknown) => {
      this.options.onError?.(error);
      return 0;
    });
    return this.running;
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
      if (this.stopping) break;
      recorded += (await this.check(poll, now)) ? 1 : 0;
    }
    return recorded;
  }

  private async check(poll: LaporPollDocument, now: Date): Promise<boolean> {
    const { minIntervalMs, maxIntervalMs } = this.settings.poll;
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
      const changed = await this.sync.recordObservation({
        complaintId: poll._id,
        system: LAPOR_SYSTEM,
        externalId: poll.externalId,
        statusCode: status.statusCode,
        statusName: status.statusName,
        mappedStatus: mapLaporStatus(status.statusName),
        mappingVersion: LAPOR_STATUS_MAPPING.version,
        followUpCount: followUps.length,
        latestFollowUpAt,
      });
      const unchangedChecks = changed ? 0 : poll.unchangedChecks + 1;
      const wait = Math.min(maxIntervalMs, minIntervalMs * 2 ** unchangedChecks);
      await this.schedule.checked(poll, now, new Date(now.getTime() + wait), unchangedChecks);
      this.options.metrics?.externalStatusChecked(LAPOR_SYSTEM, changed ? 'changed' : 'unchanged');
      return changed;
    } catch (error) {
      this.options.onError?.(error);
      this.options.metrics?.externalStatusChecked(LAPOR_SYSTEM, 'failed');
      await this.schedule.checked(poll, now, new Date(now.getTime() + minIntervalMs), poll.unchangedChecks);
      return false;
    }
  }
}
