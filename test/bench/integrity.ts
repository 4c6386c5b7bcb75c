import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { VerifyEventLog } from '@lacak/application';
import { SqliteEventStore, type RecordedEvent } from '@lacak/event-store';
import { chainEvents, verifyChain } from '@lacak/integrity';
import { EMBEDDED_FILES } from '@lacak/storage';
import { perSecond } from './stats';

export interface VerifyRun {
  events: number;
  wallMs: number;
  eventsPerSecond: number;
  faults: number;
}

/** `npm run verify`'s work on the seeded archive: every chain, every position, through the use case. */
export async function measureVerify(dataDir: string): Promise<VerifyRun> {
  const eventStore = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_FILES.events) });
  try {
    const verification = new VerifyEventLog(eventStore, { now: () => new Date() }, generateKeyPairSync('ed25519').publicKey);
    const started = performance.now();
    const { events, faults } = await verification.run();
    const wallMs = performance.now() - started;
    return { events, wallMs, eventsPerSecond: perSecond(events, wallMs), faults: faults.length };
  } finally {
    await eventStore.close();
  }
}

export interface HashingCost {
  /** CPU microseconds a command spends on the chain: checking the history it read, hashing what it appends. */
  microsecondsPerCommand: number;
  historyLength: number;
}

/**
 * The hash chain's share of a command, measured apart (the engine has no switch to turn it off):
 * what `readVerifiedStream` and `chained` do for a command on a complaint of `historyLength` events.
 */
export function measureHashingCost(sample: RecordedEvent[], durationMs: number): HashingCost {
  const streamId = sample[0].streamId;
  const history = sample.slice(0, -1);
  const next = sample[sample.length - 1];
  const started = process.cpuUsage();
  const deadline = performance.now() + durationMs;
  let commands = 0;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) {
      const { head } = verifyChain(history);
      chainEvents(streamId, BigInt(history.length), head, [next]);
    }
    commands += 100;
  }
  const { user, system } = process.cpuUsage(started);
  return { microsecondsPerCommand: (user + system) / commands, historyLength: history.length };
}

/** The longest complaint stream among the archive's first ones, as a late command reads it. */
export async function sampleStream(dataDir: string): Promise<RecordedEvent[]> {
  const eventStore = SqliteEventStore.open({ file: join(dataDir, EMBEDDED_FILES.events) });
  try {
    const lengths = new Map<string, number>();
    for (const event of await eventStore.readAll({ maxCount: 2_000 })) lengths.set(event.streamId, (lengths.get(event.streamId) ?? 0) + 1);
    const [longest] = [...lengths.entries()].sort((a, b) => b[1] - a[1])[0];
    return await eventStore.readStream(longest);
  } finally {
    await eventStore.close();
  }
}
