/**
 * Shared steps of the access suites: an app without rate limits, complaints brought to a given
 * stage through the HTTP API, waiting for the projections, and problem bodies reduced to what
 * must not differ between an out-of-scope and an unknown complaint.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { ActorRole, OrganisationTree } from '@lacak/domain';
import { type Projector, createProjections } from '@lacak/projections';
import { eventually } from '@lacak/testing';
import { ORGANISATION_TREE, PROJECTOR } from '../../apps/api/src/infrastructure/tokens';
import { type HttpResponse, TestApp } from '../support/test-app';

export const HOLDER = 'id-32.01-dinkes';
export const OTHER_HOLDER = 'id-33.01-dinkes';
export const OWNER = 'reporter-owner';
export const STRANGER = 'reporter-stranger';

export const startAccessApp = (overrides: Record<string, string> = {}): Promise<TestApp> =>
  TestApp.start({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000', RATE_LIMIT_TRACKING_PER_MINUTE: '100000', ...overrides });

/**
 * The stages a complaint can be brought to; AWAITING_* is a reporter clarification asked before or
 * after disposition, ASKED_RESPONDENT an open question to the respondent, INVESTIGATED an
 * investigation with its findings recorded.
 */
export type Stage =
  | 'SUBMITTED'
  | 'VERIFIED'
  | 'AWAITING_BEFORE_DISPOSITION'
  | 'REJECTED'
  | 'DISPOSED'
  | 'IN_PROGRESS'
  | 'AWAITING_AFTER_DISPOSITION'
  | 'ASKED_RESPONDENT'
  | 'MEDIATION'
  | 'INVESTIGATION'
  | 'INVESTIGATED'
  | 'RESPONDED'
  | 'CLOSED';

export interface Identity {
  name?: string;
  idNumber?: string;
  email?: string;
  phone?: string;
}

export interface ComplaintOptions {
  /** The agency the reporter addresses and the complaint is disposed to. */
  holder?: string;
  /** The reporter account that submits it. */
  reporterId?: string;
  title?: string;
  identity?: Identity;
  confidential?: boolean;
  anonymous?: boolean;
  /** Flags set by the national admin at verification (never cleared, so they include the submitted ones). */
  verifyConfidential?: boolean;
  verifyAnonymous?: boolean;
  /** The summary of the findings at INVESTIGATED. */
  findingsSummary?: string;
}

export interface Fixture {
  id: string;
  trackingId: string;
  trackingSecret: string;
  holder: string;
  /** The open clarification at an AWAITING_* or ASKED_RESPONDENT stage. */
  clarificationId: string | null;
  /** Revision after the last step. */
  revision: number;
}

const ORDER: Stage[] = ['SUBMITTED', 'VERIFIED', 'DISPOSED', 'IN_PROGRESS', 'RESPONDED', 'CLOSED'];
const depth = (stage: Stage): number => {
  switch (stage) {
    case 'AWAITING_BEFORE_DISPOSITION':
    case 'REJECTED':
      return ORDER.indexOf('VERIFIED');
    case 'AWAITING_AFTER_DISPOSITION':
    case 'ASKED_RESPONDENT':
    case 'MEDIATION':
    case 'INVESTIGATION':
    case 'INVESTIGATED':
      return ORDER.indexOf('IN_PROGRESS');
    default:
      return ORDER.indexOf(stage);
  }
};

