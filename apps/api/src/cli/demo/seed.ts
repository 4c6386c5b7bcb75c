import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRefusedError, complaintStreamId } from '@lacak/application';
import type { AppConfig } from '@lacak/config';
import type { ComplaintStatus, OrganisationTree } from '@lacak/domain';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import type { ReadModelProjector } from '@lacak/projections';
import { openStores } from '@lacak/storage';
import { AppModule } from '../../app.module';
import { RunLifecycleCommand, SubmitComplaintCommand } from '../../commands/commands';
import { type Clock, ORGANISATION_TREE, PROJECTOR } from '../../infrastructure/tokens';
import { RunEvaluationCommand } from '../../evaluations/evaluations.bus';
import { planEvaluations } from './demo-evaluations';
import type { ComplaintRun } from './demo-lifecycle';
import { type ComplaintPlan, type PlannedStep, planDemo } from './demo-plan';

export interface SeedDemoOptions {
  config: AppConfig;
  count: number;
  seed: number;
  /** Called after every command with how many of `total` have run. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedDemoResult {
  complaints: number;
  commands: number;
  byStatus: Partial<Record<ComplaintStatus, number>>;
  elapsedMs: number;
  /** Who projected the complaints into the read models: the seed itself, or the engine running beside it. */
  projectedBy: 'this process' | { holder: string } | null;
}

/** The commands' clock, set to each planned instant just before the command runs. */
class ScriptedClock implements Clock {
  private current = new Date();

  set(at: Date): void {
    this.current = at;
  }

  now(): Date {
    return new Date(this.current);
  }
}

/** One command of one complaint, in the order the whole demo happens. */
type Scheduled = { plan: ComplaintPlan; at: Date; step: PlannedStep | null };

/**
 * Submits `count` complaints and drives each to its planned status through the CommandBus,
 * as the HTTP controllers do, so every event passes the same rules and handlers.
 */
export async function seedDemo({ config, count, seed, onProgress }: SeedDemoOptions): Promise<SeedDemoResult> {
  const started = Date.now();
  const clock = new ScriptedClock();
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, { clock, stores: await openStores(config) }), { logger: false });
  try {
    const plans = planDemo({ tree: app.get<OrganisationTree>(ORGANISATION_TREE), count, seed, now: new Date(started) });
    // Commands of all complaints interleaved by time, so the event log reads in the order things happened.
    const schedule: Scheduled[] = plans
      .flatMap((plan) => [{ plan, at: plan.submittedAt, step: null }, ...plan.steps.map((step) => ({ plan, at: step.at, step }))])
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const commandBus = app.get(CommandBus);
    const runs = new Map<number, ComplaintRun>();
    for (const [done, { plan, at, step }] of schedule.entries()) {
      clock.set(at);
      await execute(commandBus, runs, plan, step);
      onProgress?.(done + 1, schedule.length);
    }
    // Last year's evaluations of a few agencies, with their action plans: the coordinators' monev.
    for (const step of planEvaluations(app.get<OrganisationTree>(ORGANISATION_TREE), new Date(started))) {
      clock.set(step.at);
      await commandBus.execute(new RunEvaluationCommand(step.request, step.actor, { correlationId: randomUUID() }));
    }
    const last = schedule.at(-1);
    const projectedBy = last ? await waitForProjections(app, runs.get(last.plan.index)!.id) : null;

    const byStatus: SeedDemoResult['byStatus'] = {};
    for (const plan of plans) byStatus[plan.finalStatus] = (byStatus[plan.finalStatus] ?? 0) + 1;
    return { complaints: plans.length, commands: schedule.length, byStatus, elapsedMs: Date.now() - started, projectedBy };
  } finally {
    await app.close();
  }
}

async function execute(commandBus: CommandBus, runs: Map<number, ComplaintRun>, plan: ComplaintPlan, step: PlannedStep | null): Promise<void> {
  const preconditions = { correlationId: randomUUID() };
  try {
    if (!step) {
      const { complaintId } = await commandBus.execute(new SubmitComplaintCommand(plan.request, plan.submitter, preconditions));
      runs.set(plan.index, { id: complaintId, clarificationId: null });
      return;
    }
    const run = runs.get(plan.index)!;
    const result = await commandBus.execute(new RunLifecycleCommand(step.input(run, step.at), step.actor, preconditions));
    if (result.clarificationId) run.clarificationId = result.clarificationId;
  } catch (error) {
    // A refusal means the plan broke a lifecycle rule: a bug in the seed, not something to skip.
    if (!(error instanceof CommandRefusedError)) throw error;
    const command = step ? step.input(runs.get(plan.index)!, step.at).type : 'SubmitComplaint';
    throw new Error(
      `Seed bug: ${command} by ${step?.actor.id ?? plan.submitter.id} on demo complaint #${plan.index} ` +
        `("${plan.request.title}", planned ${plan.finalStatus}) refused with ${error.refusal.code}: ${error.refusal.message}`,
      { cause: error },
    );
  }
}

/**
 * The last command's event is the newest in the log: once every read model has it, they are
 * complete. With the engine running, its projector holds the lease and this one stands by, so
 * the wait watches the stored checkpoints rather than this process's own projections.
 */
async function waitForProjections(app: INestApplicationContext, lastComplaintId: string): Promise<SeedDemoResult['projectedBy']> {
  const projector = app.get<ReadModelProjector | null>(PROJECTOR);
  if (!projector) return null;
  const events = await app.get<EventStore>(EVENT_STORE).readStream(complaintStreamId(lastComplaintId));
  await projector.waitUntilStored(events[events.length - 1].position, 120_000);
  return projector.projectingProcess();
}
