import { foldComplaintHistory } from '@lacak/application';
import { type ComplaintState, complaintStreamId } from '@lacak/domain';
import { type EventStore, readStreamOrEmpty } from '@lacak/event-store';
import type { ReporterIdentity, ReporterIdentityStore } from '@lacak/reporter-identity';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './templates';
import type { ReporterChannel } from './topics';

/**
 * How a complaint's reporter can be reached, read at the moment of need and never kept: the
 * contact stays in the identity store, and only this value, held in memory, carries it.
 */
export type ReporterReach =
  | { kind: 'unknown-complaint' }
  /** No identity, or none with a contact this reporter may be reached on. */
  | { kind: 'no-contact'; trackingId: string }
  | { kind: 'erased'; trackingId: string }
  | {
      kind: 'reachable';
      trackingId: string;
      email: string | null;
      phone: string | null;
      language: Language;
    };

/**
 * Finds a complaint's reporter in the identity store through the `reporterRef` of its submission.
 * An anonymous reporter (flagged at submission or at verification) is reached only through the
 * tracking contact they chose to leave; anyone else through that contact if given, else the e-mail
 * and phone of their identity. An erased identity is never reached.
 */
export class ReporterReachFinder {
  constructor(
    private readonly events: EventStore,
    private readonly identities: ReporterIdentityStore,
  ) {}

  /** The complaint as its history folds, read once. */
  async complaint(complaintId: string): Promise<ComplaintState> {
    return foldComplaintHistory(await readStreamOrEmpty(this.events, complaintStreamId(complaintId)));
  }

  async reach(complaintId: string): Promise<ReporterReach> {
    return this.reachOf(await this.complaint(complaintId));
  }

  /** The reach of a complaint already folded. */
  async reachOf(complaint: Pick<ComplaintState, 'trackingId' | 'reporterRef' | 'anonymous'>): Promise<ReporterReach> {
    const { trackingId, reporterRef, anonymous } = complaint;
    if (trackingId === null) return { kind: 'unknown-complaint' };
    if (!reporterRef) return { kind: 'no-contact', trackingId };
    if ((await this.identities.status(reporterRef)) === 'erased') return { kind: 'erased', trackingId };
    const identity = await this.identities.find(reporterRef);
    if (!identity) return { kind: 'no-contact', trackingId };
    return reachOf(identity, anonymous, trackingId);
  }
}

function reachOf(identity: ReporterIdentity, anonymous: boolean, trackingId: string): ReporterReach {
  const contact = identity.trackingContact ?? {};
  const email = contact.email ?? (anonymous ? undefined : identity.email);
  const phone = contact.phone ?? (anonymous ? undefined : identity.phone);
  if (!email && !phone) return { kind: 'no-contact', trackingId };
  const language = LANGUAGES.find((l) => l === contact.language) ?? DEFAULT_LANGUAGE;
  return { kind: 'reachable', trackingId, email: email ?? null, phone: phone ?? null, language };
}

/** The channels a reach offers. */
export const channelsOf = (reach: ReporterReach): ReporterChannel[] =>
  reach.kind !== 'reachable' ? [] : [...(reach.email ? (['email'] as const) : []), ...(reach.phone ? (['sms'] as const) : [])];
