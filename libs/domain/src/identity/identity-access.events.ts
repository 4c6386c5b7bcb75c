import type { RefusalCode } from '../complaint/refusals';

/**
 * Facts about access to a reporter's identity, kept in their own stream per complaint so that
 * reading an identity never changes the complaint's revision. They carry the reason, never the
 * identity itself.
 */
export type ReporterIdentityRead = {
  type: 'ReporterIdentityRead';
  data: { complaintId: string; reason: string; at: string };
};

/**
 * A read that was refused, with the refusal the requester was given: every attempt leaves a
 * trace, so probing for identities shows in the history as plainly as reading them.
 */
export type ReporterIdentityReadRefused = {
  type: 'ReporterIdentityReadRefused';
  data: { complaintId: string; reason: string; at: string; refusal: RefusalCode };
};

/** The reporter's key was destroyed: the identity is unreadable everywhere from now on. */
export type ReporterIdentityErased = {
  type: 'ReporterIdentityErased';
  data: { complaintId: string; reason: string; at: string };
};

export type IdentityAccessEvent = ReporterIdentityRead | ReporterIdentityReadRefused | ReporterIdentityErased;

export const IDENTITY_ACCESS_STREAM_PREFIX = 'reporter-identity-';

export const identityAccessStreamId = (complaintId: string): string => `${IDENTITY_ACCESS_STREAM_PREFIX}${complaintId}`;
