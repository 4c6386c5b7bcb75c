export const ACTOR_ROLES = [
  'reporter',
  'national_admin',
  'agency_admin',
  'unit_officer',
  'apip_inspector',
  'auditor',
  'system',
] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

/**
 * What a tracking id and its secret prove: whoever presents them is the reporter of that one
 * complaint. Only the tracking endpoints build it, after checking the secret.
 */
export interface TrackingCredential {
  trackingId: string;
}

/** Who issues a command: taken from the verified token, recorded in every event's metadata. */
export interface Actor {
  id: string;
  role: ActorRole;
  /** The actor's node in the organisation tree; null for reporters and the system. */
  agencyId: string | null;
  /**
   * Set when the actor authenticated with a complaint's tracking id and secret; absent for a bearer
   * token, whatever its `sub` says, so no token can pass for a complaint's tracking credential.
   */
  tracking?: TrackingCredential;
  /**
   * Set for a reporter who sends through a client application (Open311) and has no account here: the
   * application's name. Such a submission belongs to no account, so no token can pass for its reporter.
   */
  clientApp?: string;
}

/**
 * Whoever presents a complaint's tracking id and secret: the reporter without an account, who may
 * answer clarifications with it. Its id only names it in event metadata; ownership is the credential.
 */
export const trackingActor = (trackingId: string): Actor => ({
  id: `tracking:${trackingId}`,
  role: 'reporter',
  agencyId: null,
  tracking: { trackingId },
});

/** Whose complaint it is: the account that submitted it, and the holder of its tracking credential. */
export interface ReporterOwnership {
  reporterAccountId: string | null;
  trackingId: string | null;
}

/** The reporter's account, or whoever holds the complaint's tracking credential; never a look-alike `sub`. */
export const isReporterOf = (actor: Actor, complaint: ReporterOwnership): boolean => {
  if (actor.role !== 'reporter') return false;
  if (actor.tracking) return complaint.trackingId !== null && actor.tracking.trackingId === complaint.trackingId;
  return complaint.reporterAccountId !== null && actor.id === complaint.reporterAccountId;
};
