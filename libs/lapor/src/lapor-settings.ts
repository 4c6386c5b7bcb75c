import { readFileSync } from 'node:fs';
import shippedTemplates from '../config/templates.json';

/** One agency node's connection to LAPOR! and what it chose to push. */
export interface LaporAgencySettings {
  baseUrl: string;
  /** Name of the header carrying `Bearer <secret>`: `auth` in the first v3 client, `Authorization` later. */
  authHeader: string;
  secret: string;
  /** The `token` header, a GUID in braces. */
  token: string;
  /** Whether complaints addressed to this node (or below it) are created in LAPOR!. */
  pushComplaints: boolean;
  /** The node's own institution id in LAPOR! (`disposition_id`, `institution_from_id`). */
  institutionId: string;
  /** The integration account's `user_id` in LAPOR! [guess: the agency's own user]. */
  userId: string | null;
  /** Create fields whose LAPOR! values only the agency's admin panel lists. */
  channel: number;
  classificationId: number | null;
  categoryId: number | null;
  locationId: number | null;
  followUpTemplateCode: string;
}

export interface LaporSettings {
  agencies: ReadonlyMap<string, LaporAgencySettings>;
  /** Our node id → LAPOR!'s institution id, for forwarding. */
  institutions: ReadonlyMap<string, string>;
  requestTimeoutMs: number;
  /** Per-complaint polling: the first wait and the bound it doubles up to while nothing changes. */
  poll: { minIntervalMs: number; maxIntervalMs: number };
  /** The text of a pushed follow-up, with `{{trackingId}}`, `{{agency}}` and `{{date}}`. */
  followUpTemplate: string;
  /** The title and text a confidential (rahasia) complaint is created with instead of its own, and the forward's reason. */
  confidentialTitle: string;
  confidentialContent: string;
  forwardReason: string;
}

export class LaporSettingsError extends Error {
  override readonly name = 'LaporSettingsError';
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The settings file (`LAPOR_AGENCIES_FILE`), checked whole at start; no file, no sync. Messages
 * name the field at fault, never its value: the file holds secrets.
 */
export function loadLaporSettings(file: string | undefined): LaporSettings | null {
  if (!file) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new LaporSettingsError(`LAPOR_AGENCIES_FILE could not be read as JSON (${(error as NodeJS.ErrnoException).code ?? 'syntax error'})`);
  }
  return parseLaporSettings(raw, file);
}

