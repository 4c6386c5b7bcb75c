import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { eventually } from '@lacak/testing';

const REPO_ROOT = join(__dirname, '..', '..');

/** How a server process ended: by itself after SIGTERM, or killed because it did not. */
export type StopOutcome = 'graceful' | 'forced';

/** Every process started and not yet exited, so a failing test can still end them all. */
const running = new Set<ApiProcess>();

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** How a process that stopped by itself ended, and what it wrote. */
export interface ProcessOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an entry point (e.g. `apps/projector/src/main.ts`) compiled on the fly, until it exits by
 * itself; with `killAfterMs`, SIGKILL ends it then if it has not (its code is then null).
 */
export async function runToExit(command: string | string[], env: NodeJS.ProcessEnv, killAfterMs?: number): Promise<ProcessOutcome> {
  // An entry point, or an entry point with its arguments.
  const child = spawn(process.execPath, ['-r', '@swc-node/register', ...[command].flat()], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** The real API (`apps/api/src/main.ts` compiled on the fly) in a child process of its own. */
export class ApiProcess {
  readonly exited: Promise<void>;
  private ended = false;
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    // A failure to spawn ('error') ends the process as surely as 'exit' does.
    const end = () => {
      this.ended = true;
      running.delete(this);
    };
    this.exited = once(child, 'exit').then(end, end);
    running.add(this);
  }

  /**
   * Starts the API on a free port and resolves once `/health` answers 200. Another entry point that
   * reads PORT and answers `/health` (the bench's hello world) starts the same way.
   */
  static async start(env: NodeJS.ProcessEnv & { DATA_DIR: string }, readyTimeoutMs = 20_000, entryPoint = 'apps/api/src/main.ts'): Promise<ApiProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', '@swc-node/register', entryPoint], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: 'error', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ApiProcess(child, `http://127.0.0.1:${port}`);
    await server.waitUntilReady(readyTimeoutMs);
    return server;
  }

  /** Ends every process still running; for `afterAll`, so a failed test leaves none behind. */
  static async killAll(): Promise<void> {
    await Promise.all([...running].map((server) => server.kill()));
  }

  /** The operating system's id of the process, to read its memory. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.ended;
  }

  /** What the process wrote to stdout and stderr, for failure messages. */
  get log(): string {
    return this.output;
  }

  /** SIGKILL: no shutdown hook runs, as in a power cut or an OOM kill. */
  async kill(): Promise<void> {
    if (!this.hasExited) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, then SIGKILL if the process has not exited within the timeout. */
  async stop(timeoutMs = 10_000): Promise<StopOutcome> {
    if (!this.hasExited) this.child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const overdue = new Promise<'forced'>((resolve) => (timer = setTimeout(() => resolve('forced'), timeoutMs)));
    const outcome = await Promise.race([this.exited.then(() => 'graceful' as const), overdue]);
    clearTimeout(timer);
    if (outcome === 'forced') await this.kill();
    return outcome;
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const answersHealth = async () => {
      try {
        return (await fetch(`${this.url}/health`)).status === 200;
      } catch {
        return false; // Not listening yet.
      }
    };
    // A process that exits while starting ends the wait at once: it will never answer.
    const settled = await eventually(async () => this.hasExited || (await answersHealth()), { timeoutMs, intervalMs: 50 }).then(
      () => true,
      () => false,
    );
    if (settled && !this.hasExited) return;
    await this.kill();
    throw new Error(`The API did not become ready within ${timeoutMs} ms:\n${this.output}`);
  }
}
