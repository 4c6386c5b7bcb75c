import { complaintStreamId } from '@lacak/domain';
import { StreamNotFoundError, type EventStore } from '@lacak/event-store';
import type { PendingIdentity, ReporterIdentityStore } from '@lacak/reporter-identity';

export interface SweepResult {
  confirmed: number;
  erased: number;
}

/**
 * A submission stores the reporter's identity as pending before it appends the complaint, and
 * confirms it after. A crash in between leaves it pending; the sweep settles it from the event
 * store: confirmed when the complaint's submission points at it, erased otherwise (the complaint
 * was never stored, or stored another request's identity), so no identity outlives its complaint.
 */
export class PendingIdentitySweep {
  constructor(
    private readonly eventStore: EventStore,
    private readonly identities: ReporterIdentityStore,
  ) {}

  /** Settles the identities pending since before `before` (ISO-8601): older than any submission still running. */
  async sweep(before: string): Promise<SweepResult> {
    const result: SweepResult = { confirmed: 0, erased: 0 };
    for (const pending of await this.identities.pendingBefore(before)) {
      if (await this.isSubmittedWith(pending)) {
        await this.identities.confirm(pending.reporterRef);
        result.confirmed += 1;
      } else {
        await this.identities.erase(pending.reporterRef);
        result.erased += 1;
      }
    }
    return result;
  }

  private async isSubmittedWith({ complaintId, reporterRef }: PendingIdentity): Promise<boolean> {
    try {
      const [first] = await this.eventStore.readStream(complaintStreamId(complaintId), { maxCount: 1 });
      return first?.type === 'ComplaintSubmitted' && first.data.reporterRef === reporterRef;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false;
      throw error;
    }
  }
}
