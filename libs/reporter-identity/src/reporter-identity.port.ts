/**
 * Reporter identity lives here, never in events or read models: the complaint's events
 * carry only an opaque `reporterRef`. Keeping it apart lets it be erased on request
 * without rewriting history. Reads are recorded by the callers, not by the store.
 */
export interface ReporterIdentity {
  name?: string;
  idNumber?: string;
  email?: string;
  phone?: string;
  /**
   * Where the reporter chose to hear about their complaint, and in which language. An anonymous
   * reporter is reached through this only; anyone else through this, else their e-mail and phone.
   */
  trackingContact?: TrackingContact;
}

export interface TrackingContact {
  email?: string;
  phone?: string;
  /** `id` (Bahasa Indonesia, the default) or `en`. */
  language?: string;
}

export type ReporterIdentityStatus = 'present' | 'erased' | 'unknown';

/** The complaint a pending identity was saved for, and when (ISO-8601). No personal data. */
export interface PendingFor {
  complaintId: string;
  since: string;
}

export interface PendingIdentity extends PendingFor {
  reporterRef: string;
}

/**
 * Guarantees:
 * - At rest each identity is encrypted under its own key, bound to its `reporterRef`.
 * - `save` is durable when it resolves, so an event written afterwards never points at nothing.
 * - `erase` destroys the reporter's key (crypto-shredding): nothing read afterwards, nor any copy
 *   of the identity data, can recover the identity. Only a copy of the keys taken before the erase
 *   could, so key backups are kept apart from identity backups and expire.
 * - Stored data that cannot be decrypted (wrong master key, tampering, a ciphertext moved to
 *   another ref) raises `IdentityUnreadableError`; it never comes back as garbage.
 */
export interface ReporterIdentityStore {
  /** Idempotent: saving the same ref again replaces the identity; after an erase it stores it afresh. */
  save(reporterRef: string, identity: ReporterIdentity): Promise<void>;
  /**
   * Saves like `save`, marked pending until `confirm`: it is written before the complaint that will
   * point at it, so a crash in between leaves a pending identity that a sweep finds and erases.
   */
  savePending(reporterRef: string, identity: ReporterIdentity, pending: PendingFor): Promise<void>;
  /** The complaint now points at the identity: it is no longer pending. Idempotent. */
  confirm(reporterRef: string): Promise<void>;
  /** Identities still pending that were saved before `before` (an ISO-8601 instant). */
  pendingBefore(before: string): Promise<PendingIdentity[]>;
  /** Null when unknown or erased. */
  find(reporterRef: string): Promise<ReporterIdentity | null>;
  /** Idempotent; an unknown ref stays unknown. A pending identity is erased like any other. */
  erase(reporterRef: string): Promise<void>;
  /** 'erased' lets the API answer 410 Gone rather than 404 for an identity that was shredded. */
  status(reporterRef: string): Promise<ReporterIdentityStatus>;
  close(): Promise<void>;
}

export class IdentityUnreadableError extends Error {
  override readonly name = 'IdentityUnreadableError';
  constructor(
    readonly reporterRef: string,
    reason: string,
  ) {
    super(`Cannot read the identity of reporter ${reporterRef}: ${reason}`);
  }
}

export const REPORTER_IDENTITY_STORE = Symbol('REPORTER_IDENTITY_STORE');
