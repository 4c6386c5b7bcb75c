import autocannon from 'autocannon';
import { HTTP_LOAD_PHASE_ENV } from './lifecycle-steps';

// autocannon reports a fixed list of percentiles without p95, the percentile the query goals name;
// the list is this exported array, read when the main thread aggregates the workers' histograms.
const { percentiles } = require('autocannon/lib/histUtil') as { percentiles: number[] };
if (!percentiles.includes(95)) percentiles.push(95);

export interface HttpRun {
  request: string;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  /** Requests without an answer within autocannon's 10 s. */
  timeouts: number;
}

export interface HttpLoad {
  /** How the run is named in the tables, e.g. `POST /complaints`. */
  label: string;
  baseUrl: string;
  connections: number;
  durationS: number;
  /** An unrecorded run of the same load first, so a cold process's JIT does not count against it. */
  warmUpS: number;
  /** One request, or a sequence each connection walks through in order. */
  requests: autocannon.Request[];
  headers?: Record<string, string>;
}

/**
 * Drives `baseUrl` from a worker thread, so a server in this process keeps the main thread and
 * the other core.
 */
export async function runHttpLoad({ label, baseUrl, connections, durationS, warmUpS, requests, headers }: HttpLoad): Promise<HttpRun> {
  const options = { url: baseUrl, connections, workers: 1, requests, headers };
  // The phase reaches autocannon's worker through the environment it copies at its start.
  let result: autocannon.Result;
  try {
    process.env[HTTP_LOAD_PHASE_ENV] = 'warm-up';
    if (warmUpS > 0) await autocannon({ ...options, duration: warmUpS });
    process.env[HTTP_LOAD_PHASE_ENV] = 'measure';
    result = await autocannon({ ...options, duration: durationS });
  } finally {
    delete process.env[HTTP_LOAD_PHASE_ENV];
  }
  const latency = result.latency as autocannon.Histogram & { p95: number };
  return {
    request: label,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    p50Ms: latency.p50,
    p95Ms: latency.p95,
    p99Ms: latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export const jsonHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});
