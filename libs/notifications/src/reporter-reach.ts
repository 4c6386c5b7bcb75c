import { complaintStreamId } from '@lacak/domain';
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
      /** Null for an anonymous reporter: their name is never used. */
      name: string | null;
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

  async reach(complaintId: string): Promise<ReporterReach> {
    const stream = await readStreamOrEmpty(this.events, complaintStreamId(complaintId));
    const submitted = stream.find((e) => e.type === 'ComplaintSubmitted');
    if (!submitted) return { kind: 'unknown-complaint' };
    const trackingId = String(submitted.data.trackingId);
    const reporterRef = typeof submitted.data.reporterRef === 'string' ? submitted.data.reporterRef : null;
    if (!reporterRef) return { kind: 'no-contact', trackingId };
    const anonymous = stream.some((e) => (e.type === 'ComplaintSubmitted' || e.type === 'ComplaintVerified') && e.data.anonymous === true);
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
  return { kind: 'reachable', trackingId, email: email ?? null, phone: phone ?? null, language, name: anonymous ? null : (identity.name ?? null) };
}

/** The channels a reach offers. */
export const channelsOf = (reach: ReporterReach): ReporterChannel[] =>
  reach.kind !== 'reachable' ? [] : [...(reach.email ? (['email'] as const) : []), ...(reach.phone ? (['sms'] as const) : [])];
