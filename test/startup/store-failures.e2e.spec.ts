import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToExit } from '../support/server-process';

/** Accepts connections and never says a word: a store that hangs. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: async () => {
      sockets.forEach((socket) => socket.destroy());
      server.close();
      await once(server, 'close');
    },
  };
}

/** Loopback port 1: nothing listens there, so a connection is refused at once. */
const REFUSED = '127.0.0.1:1';

describe('A process whose stores cannot be reached', () => {
  let dataDir: string;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lacak-startup-'));
    silent = await silentServer();
  });
  afterAll(async () => {
    await silent.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = (entryPoint: string, eventStore: string, readStore: string) =>
    runToExit(entryPoint, {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'log',
      STORE_CONNECT_TIMEOUT_MS: '3000',
      EVENTSTORE_CONNECTION_STRING: `kurrentdb://${eventStore}?tls=false`,
      MONGODB_URI: `mongodb://${readStore}/lacak`,
      // Required with MONGODB_URI: every replica shares them.
      IDENTITY_MASTER_KEY: 'a'.repeat(64),
      TRACKING_SECRET_KEY: 'b'.repeat(64),
    });

  /** Exit status 2 and exactly one line per store on stderr: no stack trace, no path of this machine. */
  const expectOneLinePerStore = (outcome: { code: number | null; stdout: string; stderr: string }) => {
    expect(outcome.code).toBe(2);
    expect(outcome.stdout).toBe('');
    expect(outcome.stderr).not.toMatch(/^\s+at /m);
    expect(outcome.stderr).not.toContain(process.cwd());
    expect(outcome.stderr).not.toMatch(/(^|[\s(])\/[\w.-]+\//);
    const lines = outcome.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    return lines;
  };

  it('the API says a refused connection was refused and a silent store timed out', async () => {
    const [eventStore, readStore] = expectOneLinePerStore(await run('apps/api/src/main.ts', REFUSED, `127.0.0.1:${silent.port}`));
    expect(eventStore).toMatch(/^Cannot open EVENTSTORE_CONNECTION_STRING kurrentdb:\/\/127\.0\.0\.1:1\?tls=false: connection refused: .*; failed after \d+ ms$/);
    expect(readStore).toMatch(/^Cannot open MONGODB_URI mongodb:\/\/127\.0\.0\.1:\d+\/lacak: timed out: no usable server within \d+ ms/);
  });

  it('the projector the other way round', async () => {
    const [eventStore, readStore] = expectOneLinePerStore(await run('apps/projector/src/main.ts', `127.0.0.1:${silent.port}`, REFUSED));
    expect(eventStore).toMatch(/^Cannot open EVENTSTORE_CONNECTION_STRING kurrentdb:\/\/127\.0\.0\.1:\d+\?tls=false: timed out: no answer within \d+ ms$/);
    expect(readStore).toMatch(/^Cannot open MONGODB_URI mongodb:\/\/127\.0\.0\.1:1\/lacak: connection refused: .*; gave up after \d+ ms$/);
  });
});
