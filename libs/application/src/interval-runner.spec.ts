import { IntervalRunner } from './interval-runner';

describe('IntervalRunner', () => {
  it('runs passes one after another, never two at once', async () => {
    let running = 0;
    let most = 0;
    const runner = new IntervalRunner(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      return 1;
    }, { intervalMs: 60_000 });
    expect(await Promise.all([runner.tick(), runner.tick(), runner.tick()])).toEqual([1, 1, 1]);
    expect(most).toBe(1);
  });

  it('tells a failed pass and runs the next', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const runner = new IntervalRunner(async () => {
      calls++;
      if (calls === 1) throw new Error('store down');
      return 2;
    }, { intervalMs: 60_000, onError: (error) => errors.push(error) });
    expect(await runner.tick()).toBe(0);
    expect(await runner.tick()).toBe(2);
    expect(errors).toEqual([new Error('store down')]);
  });

  it('runs a pass at start and lets stop wait for it, the pass seeing that it should end', async () => {
    let release: () => void = () => undefined;
    let started: () => void = () => undefined;
    const passStarted = new Promise<void>((resolve) => (started = resolve));
    const seen: boolean[] = [];
    const runner = new IntervalRunner(async () => {
      const released = new Promise<void>((resolve) => (release = resolve));
      started();
      await released;
      seen.push(runner.stopping);
      return 0;
    }, { intervalMs: 60_000 });
    runner.start();
    await passStarted;
    const stopped = runner.stop();
    release();
    await stopped;
    expect(seen).toEqual([true]);
  });
});
