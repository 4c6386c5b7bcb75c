/**
 * Reporter identity lives here, never in events or read models: the complaint's events
 * carry only an opaque `reporterRef`. Keeping it apart lets it be erased on request
 * without rewriting history (the access-control work adds per-reporter encryption keys
 * and audited reads behind this same port).
 */
export interface ReporterIdentity {
  name?: string;
  idNumber?: string;
  email?: string;
  phone?: string;
}

export interface ReporterIdentityStore {
  /** Idempotent: saving the same ref again replaces the stored identity. */
  save(reporterRef: string, identity: ReporterIdentity): Promise<void>;
  /** Null when unknown or erased. */
  find(reporterRef: string): Promise<ReporterIdentity | null>;
  erase(reporterRef: string): Promise<void>;
  close(): Promise<void>;
}

export const REPORTER_IDENTITY_STORE = Symbol('REPORTER_IDENTITY_STORE');
