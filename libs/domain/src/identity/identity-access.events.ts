/**
 * Facts about access to a reporter's identity, kept in their own stream per complaint so that
 * reading an identity never changes the complaint's revision. They carry the reason, never the
 * identity itself.
 */
export type ReporterIdentityRead = {
  type: 'ReporterIdentityRead';
  data: { complaintId: string; reason: string; at: string };
};

/** The reporter's key was destroyed: the identity is unreadable everywhere from now on. */
export type ReporterIdentityErased = {
  type: 'ReporterIdentityErased';
  data: { complaintId: string; reason: string; at: string };
};

export type IdentityAccessEvent = ReporterIdentityRead | ReporterIdentityErased;

export const IDENTITY_ACCESS_STREAM_PREFIX = 'reporter-identity-';

export const identityAccessStreamId = (complaintId: string): string => `${IDENTITY_ACCESS_STREAM_PREFIX}${complaintId}`;