export function parseLaporSettings(raw: unknown, file = 'the settings'): LaporSettings {
  const fail = (field: string, rule: string): never => {
    throw new LaporSettingsError(`${file}: ${field} ${rule}`);
  };
  if (!isObject(raw) || !isObject(raw.agencies)) return fail('agencies', 'must be an object of agency id → settings');
  const agencies = new Map<string, LaporAgencySettings>();
  for (const [agencyId, value] of Object.entries(raw.agencies)) {
    const at = `agencies.${agencyId}`;
    if (!isObject(value)) return fail(at, 'must be an object');
    const text = (name: string, fallback?: string): string => {
      const v = value[name] ?? fallback;
      return typeof v === 'string' && v.length > 0 ? v : fail(`${at}.${name}`, 'must be a non-empty string');
    };
    const id = (name: string): string | null => {
      const v = value[name];
      if (v === undefined || v === null) return null;
      return typeof v === 'string' || typeof v === 'number' ? String(v) : fail(`${at}.${name}`, 'must be a string or a number');
    };
    const num = (name: string, fallback: number | null): number | null => {
      const v = value[name] ?? fallback;
      return v === null || Number.isInteger(v) ? (v as number | null) : fail(`${at}.${name}`, 'must be an integer');
    };
    const baseUrl = text('baseUrl');
    if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) fail(`${at}.baseUrl`, 'must be an http(s) URL');
    const token = text('token');
    if (!/^\{[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\}$/.test(token)) fail(`${at}.token`, 'must be a GUID in braces');
    if (typeof value.pushComplaints !== 'boolean') fail(`${at}.pushComplaints`, 'must be true or false');
    const institutionId = id('institutionId') ?? fail(`${at}.institutionId`, 'is required');
    agencies.set(agencyId, {
      baseUrl: baseUrl.replace(/\/+$/, ''),
      authHeader: text('authHeader', 'auth'),
      secret: text('secret'),
      token,
      pushComplaints: value.pushComplaints as boolean,
      institutionId,
      userId: id('userId'),
      // Values seen in the one public v3 client [guess for any other agency].
      channel: num('channel', 13)!,
      classificationId: num('classificationId', null),
      categoryId: num('categoryId', null),
      locationId: num('locationId', null),
      followUpTemplateCode: text('followUpTemplateCode', 'reply'),
    });
  }
  const institutions = new Map<string, string>();
  if (raw.institutions !== undefined) {
    if (!isObject(raw.institutions)) fail('institutions', 'must be an object of node id → LAPOR! institution id');
    for (const [nodeId, value] of Object.entries(raw.institutions as Json)) {
      if (typeof value !== 'string' && typeof value !== 'number') fail(`institutions.${nodeId}`, 'must be a string or a number');
      institutions.set(nodeId, String(value));
    }
  }
  // An agency's own node forwards to itself by definition.
  for (const [agencyId, agency] of agencies) if (!institutions.has(agencyId)) institutions.set(agencyId, agency.institutionId);
  const positive = (v: unknown, field: string, fallback: number): number =>
    v === undefined ? fallback : Number.isInteger(v) && (v as number) > 0 ? (v as number) : fail(field, 'must be a positive integer');
  const poll = isObject(raw.poll) ? raw.poll : {};
  const minIntervalMs = positive(poll.minIntervalMs, 'poll.minIntervalMs', 3 * 3_600_000);
  const maxIntervalMs = positive(poll.maxIntervalMs, 'poll.maxIntervalMs', 24 * 3_600_000);
  if (maxIntervalMs < minIntervalMs) fail('poll.maxIntervalMs', 'must not be below poll.minIntervalMs');
  let followUpTemplate = shippedTemplates.followUp;
  if (raw.followUpTemplateFile !== undefined) {
    try {
      followUpTemplate = readFileSync(String(raw.followUpTemplateFile), 'utf8').trim();
    } catch {
      return fail('followUpTemplateFile', 'could not be read');
    }
  }
  return {
    agencies,
    institutions,
    // Under half the outbox's default attempt limit (10 s): a create and its forward share one attempt.
    requestTimeoutMs: positive(raw.requestTimeoutMs, 'requestTimeoutMs', 4_000),
    poll: { minIntervalMs, maxIntervalMs },
    followUpTemplate,
    confidentialTitle: shippedTemplates.confidentialTitle,
    confidentialContent: shippedTemplates.confidentialContent,
    forwardReason: shippedTemplates.forwardReason,
  };
}

/**
 * The agency that pushes a complaint addressed to `agencyId`: the nearest node on its path up to the
 * root (itself first) that has settings. `path` runs from the root down, as `OrganisationTree.pathTo`.
 */
/** Room an attempt keeps besides its two requests: reading the complaint, recording the reference. */
export const LAPOR_ATTEMPT_MARGIN_MS = 1_000;

/**
 * A create and its forward share one outbox attempt. Cut off by the outbox's own time limit, a create
 * that LAPOR! did make would be tried again and made twice; so both requests, at their longest, must
 * fit inside the limit. Checked at start.
 */
export function checkFitsDeliveryTimeout(settings: LaporSettings, deliveryTimeoutMs: number): void {
  const longest = 2 * settings.requestTimeoutMs + LAPOR_ATTEMPT_MARGIN_MS;
  if (longest >= deliveryTimeoutMs) {
    throw new LaporSettingsError(
      `requestTimeoutMs ${settings.requestTimeoutMs} does not fit DELIVERY_TIMEOUT_MS ${deliveryTimeoutMs}: a create and its forward take up to 2 × requestTimeoutMs + ${LAPOR_ATTEMPT_MARGIN_MS} ms = ${longest} ms, which must stay under it (lower requestTimeoutMs or raise DELIVERY_TIMEOUT_MS)`,
    );
  }
}

export function pushingAgency(settings: LaporSettings, path: readonly string[]): { agencyId: string; agency: LaporAgencySettings } | null {
  for (const agencyId of [...path].reverse()) {
    const agency = settings.agencies.get(agencyId);
    if (agency) return agency.pushComplaints ? { agencyId, agency } : null;
  }
  return null;
}