/** Brings a new complaint to `stage` through the HTTP API, as the reporter, the national admin and the holder's admin would. */
export async function complaintAt(t: TestApp, stage: Stage, options: ComplaintOptions = {}): Promise<Fixture> {
  const holder = options.holder ?? HOLDER;
  const reporter = await t.token('reporter', null, options.reporterId ?? OWNER);
  const admin = await t.token('national_admin', 'national');
  const officer = await t.token('agency_admin', holder);
  const step = async (token: string, command: string, body: unknown) => {
    const response = await t.request('POST', `/complaints/${fixture.id}/${command}`, { token, body });
    if (response.status !== 200) throw new Error(`fixture step ${command} answered ${response.status}: ${JSON.stringify(response.body)}`);
    fixture.revision = Number(response.body.revision);
    return response.body;
  };

  const submitted = await t.request('POST', '/complaints', {
    token: reporter,
    body: {
      title: options.title ?? 'Pelayanan puskesmas lambat',
      description: 'Antrean lebih dari lima jam tanpa kejelasan.',
      channel: 'web',
      targetAgencyId: holder,
      ...(options.confidential ? { confidential: true } : {}),
      ...(options.anonymous ? { anonymous: true } : {}),
      ...(options.identity ? { reporter: options.identity } : {}),
    },
  });
  if (submitted.status !== 201) throw new Error(`fixture submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  const fixture: Fixture = { ...submitted.body, holder, clarificationId: null, revision: 0 };
  const level = depth(stage);

  if (level >= ORDER.indexOf('VERIFIED')) {
    await step(admin, 'verify', {
      classification: 'pengaduan',
      category: 'kesehatan',
      slaClass: 'ordinary',
      confidential: options.verifyConfidential ?? options.confidential ?? false,
      anonymous: options.verifyAnonymous ?? options.anonymous ?? false,
    });
  }
  if (stage === 'AWAITING_BEFORE_DISPOSITION') {
    fixture.clarificationId = (await step(admin, 'request-clarification', { party: 'reporter', question: 'Puskesmas yang mana?' })).clarificationId;
  }
  if (stage === 'REJECTED') await step(admin, 'reject', { reasonCode: 'out_of_scope', reason: 'Perkara pidana.' });
  if (level >= ORDER.indexOf('DISPOSED')) await step(admin, 'dispose', { agencyId: holder, note: 'Mohon ditindaklanjuti.' });
  if (level >= ORDER.indexOf('IN_PROGRESS')) await step(officer, 'accept', {});
  if (stage === 'AWAITING_AFTER_DISPOSITION') {
    fixture.clarificationId = (await step(officer, 'request-clarification', { party: 'reporter', question: 'Jam berapa datang?' })).clarificationId;
  }
  if (stage === 'ASKED_RESPONDENT') {
    fixture.clarificationId = (await step(officer, 'request-clarification', { party: 'respondent', question: 'Tanggapan petugas?' })).clarificationId;
  }
  if (stage === 'MEDIATION') await step(officer, 'start-mediation', { note: 'Pertemuan dengan kepala puskesmas.' });
  if (stage === 'INVESTIGATION' || stage === 'INVESTIGATED') await step(officer, 'open-investigation', { reason: 'Dugaan pungutan liar.' });
  if (stage === 'INVESTIGATED') {
    await step(officer, 'record-findings', { conclusion: 'irregularity_found', summary: options.findingsSummary ?? 'Pungutan terbukti.' });
  }
  if (level >= ORDER.indexOf('RESPONDED')) await step(officer, 'respond', { followUp: 'Jadwal layanan ditambah.' });
  if (stage === 'CLOSED') await step(reporter, 'close', { reasonCode: 'accepted_by_reporter' });
  return fixture;
}

/**
 * Resolves once every projection has handled every event stored so far that it subscribes to.
 * (Projector.waitFor(lastPosition) is not enough: a projection filtered to complaint streams never
 * reaches the position of a later identity-access event.)
 */
export async function projectionsCaughtUp(t: TestApp, timeoutMs = 10_000): Promise<void> {
  const projector = t.app.get<Projector>(PROJECTOR);
  const prefixes = new Map(createProjections(t.app.get<OrganisationTree>(ORGANISATION_TREE)).map((p) => [p.name, p.streamPrefixes]));
  const events = await t.allEvents();
  const goal = (name: string) => {
    const relevant = events.filter((e) => (prefixes.get(name) ?? []).some((prefix) => e.streamId.startsWith(prefix)));
    return relevant.length > 0 ? relevant[relevant.length - 1].position : null;
  };
  const done = () =>
    projector.status().every((s) => {
      const target = goal(s.name);
      return target === null || (s.position !== null && BigInt(s.position) >= target);
    });
  await eventually(done, { timeoutMs, intervalMs: 5, description: `Projections catching up (${JSON.stringify(projector.status())} at the start)` });
}

/**
 * What an answer reveals: status, content type, which headers are sent, and the problem body
 * without its per-request field (correlationId), with the complaint or agency id in `detail` and
 * `instance` replaced.
 */
export function revealed(response: HttpResponse, id: string) {
  const scrub = (value: unknown) => (typeof value === 'string' ? value.split(id).join('<id>') : value);
  const body = typeof response.body === 'object' && response.body !== null ? { ...response.body } : { text: response.body };
  delete body.correlationId;
  for (const key of ['detail', 'instance']) if (key in body) body[key] = scrub(body[key]);
  return {
    status: response.status,
    contentType: response.headers['content-type'],
    headerNames: Object.keys(response.headers).sort(),
    keys: Object.keys(body).sort(),
    body,
  };
}

export const unknownComplaintId = (): string => randomUUID();

/** A marker no other text in the app can contain by chance. */
export const marker = (): string => randomBytes(6).toString('hex').toUpperCase();

export const digits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');

/** An identity every field of which carries a unique marker. */
export function canaryIdentity(): { identity: Required<Identity>; markers: string[] } {
  const tag = marker();
  const idNumber = `9${digits(15)}`;
  const phoneDigits = `8${digits(10)}`;
  const identity = {
    name: `Warga CANARY-${tag}`,
    idNumber,
    email: `canary-${tag.toLowerCase()}@example.id`,
    phone: `+62${phoneDigits}`,
  };
  return { identity, markers: [tag, idNumber, phoneDigits] };
}

/** The markers found in `text`, case-insensitively. */
export const markersIn = (text: string, markers: readonly string[]): string[] =>
  markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()));

export const asJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

export type { ActorRole };
