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

/** Who issues a command: taken from the verified token, recorded in every event's metadata. */
export interface Actor {
  id: string;
  role: ActorRole;
  /** The actor's node in the organisation tree; null for reporters and the system. */
  agencyId: string | null;
}

/**
 * The actor id of whoever presents a complaint's tracking id and secret: the reporter
 * without an account, who may answer clarifications and accept the follow-up with it.
 */
export const trackingActorId = (trackingId: string): string => `tracking:${trackingId}`;
