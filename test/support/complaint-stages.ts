/**
 * The one way tests bring a complaint to a stage of its lifecycle: through the HTTP API, as the
 * reporter, the national admin and the holder's admin would, checking every answer on the way.
 */
import { AGENCY, aSubmission, aVerification } from './http-steps';
import type { TestApp } from './test-app';

/** The agency complaints are addressed and disposed to by default (the http-steps AGENCY), and one in another province. */
export const HOLDER = AGENCY;
export const OTHER_HOLDER = 'id-33.01-dinkes';
/** The reporter account that submits by default, and another one. */
export const OWNER = 'reporter-owner';
export const STRANGER = 'reporter-stranger';

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
  /** The whole submitted body, replacing the default one (then `title`, `identity` and the flags are not used for the submission). */
  submission?: Record<string, unknown>;
  /** Fields of the verification replacing the default ones. */
  verification?: Record<string, unknown>;
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

/**
 * Sends one lifecycle command on the fixture's complaint and requires 200; keeps the fixture's
 * revision, and its open clarification when the command asked one. Returns the answer's body.
 */
export async function commandOn(t: TestApp, fixture: Fixture, token: string, command: string, body: unknown): Promise<any> {
  const response = await t.request('POST', `/complaints/${fixture.id}/${command}`, { token, body });
  if (response.status !== 200) throw new Error(`fixture step ${command} answered ${response.status}: ${JSON.stringify(response.body)}`);
  fixture.revision = Number(response.body.revision);
  return response.body;
}

/** Brings a new complaint to `stage` through the HTTP API, as the reporter, the national admin and the holder's admin would. */
export async function complaintAt(t: TestApp, stage: Stage, options: ComplaintOptions = {}): Promise<Fixture> {
  const holder = options.holder ?? HOLDER;
  const reporter = await t.token('reporter', null, options.reporterId ?? OWNER);
  const admin = await t.token('national_admin', 'national');
  const officer = await t.token('agency_admin', holder);
  const step = (token: string, command: string, body: unknown) => commandOn(t, fixture, token, command, body);

  const submitted = await t.request('POST', '/complaints', {
    token: reporter,
    body: options.submission ?? {
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
      ...options.verification,
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

/** A complaint submitted as `reporter-1` with the plain `aSubmission` and verified with `aVerification`; returns its id. */
export async function verifiedComplaint(t: TestApp): Promise<string> {
  return (await complaintAt(t, 'VERIFIED', { reporterId: 'reporter-1', submission: aSubmission(), verification: aVerification })).id;
}
