import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaintStreamId } from '@lacak/application';
import { loadConfig } from '@lacak/config';
import { SqliteEventStore } from '@lacak/event-store';
import { loadOrganisation } from '@lacak/organisation';
import { createDeadlineContext } from '@lacak/processes';
import { Projector, type ProjectionStatus, createProjections } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { EMBEDDED_FILES } from '@lacak/storage';
import { eventually } from '@lacak/testing';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { dumpReadModels } from '@lacak/projections/testing';
import { AGENCY, aSubmission, aVerification } from '../support/http-steps';
import { orphanedIdentities, sealedIdentityRefs } from '../support/identity-files';
import { ApiProcess } from '../support/server-process';

/** A command the API answered with 2xx: its event must be stored at this revision, whatever happens next. */
interface Ack {
  complaintId: string;
  revision: number;
  event: string;
}

/** Commands in flight at once; each lane submits, verifies and disposes one complaint after another. */
const LANES = 8;
/** Acknowledgements after which each run is killed; several runs, so recovery itself is recovered from. */
const KILL_AFTER_ACKS = [40, 25, 60];

/** Drives one server with concurrent lanes of commands and SIGKILLs it once `killAfter` more commands were acknowledged. */
class KillRun {
  private inFlight = 0;
  inFlightAtKill = 0;
  readonly failures: string[] = [];
  private killed = false;
  private acked = 0;

  constructor(
    private readonly server: ApiProcess,
    private readonly acks: Ack[],
    private readonly tokens: { reporter: string; admin: string },
    private readonly killAfter: number,
  ) {}

  async run(): Promise<void> {
    await Promise.all(Array.from({ length: LANES }, (_, lane) => this.lane(lane)));
    await this.server.exited;
  }

  private async lane(lane: number): Promise<void> {
    for (let n = 0; !this.killed; n++) {
      const submitted = await this.send('/complaints', this.tokens.reporter, aSubmission({ title: `Lane ${lane} complaint ${n}`, reporter: { name: `Pelapor ${lane}-${n}` } }));
      if (!submitted) return;
      const id = submitted.id as string;
      this.ack({ complaintId: id, revision: 0, event: 'ComplaintSubmitted' });
      for (const [command, body, event] of [
        ['verify', aVerification, 'ComplaintVerified'],
        ['dispose', { agencyId: AGENCY, note: 'Mohon ditindaklanjuti' }, 'ComplaintDisposed'],
      ] as const) {
        const answer = await this.send(`/complaints/${id}/${command}`, this.tokens.admin, body);
        if (!answer) return;
        this.ack({ complaintId: id, revision: Number(answer.revision), event });
      }
    }
  }

  /** The 2xx body, or null once the server is gone; anything else is a failure of the test run. */
  private async send(path: string, token: string, body: object): Promise<Record<string, unknown> | null> {
    if (this.killed) return null;
    this.inFlight += 1;
    try {
      const response = await fetch(`${this.server.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.ok) return JSON.parse(text);
      this.failures.push(`${path}: ${response.status} ${text}`);
    } catch (error) {
      if (!this.killed) this.failures.push(`${path}: ${String(error)} before the kill\n${this.server.log}`);
    } finally {
      this.inFlight -= 1;
    }
    return null;
  }

  private ack(ack: Ack): void {
    this.acks.push(ack);
    this.acked += 1;
    if (this.killed || this.acked < this.killAfter) return;
    this.killed = true;
    this.inFlightAtKill = this.inFlight;
    void this.server.kill();
  }
}

/** Polls /health until every projection has handled the event at `position`. */
async function projectionsReach(server: ApiProcess, position: bigint, timeoutMs = 90_000): Promise<void> {
  const projectionsOf = async () =>
    ((await (await fetch(`${server.url}/health`)).json()) as { projector: { projections: ProjectionStatus[] } }).projector.projections;
  const reached = (projections: ProjectionStatus[]) => projections.every((p) => p.position !== null && BigInt(p.position) === position);
  await eventually(projectionsOf, reached, { timeoutMs, intervalMs: 50, description: `Projections reaching ${position}` }).catch((error: Error) => {
    throw new Error(`${error.message}\n${server.log}`);
  });
}

describe('The API killed with commands in flight', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lacak-crash-'));
  // A killed server leaves its projector lease behind; the restarted one (a new process) takes
  // over once it expires, so a short lease keeps the test quick.
  // The stream of submissions is one actor's: far above what the per-actor limit allows.
  // Identities left pending by a kill are swept within a few seconds of the restart.
  const env = { ...process.env, DATA_DIR: dataDir, PROJECTOR_LEASE_TTL_MS: '600', RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000', PENDING_IDENTITY_TIMEOUT_MS: '2000' };
  const acks: Ack[] = [];

  afterAll(async () => {
    await ApiProcess.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged command, leaves no identity without its complaint and, after restarting, projects the same read models as a rebuild', async () => {
    const tokens = new TokenService(loadConfig(env).jwtSecret);
    const actors = {
      reporter: await tokens.sign({ id: 'reporter-crash', role: 'reporter', agencyId: null }),
      admin: await tokens.sign({ id: 'admin-national', role: 'national_admin', agencyId: 'national' }),
    };

    for (const killAfter of KILL_AFTER_ACKS) {
      const run = new KillRun(await ApiProcess.start(env), acks, actors, killAfter);
      await run.run();
      expect(run.failures).toEqual([]);
      expect(run.inFlightAtKill).toBeGreaterThan(0);
    }
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS.reduce((a, b) => a + b));

    const server = await ApiProcess.start(env);
    const eventStore = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_FILES.events) });
    const scratch = mkdtempSync(join(tmpdir(), 'lacak-crash-rebuild-'));
    const readStore = SqliteReadStore.open({ file: join(dataDir, EMBEDDED_FILES.readModels) });
    const rebuilt = SqliteReadStore.open({ file: join(scratch, 'rebuilt.db') });
    try {
      const stored = await eventStore.readAll();
      const last = stored[stored.length - 1].position;
      await projectionsReach(server, last);
      await eventually(() => sealedIdentityRefs(dataDir, 'pending').length === 0, { timeoutMs: 15_000, intervalMs: 50 });
      expect(await server.stop()).toBe('graceful');
      expect(orphanedIdentities(dataDir, stored)).toEqual([]);
      expect(sealedIdentityRefs(dataDir).length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS.length);

      const lost: Ack[] = [];
      for (const ack of acks) {
        const stream = await eventStore.readStream(complaintStreamId(ack.complaintId));
        if (stream.find((e) => e.revision === BigInt(ack.revision))?.type !== ack.event) lost.push(ack);
      }
      expect(lost).toEqual([]);

      const tree = loadOrganisation();
      const projector = new Projector(createProjections(tree, createDeadlineContext(loadConfig({ DATA_DIR: dataDir }), tree)), eventStore, rebuilt);
      projector.start();
      await projector.waitFor(last);
      await projector.stop();
      const projected = await dumpReadModels(readStore);
      expect(projected.complaints).toHaveLength(new Set(stored.map((e) => e.streamId)).size);
      expect(projected).toEqual(await dumpReadModels(rebuilt));
    } finally {
      await Promise.all([eventStore.close(), readStore.close(), rebuilt.close()]);
      rmSync(scratch, { recursive: true, force: true });
    }
    // Two API processes compile and start and the projections wait up to 90 s: on a loaded machine that outlasts 60 s.
  }, 180_000);
});
