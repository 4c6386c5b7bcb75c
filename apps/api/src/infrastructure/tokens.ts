/** Injection tokens of what the composition root provides; the ports export their own. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const ORGANISATION_TREE = Symbol('ORGANISATION_TREE');
export const CLOCK = Symbol('CLOCK');
export const PROJECTOR = Symbol('PROJECTOR');
export const STORES = Symbol('STORES');
export const DEADLINE_CONTEXT = Symbol('DEADLINE_CONTEXT');
/** The server key tracking secrets and request fingerprints are derived from; shared by every replica. */
export const TRACKING_KEY = Symbol('TRACKING_KEY');

/** The notary's Ed25519 key: tree heads are signed with it. */
export const AUDIT_SIGNING_KEY = Symbol('AUDIT_SIGNING_KEY');

export type { Clock } from '@lacak/application';
