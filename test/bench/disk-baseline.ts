import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type LatencySummary, perSecond, summarise } from './stats';
import { withTempDir } from './temp-dir';

export interface DiskBaselineResult {
  fsyncsPerSecond: number;
  fsyncLatency: LatencySummary;
}

const BLOCK = Buffer.alloc(1024, 'x');

/**
 * The disk's own rate of durable small writes: what a store that fsyncs every event
 * separately could reach at best, and the yardstick for group commit.
 */
export function measureDiskBaseline(durationMs: number): Promise<DiskBaselineResult> {
  return withTempDir(async (dir) => {
    const fd = openSync(join(dir, 'fsync.bin'), 'w');
    const latencies: number[] = [];
    const started = performance.now();
    try {
      while (performance.now() - started < durationMs) {
        const before = performance.now();
        // Appending grows the file, so each fsync also flushes its size, as a log append would.
        writeSync(fd, BLOCK);
        fsyncSync(fd);
        latencies.push(performance.now() - before);
      }
    } finally {
      closeSync(fd);
    }
    return { fsyncsPerSecond: perSecond(latencies.length, performance.now() - started), fsyncLatency: summarise(latencies) };
  });
}
