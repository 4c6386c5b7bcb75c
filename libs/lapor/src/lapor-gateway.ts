/**
 * The port to SP4N-LAPOR!'s integration API v3, one agency's connection at a time. Field names and
 * paths follow the only public client of v3 (see the README); what that client never showed is
 * marked [guess] where the adapter decides it.
 */

/** A complaint as it is created in LAPOR!: the complaint's own words and flags, never who sent it. */
export interface LaporComplaintToCreate {
  title: string;
  content: string;
  isAnonymous: boolean;
  isSecret: boolean;
  /** The incident's date (YYYY-MM-DD), if the reporter gave one [guess: the format LAPOR! expects was never shown]. */
  dateOfIncident: string | null;
  /** Our tracking id, sent as a tag so a LAPOR! admin can find the complaint (and any duplicate of it). */
  trackingTag: string;
}

/** Forwarding as "bukan wewenang" (not our authority) to the institution that is. */
export interface LaporForward {
  targetInstitutionId: string;
  reasonDescription: string;
}

export interface LaporFollowUpToAdd {
  institutionFromId: string;
  institutionToId: string;
  templateCode: string;
  content: string;
  isSecret: boolean;
}

/** What `GET /complaints/{id}/complaint` shows of a complaint. */
export interface LaporStatus {
  statusCode: string | null;
  statusName: string;
  dispositionId: string | null;
}

export interface LaporFollowUp {
  id: string;
  /** ISO-8601; LAPOR! gives `d-m-Y H:i:s`, read as WIB [guess]. */
  createdAt: string | null;
}

export interface LaporGateway {
  /** Creates the complaint under the agency's own institution; answers LAPOR!'s `complaint_id`. */
  createComplaint(complaint: LaporComplaintToCreate, signal?: AbortSignal): Promise<{ complaintId: string }>;
  forward(complaintId: string, forward: LaporForward, signal?: AbortSignal): Promise<void>;
  addFollowUp(complaintId: string, followUp: LaporFollowUpToAdd, signal?: AbortSignal): Promise<void>;
  getStatus(complaintId: string, signal?: AbortSignal): Promise<LaporStatus>;
  /** Every follow-up, all pages. */
  listFollowUps(complaintId: string, signal?: AbortSignal): Promise<LaporFollowUp[]>;
}

export type LaporFailureKind = 'timeout' | 'network' | 'server' | 'client' | 'response';

/**
 * A call that failed. Its message names the operation, the kind and the HTTP status only: never a
 * header (the credentials), never a body (what was sent may be a complaint's text).
 */
export class LaporRequestError extends Error {
  override readonly name = 'LaporRequestError';
  constructor(
    readonly operation: string,
    readonly kind: LaporFailureKind,
    readonly status: number | null = null,
  ) {
    super(`LAPOR! ${operation} failed: ${kind}${status === null ? '' : ` (HTTP ${status})`}`);
  }

  /** Timeouts, unreachable servers and 5xx may pass; a 4xx or an unreadable answer will not by itself. */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'server';
  }

  /**
   * Whether LAPOR! may have done it although we got no answer: the request was sent and then timed
   * out, or a gateway in front (SPLP) gave up waiting for it. Matters for a create, which LAPOR! does
   * not make idempotent.
   */
  get mayHaveSucceeded(): boolean {
    return this.kind === 'timeout' || this.status === 502 || this.status === 504;
  }

  /** A short code for a delivery attempt's reason. */
  get code(): string {
    return `lapor-${this.operation}-${this.kind}${this.status === null ? '' : `-${this.status}`}`;
  }
}
