import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { type SubmissionRequest, complaintIdOf } from '@lacak/application';
import { loadConfig } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { EVENT_STORE, type EventStore } from '@lacak/event-store';
import type { Projector } from '@lacak/projections';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { createApp } from '../../apps/api/src/create-app';
import { PROJECTOR } from '../../apps/api/src/infrastructure/tokens';
import { startHelloWorld } from './hello-world';
import { type HttpRun, jsonHeaders, runHttpLoad } from './http-load';
import { LIFECYCLE_STEPS, LIFECYCLE_WORK_ENV } from './lifecycle-steps';
import { type AcknowledgedAppend, type LagSummary, ProjectionLagProbe } from './projection-lag';
import { withTempDir } from './temp-dir';

export interface HttpCommandsResult {
  connections: number;
  durationS: number;
  /** The reference: a bare Nest Fastify app answering a POST of the same body. */
  helloWorld: HttpRun;
  submit: HttpRun;
  lifecycle: HttpRun;
  /** From each acknowledged append to the read models, over both runs and the catch-up after them. */
  lag: LagSummary;
}

export const REPORTER: Actor = { id: 'bench-reporter', role: 'reporter', agencyId: null };
export const NATIONAL_ADMIN: Actor = { id: 'bench-admin', role: 'national_admin', agencyId: 'national' };
/** The agency complaints are disposed to, and its admin who accepts and responds. */
const HOLDER = 'id-32.01-dinkes';
const HOLDER_ADMIN: Actor = { id: 'bench-holder-admin', role: 'agency_admin', agencyId: HOLDER };
export const SUBMISSION: SubmissionRequest = {
  title: 'Pungutan liar saat pendaftaran sekolah',
  description: 'Orang tua murid diminta membayar uang pendaftaran tanpa kuitansi di SMA negeri 3.',
  channel: 'web',
  category: 'pendidikan',
  location: 'Jl. Merdeka 10, Bandung',
  targetAgencyId: 'id-32-disdik',
};
const STEP_BODIES: Record<(typeof LIFECYCLE_STEPS)[number], { actor: Actor; body: object }> = {
  verify: {
    actor: NATIONAL_ADMIN,
    body: { classification: 'pengaduan', category: 'pendidikan', slaClass: 'ordinary', confidential: false, anonymous: false },
  },
  dispose: { actor: NATIONAL_ADMIN, body: { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' } },
  accept: { actor: HOLDER_ADMIN, body: {} },
  respond: { actor: HOLDER_ADMIN, body: { followUp: 'Pungutan dikembalikan dan petugas ditegur.' } },
};
const CATCH_UP_TIMEOUT_MS = 120_000;

export const baseUrlOf = (app: NestFastifyApplication): string =>
  `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

/** Complaints whose submission was acknowledged: the first append of a complaint stream. */
const submittedComplaints = (appends: AcknowledgedAppend[]): string[] =>
  appends.filter((append) => append.revision === 0n).flatMap((append) => complaintIdOf(append.streamId) ?? []);

/**
 * A bare Nest Fastify hello world, then the API in this process with its projections live, each on
 * a loopback port and driven by autocannon from a worker thread: submissions, then lifecycle
 * commands on the submitted complaints, while a probe times each append's way to the read models.
 */
export function measureHttpCommands(durationS: number, warmUpS: number, connections: number): Promise<HttpCommandsResult> {
  return withTempDir(async (dir) => {
    const submission = { method: 'POST' as const, body: JSON.stringify(SUBMISSION) };
    const hello = await startHelloWorld();
    let helloWorld: HttpRun;
    try {
      helloWorld = await runHttpLoad({
        label: 'POST / (hello world, same body)',
        baseUrl: baseUrlOf(hello),
        connections,
        durationS,
        warmUpS,
        requests: [{ ...submission, path: '/' }],
        headers: jsonHeaders(),
      });
    } finally {
      await hello.close();
    }

    // The highest submission limit the config takes: a run stays below it, so it measures the command path, not 429s.
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000' });
    const app = await createApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      const baseUrl = baseUrlOf(app);
      const tokens = new TokenService(config.jwtSecret);
      const projector = app.get<Projector>(PROJECTOR);
      // Running and caught up before the load starts, so the lag is the projector's and not its start's.
      await projector.waitUntilCaughtUp(CATCH_UP_TIMEOUT_MS);
      const probe = new ProjectionLagProbe(app.get<EventStore>(EVENT_STORE), projector, CATCH_UP_TIMEOUT_MS);
      const submit = await runHttpLoad({
        label: 'POST /complaints',
        baseUrl,
        connections,
        durationS,
        warmUpS,
        requests: [{ ...submission, path: '/complaints' }],
        headers: jsonHeaders(await tokens.sign(REPORTER)),
      });

      const workFile = join(dir, 'lifecycle-complaints.json');
      writeFileSync(workFile, JSON.stringify(submittedComplaints(probe.appends)));
      // Read by the worker autocannon starts next, which copies the environment when it starts.
      process.env[LIFECYCLE_WORK_ENV] = workFile;
      const steps: autocannon.Request[] = await Promise.all(
        LIFECYCLE_STEPS.map(async (step) => ({
          method: 'POST' as const,
          path: step,
          headers: jsonHeaders(await tokens.sign(STEP_BODIES[step].actor)),
          body: JSON.stringify(STEP_BODIES[step].body),
          setupRequest: require.resolve('./lifecycle-requests'),
        })),
      );
      const lifecycle = await runHttpLoad({
        label: `POST /complaints/{id}/${LIFECYCLE_STEPS.join('|')}`,
        baseUrl,
        connections,
        durationS,
        warmUpS,
        requests: steps,
      }).finally(() => delete process.env[LIFECYCLE_WORK_ENV]);
      const lag = await probe.stop();
      return { connections, durationS, helloWorld, submit, lifecycle, lag };
    } finally {
      await app.close();
    }
  });
}
