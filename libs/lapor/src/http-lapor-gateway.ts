import type { LaporAgencySettings } from './lapor-settings';
import {
  type LaporComplaintToCreate,
  type LaporFollowUp,
  type LaporFollowUpToAdd,
  type LaporForward,
  type LaporGateway,
  LaporRequestError,
  type LaporStatus,
} from './lapor-gateway';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Most pages of follow-ups read for one complaint: a bound against a `next_page_url` that never ends. */
const MAX_FOLLOW_UP_PAGES = 50;

/**
 * The v3 API over HTTP (`fetch`), one agency's connection. Every call carries both headers
 * (`<authHeader>: Bearer <secret>` and `token: {GUID}`), is bounded by the configured timeout and
 * by the caller's signal, and answers inside the `{ results: …, message? }` envelope.
 */
export class HttpLaporGateway implements LaporGateway {
  constructor(
    private readonly agency: LaporAgencySettings,
    private readonly timeoutMs: number,
  ) {}

  async createComplaint(complaint: LaporComplaintToCreate, signal?: AbortSignal): Promise<{ complaintId: string }> {
    const { agency } = this;
    // The generic create path of the first v3 client; the later `/complaints/complaint-lmw` is one agency's own.
    const body = await this.call('create', 'POST', '/complaints/complaint', signal, {
      json: {
        title: complaint.title,
        content: complaint.content,
        channel: agency.channel,
        // Never the "new user" form: it would carry the reporter's e-mail, name and phone (emailUser, nameUser, phoneUser).
        is_new_user_slider: false,
        user_id: agency.userId,
        is_inbox: false,
        is_disposisi_slider: false,
        classification_id: agency.classificationId,
        // The complaint is created at the agency's own institution; forwarding is a step of its own.
        disposition_id: agency.institutionId,
        category_id: agency.categoryId,
        location_id: agency.locationId,
        date_of_incident: complaint.dateOfIncident,
        tags_raw: complaint.trackingTag,
        is_approval: false,
        is_anonymous: complaint.isAnonymous,
        is_secret: complaint.isSecret,
        is_priority: false,
        // A string holding a JSON array, as the client sends it.
        attachments: '[]',
      },
    });
    const complaintId = createdId(body);
    if (complaintId === null) throw new LaporRequestError('create', 'response');
    return { complaintId };
  }

  async forward(complaintId: string, forward: LaporForward, signal?: AbortSignal): Promise<void> {
    // "Bukan wewenang + target": rejecting as not our authority, naming the institution that is.
    await this.call('forward', 'POST', `/complaints/process/${encodeURIComponent(complaintId)}/reject`, signal, {
      json: { is_request: 1, reason: forward.targetInstitutionId, reason_description: forward.reasonDescription, not_authority: 1 },
    });
  }

  async addFollowUp(complaintId: string, followUp: LaporFollowUpToAdd, signal?: AbortSignal): Promise<void> {
    const form = new FormData();
    const fields: Record<string, string> = {
      user_id: this.agency.userId ?? '',
      institution_from_id: followUp.institutionFromId,
      institution_to_id: followUp.institutionToId,
      complaint_id: complaintId,
      info_disposition: '',
      template_code: followUp.templateCode,
      // [guess] the client always sent a rating field; 0 for none.
      rating: '0',
      is_secret: followUp.isSecret ? '1' : '0',
      content: followUp.content,
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    await this.call('follow-up', 'POST', '/complaints/followup/add', signal, { form });
  }

  async getStatus(complaintId: string, signal?: AbortSignal): Promise<LaporStatus> {
    const body = await this.call('status', 'GET', `/complaints/${encodeURIComponent(complaintId)}/complaint`, signal);
    const data = isObject(body.results) && isObject(body.results.data) ? body.results.data : null;
    if (!data || typeof data.status_name !== 'string') throw new LaporRequestError('status', 'response');
    return { statusCode: textOrNull(data.status_code), statusName: data.status_name, dispositionId: textOrNull(data.disposition_id) };
  }

  async listFollowUps(complaintId: string, signal?: AbortSignal): Promise<LaporFollowUp[]> {
    const followUps: LaporFollowUp[] = [];
    for (let page = 1; page <= MAX_FOLLOW_UP_PAGES; page++) {
      const body = await this.call('follow-ups', 'GET', `/complaints/${encodeURIComponent(complaintId)}/followups?page=${page}`, signal);
      const results = isObject(body.results) ? body.results : null;
      if (!results || !Array.isArray(results.data)) throw new LaporRequestError('follow-ups', 'response');
      for (const item of results.data) {
        if (!isObject(item)) continue;
        followUps.push({ id: String(item.id), createdAt: fromLaporDateTime(item.created_at) });
      }
      if (!results.next_page_url) break;
    }
    return followUps;
  }

  private async call(
    operation: string,
    method: 'GET' | 'POST',
    path: string,
    callerSignal: AbortSignal | undefined,
    payload: { json?: Json; form?: FormData } = {},
  ): Promise<Json> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
    const headers: Record<string, string> = {
      [this.agency.authHeader]: `Bearer ${this.agency.secret}`,
      token: this.agency.token,
      accept: 'application/json',
    };
    let body: string | FormData | undefined;
    if (payload.json) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(payload.json);
    } else if (payload.form) {
      body = payload.form;
    }
    let response: Response;
    try {
      response = await fetch(`${this.agency.baseUrl}${path}`, { method, headers, body, signal });
    } catch {
      throw new LaporRequestError(operation, signal.aborted ? 'timeout' : 'network');
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new LaporRequestError(operation, signal.aborted ? 'timeout' : 'network', response.status);
    }
    if (response.status >= 500) throw new LaporRequestError(operation, 'server', response.status);
    if (response.status >= 400) throw new LaporRequestError(operation, 'client', response.status);
    if (text.trim() === '') return {};
    try {
      const parsed: unknown = JSON.parse(text);
      return isObject(parsed) ? parsed : {};
    } catch {
      // Only the reads need the body; a write that succeeded with something else still succeeded.
      return {};
    }
  }
}

/** The id a create answered: root `complaint_id` (latest client), `data.complaint_id` or `results.complaint.id` (older ones). */
function createdId(body: Json): string | null {
  const candidates = [
    body.complaint_id,
    isObject(body.data) ? body.data.complaint_id : undefined,
    isObject(body.results) && isObject(body.results.complaint) ? body.results.complaint.id : undefined,
    isObject(body.results) ? body.results.complaint_id : undefined,
  ];
  for (const candidate of candidates) if (typeof candidate === 'string' || typeof candidate === 'number') return String(candidate);
  return null;
}

const textOrNull = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/** `d-m-Y H:i:s` as LAPOR! writes it, read as WIB [guess: its time zone is not documented]; ISO-8601 passes as it is. */
export function fromLaporDateTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{2})-(\d{2})-(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (match) {
    const [, d, m, y, hh, mm, ss] = match;
    return new Date(`${y}-${m}-${d}T${hh}:${mm}:${ss}+07:00`).toISOString();
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString();
}
