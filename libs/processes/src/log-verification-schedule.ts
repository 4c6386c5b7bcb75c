import type { LogVerification, VerifyEventLog } from '@lacak/application';

export interface LogVerificationScheduleOptions {
  intervalMs: number;
  /** Hears every finished verification: the log keeps the faults it names. */
  onVerified: (verification: LogVerification) => void;
  onError: (error: unknown) => void;
}

/**
 * Verifies the whole event log when the engine starts, in the background (readiness does not
 * wait: a large log takes a while, and the verifier yields between pages), then on a schedule.
 * `/health` reports the last result.
 */
export class LogVerificationSchedule {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> = Promise.resolve();

  constructor(
    private readonly verification: VerifyEventLog,
    private readonly options: LogVerificationScheduleOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.verify();
    this.timer = setInterval(() => this.verify(), this.options.intervalMs).unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  private verify(): void {
    this.pass = this.pass.then(() => this.verification.run().then(this.options.onVerified, this.options.onError));
  }
}
