import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { loadConfig } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import type { Projector } from '@lacak/projections';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { createApp } from '../../apps/api/src/create-app';
import { PROJECTOR } from '../../apps/api/src/infrastructure/tokens';
import { withTempDir } from './temp-dir';

export interface HttpRun {
  request: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Requests without an answer within autocannon's 10 s. */
  timeouts: number;
}

export interface HttpCommandsResult {
  connections: number;
  durationS: number;
  submit: HttpRun;
  /** From the end of the submit run until every projection has handled every submitted complaint. */
  catchUpMs: number;
  list: HttpRun;
}

const REPORTER: Actor = { id: 'bench-reporter', role: 'reporter', agencyId: null };
const NATIONAL_ADMIN: Actor = { id: 'bench-admin', role: 'national_admin', agencyId: 'national' };
const SUBMISSION = {
  title: 'Pungutan liar saat pendaftaran sekolah',
  description: 'Orang tua murid diminta membayar uang pendaftaran tanpa kuitansi di SMA negeri 3.',
  channel: 'web',
  category: 'pendidikan',
  location: 'Jl. Merdeka 10, Bandung',
  targetAgencyId: 'id-32-disdik',
};

/** The API in this process on a loopback port; autocannon drives it from a worker thread, so it gets the other core. */
export function measureHttpCommands(durationS: number, connections: number): Promise<HttpCommandsResult> {
  return withTempDir(async (dir) => {
    // The highest submission limit the config takes: a 10 s run stays below it, so it measures the command path, not 429s.
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000' });
    const app = await createApp(config);
    try {
      await app.listen(0, '127.0.0.1');
      const { port } = app.getHttpServer().address() as AddressInfo;
      const tokens = new TokenService(config.jwtSecret);
      const load = async (method: 'GET' | 'POST', path: string, actor: Actor, body?: object) => {
        const result = await autocannon({
          url: `http://127.0.0.1:${port}${path}`,
          method,
          headers: { authorization: `Bearer ${await tokens.sign(actor)}`, 'content-type': 'application/json' },
          body: body && JSON.stringify(body),
          connections,
          duration: durationS,
          workers: 1,
        });
        return toRun(`${method} ${path}`, result);
      };

      const submit = await load('POST', '/complaints', REPORTER, SUBMISSION);
      const catchUpStarted = performance.now();
      await app.get<Projector>(PROJECTOR).waitUntilCaughtUp(10 * 60_000);
      const catchUpMs = performance.now() - catchUpStarted;
      const list = await load('GET', '/complaints?status=SUBMITTED&pageSize=20', NATIONAL_ADMIN);
      return { connections, durationS, submit, catchUpMs, list };
    } finally {
      await app.close();
    }
  });
}

function toRun(request: string, result: autocannon.Result): HttpRun {
  return {
    request,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
