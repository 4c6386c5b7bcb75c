import type { JWTPayload } from 'jose';
import type { IdentityClaims } from '@lacak/config';
import { ACTOR_ROLES, type Actor, type ActorRole } from '@lacak/domain';
import { InvalidTokenError } from './token-verifier';

export const DEFAULT_CLAIMS: IdentityClaims = { role: 'role', agencyId: 'agencyId' };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isRole = (value: unknown): value is ActorRole => ACTOR_ROLES.includes(value as ActorRole);

/** The value at a claim name or dotted path (`realm_access.roles`); own properties only. */
export function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const key of path.split('.')) {
    if (!isRecord(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** Writes a claim at a name or dotted path, merging into objects already there (for the local signer). */
export function setClaimAt(payload: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = payload;
  for (const key of keys.slice(0, -1)) {
    if (!isRecord(target[key])) target[key] = {};
    target = target[key] as Record<string, unknown>;
  }
  target[keys[keys.length - 1]] = value;
}

/** A single role, or Keycloak's role list where the first Lacak role counts and the others are ignored. */
function roleFrom(payload: JWTPayload, path: string): ActorRole {
  const claim = claimAt(payload, path);
  if (claim === undefined || claim === null) throw new InvalidTokenError(`The token has no role claim (${path})`);
  if (typeof claim !== 'string' && !Array.isArray(claim)) {
    throw new InvalidTokenError(`The token's role claim (${path}) must be a string or an array of strings`);
  }
  const role = (Array.isArray(claim) ? claim : [claim]).find(isRole);
  if (!role) throw new InvalidTokenError(`The token's role claim (${path}) holds no Lacak role; expected one of ${ACTOR_ROLES.join(', ')}`);
  return role;
}

/** The actor a verified token names; any claim of the wrong shape makes the token invalid. */
export function actorFromClaims(payload: JWTPayload, claims: IdentityClaims): Actor {
  const { sub } = payload;
  if (typeof sub !== 'string' || sub === '') throw new InvalidTokenError('The token has no subject (sub)');
  const role = roleFrom(payload, claims.role);
  const agencyId = claimAt(payload, claims.agencyId) ?? null;
  if (agencyId !== null && typeof agencyId !== 'string') {
    throw new InvalidTokenError(`The token's agency claim (${claims.agencyId}) must be a string`);
  }
  return { id: sub, role, agencyId };
}
