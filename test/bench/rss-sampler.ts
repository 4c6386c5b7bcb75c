import { readFileSync, writeFileSync } from 'node:fs';

export const mb = (bytes: number): number => bytes / 2 ** 20;

/** A process's resident set now and its high-water mark, from Linux's /proc; null elsewhere. */
export function processMemory(pid: number | 'self'): { rssBytes: number; peakRssBytes: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
    return { rssBytes: kib('VmRSS'), peakRssBytes: kib('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets this process's high-water mark (Linux: writing 5 to clear_refs); false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work` and returns the peak resident set it reached, not where it ended: the kernel's
 * high-water mark where it can be reset, which also sees peaks while the event loop is blocked,
 * and a 100 ms sample either way.
 */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssBytes: number }> {
  const kernelPeak = resetPeakRss();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 100);
  try {
    const result = await work();
    const highWater = kernelPeak ? (processMemory('self')?.peakRssBytes ?? 0) : 0;
    return { result, peakRssBytes: Math.max(peak, process.memoryUsage.rss(), highWater) };
  } finally {
    clearInterval(timer);
  }
}
