import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type DockerEndpoint = { socketPath: string } | { host: string; port: number };

/** Where a Docker engine would listen: DOCKER_HOST (unix or tcp), else a usual socket that exists. */
export function dockerEndpoint(env: NodeJS.ProcessEnv = process.env): DockerEndpoint | null {
  const configured = env.DOCKER_HOST;
  if (configured?.startsWith('unix://')) return { socketPath: configured.slice('unix://'.length) };
  if (configured?.startsWith('tcp://')) {
    const url = new URL(configured.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  if (configured) return null;
  const sockets = [
    '/var/run/docker.sock',
    env.XDG_RUNTIME_DIR && join(env.XDG_RUNTIME_DIR, 'docker.sock'), // rootless Docker
    join(homedir(), '.docker', 'run', 'docker.sock'), // Docker Desktop
  ];
  const socketPath = sockets.find((path): path is string => typeof path === 'string' && existsSync(path));
  return socketPath ? { socketPath } : null;
}

/**
 * Whether an engine answers `GET /_ping` with 200 and its API version; any other HTTP server
 * (a proxy intercepting TCP, say) does not count. Plain HTTP only: an engine behind TLS is not
 * detected (use MONGODB_URI). Synchronous, in a child process, because jest must pick
 * `describe` or `describe.skip` while it collects tests, before any hook could await.
 */
export function dockerAnswers(endpoint: DockerEndpoint, timeoutMs = 1500): boolean {
  const probe = `require('node:http')
    .get({ ...JSON.parse(process.argv[1]), path: '/_ping', timeout: ${timeoutMs} },
      (reply) => process.exit(reply.statusCode === 200 && reply.headers['api-version'] ? 0 : 1))
    .on('timeout', () => process.exit(1))
    .on('error', () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', probe, JSON.stringify(endpoint)], {
    stdio: 'ignore',
    timeout: timeoutMs + 1000,
  });
  return result.status === 0;
}

/** Whether a Docker engine answers where one would listen: what the contract suites against real servers check before they run. */
export function dockerEngineAnswers(env: NodeJS.ProcessEnv = process.env): boolean {
  const endpoint = dockerEndpoint(env);
  return endpoint !== null && dockerAnswers(endpoint);
}
