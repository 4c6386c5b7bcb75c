export interface IntervalRunnerOptions {
  intervalMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Runs a process's pass at start and then every `intervalMs`, never two at once: a tick while one
 * runs waits its turn. A pass that throws is told to `onError` and counts nothing; the next runs as
 * planned. `stop()` waits for the pass under way, which may check `stopping` to end early.
 */
export class IntervalRunner {
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<number> = Promise.resolve(0);
  private stopRequested = false;

  constructor(
    /** One pass; returns how much it did. */
    private readonly pass: () => Promise<number>,
    private readonly options: IntervalRunnerOptions,
  ) {}

  /** Set by stop(), so a long pass ends after the item it is at. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  start(): void {
    if (this.timer) return;
    this.stopRequested = false;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    void this.tick();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass after the one under way. */
  tick(): Promise<number> {
    this.running = this.running.then(() => this.pass()).catch((error: unknown) => {
      this.options.onError?.(error);
      return 0;
    });
    return this.running;
  }
}
