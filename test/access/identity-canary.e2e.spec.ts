/**
 * Canary test for reporter identities. Each seeded reporter's name, NIK, e-mail and phone carry
 * unique markers. After a lifecycle that fills every read model, no marker may appear in any
 * read-model document, any event, any file of DATA_DIR, any log line the app writes (at debug
 * level), or any answer a viewer gets other than an allowed identity read. Positive controls show
 * each scan sees what it scans: an allowed read does return the markers, the log capture does
 * catch a probe, the dumps do hold the complaints' titles.
 *
 * The identity reads follow the visibility matrix in libs/domain/README.md (*Sources and decisions*): anonim → no one,
 * rahasia → the national admin and in-scope auditors, normal → also the assignee agency.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DELIVERIES_COLLECTION } from '@lacak/application';
import type { ActorRole } from '@lacak/domain';
import { AUDIT_EVENTS_COLLECTION, AUDIT_TRAIL_COLLECTION, AGENCY_STATS_COLLECTION, COMPLAINTS_COLLECTION } from '@lacak/projections';
import { READ_STORE, type ReadStore } from '@lacak/read-store';
import { REPORTER_IDENTITY_STORE, type ReporterIdentityStore } from '@lacak/reporter-identity';
import { eventually } from '@lacak/testing';
import { MailCatcher, SmsGatewayFake } from '../support/notification-catchers';
import type { HttpResponse, TestApp } from '../support/test-app';
import { HOLDER, OTHER_HOLDER } from '../support/complaint-stages';
import {
  asJson,
  canaryIdentity,
  marker,
  markersIn,
  projectionsCaughtUp,
  startAccessApp,
  unknownComplaintId,
} from './access-support';

const READ_MODEL_COLLECTIONS = [COMPLAINTS_COLLECTION, AUDIT_TRAIL_COLLECTION, AUDIT_EVENTS_COLLECTION, AGENCY_STATS_COLLECTION, 'projection_checkpoints', 'projection_leases', DELIVERIES_COLLECTION];
const REASON = 'Konfirmasi data pelapor untuk mediasi';

type Kind = 'normal' | 'rahasia' | 'anonim' | 'anonim at verification' | 'erased' | 'walk-in';

interface Seeded {
  kind: Kind;
  id: string;
  trackingId: string;
  trackingSecret: string;
  title: string;
  markers: string[];
  reporterId: string | null;
}

interface Viewer {
  label: string;
  role: ActorRole;
  agencyId: string | null;
  id?: string;
}

/** Everyone who might look, in scope and out of it. */
const VIEWERS: Viewer[] = [
  { label: 'national admin', role: 'national_admin', agencyId: 'national' },
  { label: 'agency admin of the assignee', role: 'agency_admin', agencyId: HOLDER },
  { label: 'unit officer of the assignee', role: 'unit_officer', agencyId: HOLDER },
  { label: 'agency admin of the province', role: 'agency_admin', agencyId: 'id-32' },
  { label: 'agency admin of another province', role: 'agency_admin', agencyId: OTHER_HOLDER },
  { label: 'unit officer of another province', role: 'unit_officer', agencyId: OTHER_HOLDER },
  { label: 'agency admin of a sibling regency', role: 'agency_admin', agencyId: 'id-32.73-dinkes' },
  { label: 'provincial inspector', role: 'apip_inspector', agencyId: 'id-32' },
  { label: 'national inspector', role: 'apip_inspector', agencyId: 'national' },
  { label: 'provincial auditor', role: 'auditor', agencyId: 'id-32' },
  { label: 'auditor of another province', role: 'auditor', agencyId: 'id-33' },
  { label: 'system', role: 'system', agencyId: null },
  { label: 'another reporter', role: 'reporter', agencyId: null, id: 'reporter-stranger' },
];

/** The identity-read answer for every viewer, by kind (the owners' own reads are checked apart). */
// Inspectors see rahasia and anonim complaints only as counts: to them such a complaint does not exist (404).
const IDENTITY_MATRIX: Record<Exclude<Kind, 'walk-in'>, Record<string, number>> = {
  anonim: {
    'national admin': 403,
    'agency admin of the assignee': 403,
    'unit officer of the assignee': 403,
    'agency admin of the province': 403,
    'agency admin of another province': 404,
    'unit officer of another province': 404,
    'agency admin of a sibling regency': 404,
    'provincial inspector': 404,
    'national inspector': 404,
    'provincial auditor': 403,
    'auditor of another province': 404,
    system: 403,
    'another reporter': 404,
  },
  rahasia: {
    'national admin': 200,
    'agency admin of the assignee': 403,
    'unit officer of the assignee': 403,
    'agency admin of the province': 403,
    'agency admin of another province': 404,
    'unit officer of another province': 404,
    'agency admin of a sibling regency': 404,
    'provincial inspector': 404,
    'national inspector': 404,
    'provincial auditor': 200,
    'auditor of another province': 404,
    system: 403,
    'another reporter': 404,
  },
  normal: {
    'national admin': 200,
    'agency admin of the assignee': 200,
    'unit officer of the assignee': 200,
    'agency admin of the province': 200,
    'agency admin of another province': 404,
    'unit officer of another province': 404,
    'agency admin of a sibling regency': 404,
    'provincial inspector': 403,
    'national inspector': 403,
    'provincial auditor': 200,
    'auditor of another province': 404,
    system: 403,
    'another reporter': 404,
  },
  'anonim at verification': {} as Record<string, number>,
  erased: {} as Record<string, number>,
};
// Flagged anonim by the verifier: sealed exactly like one submitted as anonim.
IDENTITY_MATRIX['anonim at verification'] = IDENTITY_MATRIX.anonim;
// Erased: gone (410) for everyone who could read it; still sealed (403) or not found (404) for the others.
IDENTITY_MATRIX.erased = Object.fromEntries(Object.entries(IDENTITY_MATRIX.normal).map(([viewer, status]) => [viewer, status === 200 ? 410 : status]));

describe('Reporter identities never leak (canary markers)', () => {
  let t: TestApp;
  /** The reporters' notifications, as an SMTP server and an SMS gateway receive them. */
  let mail: MailCatcher;
  let sms: SmsGatewayFake;
  const logs: string[] = [];
  const restore: (() => void)[] = [];
  const seeded = {} as Record<Kind, Seeded>;
  const tokens = new Map<string, string>();
  /** Every answer a viewer got, except allowed identity reads. */
  const exposed: { what: string; response: HttpResponse }[] = [];
  /** Allowed identity reads: they must hold the markers, and each must be recorded. */
  const allowedReads: { what: string; kind: Kind; response: HttpResponse }[] = [];
  /** Refused identity reads of seeded (existing) complaints: each must be recorded with its refusal. */
  const refusedReads: { what: string; kind: Kind; response: HttpResponse }[] = [];
  const strangerReads: { what: string; kind: Kind; response: HttpResponse }[] = [];
  const logProbe = `LOGPROBE${marker()}`;
  const titleProbe = `judulprobe${marker().toLowerCase()}`;
  /** Markers of submissions that were refused: their identities must be gone as well. */
  const refusedMarkers: string[] = [];
  const identityMarkers = () => [...Object.values(seeded).flatMap((s) => s.markers), ...refusedMarkers];
  const accountMarker = `AKUN${marker()}`;
  /** The account that submits the anonim complaint: no event, read model, file or log may name it. */
  const anonymousAccount = `${accountMarker}-ANONIM${marker()}`;

  const tokenOf = async (v: Viewer) => {
    const key = `${v.role}@${v.agencyId}/${v.id ?? ''}`;
    if (!tokens.has(key)) tokens.set(key, await t.token(v.role, v.agencyId, v.id ?? `${v.role}-${v.agencyId}`));
    return tokens.get(key)!;
  };
  const ok = async (response: Promise<HttpResponse>, status = 200) => {
    const r = await response;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    // Capture every line the app writes, from the first one at start-up.
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        logs.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }) as typeof stream.write;
      restore.push(() => (stream.write = original));
    };
    capture(process.stdout);
    capture(process.stderr);
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
      restore.push(() => spy.mockRestore());
    }

    mail = await MailCatcher.start();
    sms = await SmsGatewayFake.start();
    t = await startAccessApp({
      LOG_LEVEL: 'debug',
      SMTP_URL: mail.url,
      NOTIFY_FROM: 'no-reply@lacak.test',
      SMS_GATEWAY_URL: sms.url,
      DELIVERY_POLL_INTERVAL_MS: '20',
      DELIVERY_RETRY_BASE_MS: '10',
      DELIVERY_RETRY_MAX_MS: '50',
    });
    const admin = await t.token('national_admin', 'national');
    const officer = await t.token('agency_admin', HOLDER);
    const command = (id: string, token: string, name: string, body: unknown) =>
      ok(t.request('POST', `/complaints/${id}/${name}`, { token, body }));

    const submit = async (kind: Kind, flags: { confidential?: boolean; anonymous?: boolean; channel?: string; asOfficer?: boolean } = {}) => {
      const { identity, markers } = canaryIdentity();
      const reporterId = flags.asOfficer ? null : kind === 'anonim' ? anonymousAccount : `${accountMarker}-${kind.replace(/ /g, '-')}`;
      const token = flags.asOfficer ? await t.token('unit_officer', HOLDER) : await t.token('reporter', null, reporterId!);
      const title = `Pungutan di puskesmas ${titleProbe} ${kind}`;
      const body = await ok(
        t.request('POST', '/complaints', {
          token,
          body: {
            title,
            description: 'Diminta membayar di luar tarif resmi.',
            channel: flags.channel ?? 'web',
            targetAgencyId: HOLDER,
            confidential: flags.confidential ?? false,
            anonymous: flags.anonymous ?? false,
            reporter: identity,
          },
        }),
        201,
      );
      seeded[kind] = { kind, ...body, title, markers, reporterId };
      return { id: body.id as string, reporter: token };
    };
    const verify = (id: string, flags: { confidential?: boolean; anonymous?: boolean } = {}) =>
      command(id, admin, 'verify', { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: false, anonymous: false, ...flags });
    const disposeAndAccept = async (id: string) => {
      await command(id, admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });
      await command(id, officer, 'accept', {});
    };

    // Normal: the whole lifecycle, clarifications of both kinds, mediation, follow-up, closed by the reporter.
    const normal = await submit('normal');
    await verify(normal.id);
    await disposeAndAccept(normal.id);
    const asked = await command(normal.id, officer, 'request-clarification', { party: 'reporter', question: 'Kapan kejadiannya?' });
    await command(normal.id, normal.reporter, 'answer-clarification', { clarificationId: asked.clarificationId, answer: 'Senin pagi.' });
    await command(normal.id, officer, 'start-mediation', { note: 'Pertemuan dengan kepala puskesmas.' });
    const respondent = await command(normal.id, officer, 'request-clarification', { party: 'respondent', question: 'Tanggapan petugas?' });
    await command(normal.id, officer, 'answer-clarification', { clarificationId: respondent.clarificationId, answer: 'Petugas membantah.' });
    await command(normal.id, officer, 'record-mediation-outcome', { outcome: 'no_agreement', note: 'Tidak sepakat.' });
    await command(normal.id, officer, 'respond', { followUp: 'Biaya dikembalikan.' });
    await command(normal.id, normal.reporter, 'close', { reasonCode: 'accepted_by_reporter' });

    // Rahasia: investigated and responded.
    const rahasia = await submit('rahasia', { confidential: true });
    await verify(rahasia.id, { confidential: true });
    await disposeAndAccept(rahasia.id);
    await command(rahasia.id, officer, 'open-investigation', { reason: 'Dugaan pungutan liar.' });
    await command(rahasia.id, officer, 'record-findings', { conclusion: 'irregularity_found', summary: 'Pungutan terbukti.' });
    await command(rahasia.id, officer, 'respond', { followUp: 'Petugas dijatuhi sanksi.' });

    // Anonim: in progress, waiting on the reporter.
    const anonim = await submit('anonim', { anonymous: true });
    await verify(anonim.id, { anonymous: true });
    await disposeAndAccept(anonim.id);
    await command(anonim.id, officer, 'request-clarification', { party: 'reporter', question: 'Alamat puskesmas?' });

    // Submitted as normal, made anonim by the verifier, disposed.
    const late = await submit('anonim at verification');
    await verify(late.id, { anonymous: true });
    await command(late.id, admin, 'dispose', { agencyId: HOLDER, note: 'Mohon ditindaklanjuti.' });

    // A walk-in digitised by an officer: the reporter has only the tracking secret.
    const walkIn = await submit('walk-in', { channel: 'walk-in', asOfficer: true });
    await verify(walkIn.id);

    // Erased by the national admin after disposition.
    const erased = await submit('erased');
    await verify(erased.id);
    await disposeAndAccept(erased.id);
    await ok(t.request('POST', `/complaints/${erased.id}/reporter-identity/erase`, { token: admin, body: { reason: 'Permintaan pelapor' } }), 204);

    // A submission refused (an officer may not use the web form) and an invalid one, both with an
    // identity: the answers must not echo it, and the refused one's identity is not kept.
    const refusedIdentity = canaryIdentity();
    const invalidIdentity = canaryIdentity();
    refusedMarkers.push(...refusedIdentity.markers, ...invalidIdentity.markers);
    const refused = await t.request('POST', '/complaints', {
      token: officer,
      body: { title: 'Laporan via web', description: 'x', channel: 'web', targetAgencyId: HOLDER, reporter: refusedIdentity.identity },
    });
    const invalid = await t.request('POST', '/complaints', {
      token: await t.token('reporter', null, 'reporter-invalid'),
      body: {
        title: 'Laporan',
        description: 'x',
        channel: 'web',
        reporter: { ...invalidIdentity.identity, email: `bukan-email-${invalidIdentity.markers[0]}`, idNumber: `${invalidIdentity.markers[1]}x` },
      },
    });
    if (refused.status !== 403 || invalid.status !== 400) throw new Error(`refused ${refused.status}, invalid ${invalid.status}`);
    exposed.push({ what: 'refused submission', response: refused }, { what: 'invalid submission', response: invalid });

    await projectionsCaughtUp(t);
    // Every notification planned so far has gone out (or was skipped) before anything is scanned.
    const deliveries = t.app.get<ReadStore>(READ_STORE).collection(DELIVERIES_COLLECTION);
    await eventually(() => deliveries.find({}), (all) => all.length > 0 && all.every((d) => d.state !== 'pending'), { timeoutMs: 15_000, description: 'every delivery settled' });
  });

  afterAll(async () => {
    await t?.stop();
    await mail?.stop();
    await sms?.stop();
    for (const undo of restore.reverse()) undo();
  });

  it('answers identity reads as the visibility matrix says, for every viewer and kind', async () => {
    const mismatches: string[] = [];
    for (const kind of Object.keys(IDENTITY_MATRIX) as (keyof typeof IDENTITY_MATRIX)[]) {
      for (const viewer of VIEWERS) {
        const url = `/complaints/${seeded[kind].id}/reporter-identity?reason=${encodeURIComponent(REASON)}`;
        const response = await t.request('GET', url, { token: await tokenOf(viewer) });
        const what = `identity of ${kind} as ${viewer.label}`;
        if (response.status === 200) allowedReads.push({ what, kind, response });
        else {
          exposed.push({ what, response });
          // To a reporter, someone else's complaint does not exist: nothing ties the account to it.
          if (viewer.role === 'reporter' && response.status === 404) strangerReads.push({ what, kind, response });
          else refusedReads.push({ what, kind, response });
        }
        const expected = IDENTITY_MATRIX[kind][viewer.label];
        if (response.status !== expected) mismatches.push(`${kind} · ${viewer.label}: expected ${expected}, got ${response.status} ${response.body?.code ?? ''}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('records every refused read with who asked and the refusal given, shown in the history, and tells the requester only the refusal', async () => {
    const events = await t.allEvents();
    const refusals = new Map(events.filter((e) => e.type === 'ReporterIdentityReadRefused').map((e) => [e.metadata.correlationId, e]));
    expect(new Set(refusedReads.map((r) => r.response.status))).toEqual(new Set([403, 404, 410]));
    expect(strangerReads.map(({ what, response }) => ({ what, recorded: refusals.has(String(response.headers['x-correlation-id'])) }))).toEqual(
      strangerReads.map(({ what }) => ({ what, recorded: false })),
    );
    for (const { what, response } of refusedReads) {
      const event = refusals.get(String(response.headers['x-correlation-id']));
      expect({ what, refusal: event?.data.refusal, reason: event?.data.reason }).toEqual({ what, refusal: response.body.code, reason: REASON });
      expect({ what, keys: Object.keys(response.body).sort() }).toEqual({ what, keys: ['code', 'correlationId', 'detail', 'instance', 'status', 'title', 'type'] });
    }

    await projectionsCaughtUp(t);
    const admin = await t.token('national_admin', 'national');
    for (const kind of ['anonim', 'erased'] as const) {
      const history = await t.request('GET', `/complaints/${seeded[kind].id}/history`, { token: admin });
      const entries = history.body.filter((e: { type: string }) => e.type === 'ReporterIdentityReadRefused');
      const expected = refusedReads.filter((r) => r.kind === kind);
      expect({ kind, entries: entries.length }).toEqual({ kind, entries: expected.length });
      for (const { response } of expected) {
        const entry = entries.find((e: { correlationId: string }) => e.correlationId === response.headers['x-correlation-id']);
        expect(entry?.summary).toBe(`Reporter identity read refused (${response.body.code}): ${REASON}`);
        expect(entry?.summaryInIndonesian).toBe(`Pembacaan identitas pelapor ditolak (${response.body.code}): ${REASON}`);
      }
    }
  });

  it('shows reporters their own identity, rahasia included; an anonim complaint has no account to own it', async () => {
    for (const kind of ['normal', 'rahasia', 'anonim'] as const) {
      const token = await t.token('reporter', null, seeded[kind].reporterId!);
      const response = await t.request('GET', `/complaints/${seeded[kind].id}/reporter-identity?reason=${encodeURIComponent(REASON)}`, { token });
      expect({ kind, status: response.status }).toEqual({ kind, status: kind === 'anonim' ? 404 : 200 });
      if (response.status === 200) allowedReads.push({ what: `own identity of ${kind}`, kind, response });
      else exposed.push({ what: `own identity of ${kind}`, response });
    }
  });

  it('refuses identity requests without a reason, on unknown complaints, and erasures by anyone but the national admin', async () => {
    const admin = await t.token('national_admin', 'national');
    const noReason = await t.request('GET', `/complaints/${seeded.normal.id}/reporter-identity`, { token: admin });
    const unknown = await t.request('GET', `/complaints/${unknownComplaintId()}/reporter-identity?reason=${encodeURIComponent(REASON)}`, { token: admin });
    expect([noReason.status, unknown.status]).toEqual([400, 404]);
    exposed.push({ what: 'identity without reason', response: noReason }, { what: 'identity of unknown complaint', response: unknown });
    for (const viewer of VIEWERS.filter((v) => v.role !== 'national_admin')) {
      for (const kind of ['normal', 'rahasia', 'anonim'] as const) {
        const response = await t.request('POST', `/complaints/${seeded[kind].id}/reporter-identity/erase`, {
          token: await tokenOf(viewer),
          body: { reason: 'Coba hapus' },
        });
        expect({ viewer: viewer.label, kind, status: response.status }).toEqual({ viewer: viewer.label, kind, status: 403 });
        exposed.push({ what: `erase ${kind} as ${viewer.label}`, response });
      }
    }
    // Every refusal class the identity endpoints give has been collected for the scan.
    expect(new Set(exposed.map((e) => e.response.status))).toEqual(new Set([400, 403, 404, 410]));
  });

  it('positive control: the national admin reading a normal complaint gets every marker, and the read is in the history', async () => {
    const admin = await t.token('national_admin', 'national');
    const read = await t.request('GET', `/complaints/${seeded.normal.id}/reporter-identity?reason=${encodeURIComponent(REASON)}`, { token: admin });
    expect(read.status).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(markersIn(asJson(read.body), seeded.normal.markers)).toEqual(seeded.normal.markers);
    allowedReads.push({ what: 'control read', kind: 'normal', response: read });

    const history = await t.eventually(
      () => t.request('GET', `/complaints/${seeded.normal.id}/history`, { token: admin }),
      (r) => r.status === 200 && r.body.some((e: { correlationId: string }) => e.correlationId === read.headers['x-correlation-id']),
    );
    const entry = history.body.find((e: { correlationId: string }) => e.correlationId === read.headers['x-correlation-id']);
    expect(entry).toMatchObject({ type: 'ReporterIdentityRead', actor: { role: 'national_admin', agencyId: 'national' }, summary: expect.stringContaining(REASON) });
    exposed.push({ what: 'history with identity reads', response: history });
  });

  it('records every allowed read, and each one returns the markers of its own reporter only', async () => {
    const events = await t.allEvents();
    const recorded = new Set(events.filter((e) => e.type === 'ReporterIdentityRead').map((e) => e.metadata.correlationId));
    expect(allowedReads.length).toBeGreaterThan(5);
    for (const { what, kind, response } of allowedReads) {
      expect({ what, recorded: recorded.has(String(response.headers['x-correlation-id'])) }).toEqual({ what, recorded: true });
      const others = Object.values(seeded).filter((s) => s.kind !== kind).flatMap((s) => s.markers);
      expect({ what, own: markersIn(asJson(response.body), seeded[kind].markers).length, others: markersIn(asJson(response.body), others) }).toEqual({
        what,
        own: seeded[kind].markers.length,
        others: [],
      });
    }
  });

  it('gives no marker in any answer a viewer gets: queues, details, histories, dossiers, replays, audit events, exports, stats, public list, tracking, refusals', async () => {
    for (const viewer of [...VIEWERS, ...Object.values(seeded).filter((s) => s.reporterId).map((s) => ({ label: `reporter of ${s.kind}`, role: 'reporter' as const, agencyId: null, id: s.reporterId! }))]) {
      const token = await tokenOf(viewer);
      const get = async (what: string, url: string) => exposed.push({ what: `${what} as ${viewer.label}`, response: await t.request('GET', url, { token }) });
      await get('queue', '/complaints?pageSize=100');
      await get('queue by text', `/complaints?q=${titleProbe}&pageSize=100`);
      await get('export', '/complaints/export');
      for (const s of Object.values(seeded)) {
        await get(`detail of ${s.kind}`, `/complaints/${s.id}`);
        await get(`history of ${s.kind}`, `/complaints/${s.id}/history`);
        await get(`dossier of ${s.kind}`, `/complaints/${s.id}/dossier`);
        await get(`replay of ${s.kind}`, `/complaints/${s.id}/as-of?at=${encodeURIComponent(new Date().toISOString())}`);
        await get(`changes of ${s.kind}`, `/complaints/${s.id}/changes?from=0&to=1`);
        // Every seeded complaint is verified already: a refusal (409, 403 or 404) that changes nothing.
        const refusal = await t.request('POST', `/complaints/${s.id}/verify`, {
          token,
          body: { classification: 'pengaduan', category: 'kesehatan', slaClass: 'ordinary', confidential: true, anonymous: true },
        });
        exposed.push({ what: `verify ${s.kind} as ${viewer.label}`, response: refusal });
      }
      for (const agency of [HOLDER, 'id-32', 'national', OTHER_HOLDER]) await get(`stats of ${agency}`, `/agencies/${agency}/stats`);
      await get('audit events', '/audit/events?pageSize=200');
    }
    exposed.push({ what: 'public list', response: await t.request('GET', '/public/complaints?pageSize=50') });
    exposed.push({ what: 'open311 list', response: await t.request('GET', '/open311/v2/requests.json?page_size=200') });
    exposed.push({ what: 'open311 list as xml', response: await t.request('GET', '/open311/v2/requests.xml?page_size=200') });
    for (const s of Object.values(seeded)) {
      exposed.push({ what: `tracking ${s.kind}`, response: await t.request('GET', `/track/${s.trackingId}`, { headers: { 'x-tracking-secret': s.trackingSecret } }) });
    }

    // The answers are the real ones: the national admin's queue and the public list hold the complaints.
    const corpus = exposed.map((e) => `${e.what}\n${asJson(e.response.headers)}\n${asJson(e.response.body)}`);
    expect(corpus.join('\n')).toContain(titleProbe);
    // So are the replays and the audit events: the national admin's hold the complaints.
    const answerTo = (what: string) => asJson(exposed.find((e) => e.what === what)!.response.body);
    expect(answerTo('replay of normal as national admin')).toContain(titleProbe);
    expect(answerTo('audit events as national admin')).toContain(seeded.normal.id);
    expect(answerTo('open311 list')).toContain(seeded.normal.trackingId);
    const everyStatus = new Set(exposed.map((e) => e.response.status));
    expect([...everyStatus]).toEqual(expect.arrayContaining([200, 400, 403, 404, 409, 410]));

    const leaks = exposed
      .map((e, i) => ({ what: e.what, status: e.response.status, found: markersIn(corpus[i], [...identityMarkers(), accountMarker]) }))
      .filter((l) => l.found.length > 0);
    expect(leaks).toEqual([]);
  });

  it('keeps every marker out of every read-model document and every event', async () => {
    await projectionsCaughtUp(t);
    const readStore = t.app.get<ReadStore>(READ_STORE);
    for (const name of READ_MODEL_COLLECTIONS) {
      const documents = await readStore.collection(name).find({});
      expect({ name, empty: documents.length === 0 }).toEqual({ name, empty: false });
      const dump = asJson(documents);
      if (name === COMPLAINTS_COLLECTION) expect(dump).toContain(titleProbe);
      if (name === AUDIT_TRAIL_COLLECTION || name === AUDIT_EVENTS_COLLECTION) expect(dump).toContain(REASON);
      expect({ name, found: markersIn(dump, identityMarkers()) }).toEqual({ name, found: [] });
    }

    const events = await t.allEvents();
    const dump = asJson(events);
    expect(dump).toContain(titleProbe);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['ComplaintSubmitted', 'ReporterIdentityRead', 'ReporterIdentityErased']));
    expect(markersIn(dump, identityMarkers())).toEqual([]);
    // Every submission with an identity points at it by reference only.
    for (const submitted of events.filter((e) => e.type === 'ComplaintSubmitted')) expect(submitted.data.reporterRef).toEqual(expect.any(String));
  });

  it('sends each message to its own reporter only, the address alone in its envelope and To, no marker in its text; an erased or anonim reporter gets nothing new', async () => {
    const owner = (address: string) => Object.values(seeded).find((s) => s.markers.some((m) => address.toLowerCase().includes(m.toLowerCase())));
    // Control: the normal reporter heard of every step, by e-mail and SMS.
    expect(mail.messages.filter((m) => owner(m.envelope.to[0])?.kind === 'normal').length).toBeGreaterThanOrEqual(5);
    expect(sms.requests.filter((r) => owner(r.body.to)?.kind === 'normal').length).toBeGreaterThanOrEqual(5);
    for (const message of mail.messages) {
      const recipient = owner(message.envelope.to[0]);
      expect({ to: message.envelope.to.length, known: recipient !== undefined, header: message.headers.to }).toEqual({ to: 1, known: true, header: message.envelope.to[0] });
      const rest = message.raw.replace(/^To: .*\r\n/m, '');
      expect({ kind: recipient?.kind, found: markersIn(rest, [...identityMarkers(), accountMarker]) }).toEqual({ kind: recipient?.kind, found: [] });
    }
    for (const request of sms.requests) {
      expect(owner(request.body.to)).toBeDefined();
      expect({ to: request.body.to, found: markersIn(`${request.body.text} ${request.body.reference}`, [...identityMarkers(), accountMarker]) }).toEqual({ to: request.body.to, found: [] });
    }
    // Anonim reporters left no contact for tracking: nothing reaches them; one made anonim at verification
    // may have heard of the receipt before, nothing after. Erased: only what went out before the erasure.
    const to = (kind: Kind) => mail.messages.filter((m) => owner(m.envelope.to[0])?.kind === kind).map((m) => m.subject);
    const before = (kind: Kind, ...steps: string[]) => to(kind).filter((subject) => !steps.some((step) => subject === `Laporan ${seeded[kind].trackingId} ${step}`));
    expect(to('anonim')).toEqual([]);
    expect(before('anonim at verification', 'telah kami terima')).toEqual([]);
    expect(before('erased', 'telah kami terima', 'telah diverifikasi')).toEqual([]);
  });

  it('keeps every marker out of every file in DATA_DIR (identities are sealed at rest)', () => {
    const files = readdirSync(t.config.dataDir).filter((f) => statSync(join(t.config.dataDir, f)).isFile());
    expect(files).toEqual(expect.arrayContaining(['events.db', 'read-models.db', 'reporter-identities.db', 'reporter-keys.db']));
    const contents = files.map((f) => ({ file: f, text: readFileSync(join(t.config.dataDir, f)).toString('latin1') }));
    // Control: the raw files hold the complaints (titles are not sealed), so the scan reads real content.
    expect(contents.some((c) => c.text.includes(titleProbe))).toBe(true);
    const found = contents.map((c) => ({ file: c.file, found: markersIn(c.text, identityMarkers()) })).filter((c) => c.found.length > 0);
    expect(found).toEqual([]);
  });

  it('writes no marker to any log line, at debug level, while the capture does catch a probe', async () => {
    const admin = await t.token('national_admin', 'national');
    await t.request('GET', `/complaints/${logProbe}`, { token: admin });
    await projectionsCaughtUp(t);
    const text = logs.join('');
    expect(text).toContain(logProbe);
    expect(text).toMatch(/"context":"HTTP"/);
    expect(markersIn(text, [...identityMarkers(), accountMarker])).toEqual([]);
  });

  it('ties an anonim complaint to no account: not in its events, read models, files, logs or the account’s own views, while tracking works', async () => {
    const anonim = seeded.anonim;
    const account = await t.token('reporter', null, anonymousAccount);
    const tracking = { 'x-tracking-secret': anonim.trackingSecret };
    const list = await t.request('GET', '/complaints?pageSize=100', { token: account });
    const detail = await t.request('GET', `/complaints/${anonim.id}`, { token: account });
    const tracked = await t.request('GET', `/track/${anonim.trackingId}`, { headers: tracking });
    expect({ list: list.status, listed: list.body.items.map((c: { id: string }) => c.id), detail: detail.status, tracked: tracked.status }).toEqual({
      list: 200,
      listed: [],
      detail: 404,
      tracked: 200,
    });
    const [question] = tracked.body.openQuestions;
    const answered = await t.request('POST', `/track/${anonim.trackingId}/answer-clarification`, {
      headers: tracking,
      body: { clarificationId: question.clarificationId, answer: 'Puskesmas Cibinong.' },
    });
    expect(answered.status).toBe(200);
    await projectionsCaughtUp(t);

    const readStore = t.app.get<ReadStore>(READ_STORE);
    const readModels = asJson(await Promise.all(READ_MODEL_COLLECTIONS.map((name) => readStore.collection(name).find({}))));
    const events = await t.allEvents();
    const files = readdirSync(t.config.dataDir).map((f) => join(t.config.dataDir, f)).filter((f) => statSync(f).isFile());
    const places = {
      events: asJson(events),
      readModels,
      files: files.map((f) => readFileSync(f).toString('latin1')).join('\n'),
      logs: logs.join(''),
      answers: asJson([list.body, detail.body, tracked.body, answered.body]),
    };
    // Control: the scans hold the other reporters' accounts and the anonim complaint itself.
    expect(places.events).toContain(seeded.normal.reporterId);
    expect(places.readModels).toContain(seeded.normal.reporterId);
    expect(places.events).toContain(anonim.id);
    expect(Object.entries(places).filter(([, text]) => text.includes(anonymousAccount)).map(([where]) => where)).toEqual([]);
    // Its submission and the answer are recorded as its tracking credential.
    const own = events.filter((e) => e.streamId === `complaint-${anonim.id}` && e.metadata.actor.role === 'reporter');
    expect(own.map((e) => [e.type, e.metadata.actor.id])).toEqual([
      ['ComplaintSubmitted', `tracking:${anonim.trackingId}`],
      ['ClarificationAnswered', `tracking:${anonim.trackingId}`],
    ]);
  });

  it('does not take a bearer token whose subject imitates a tracking credential for the reporter', async () => {
    for (const kind of ['walk-in', 'anonim'] as const) {
      const s = seeded[kind];
      const impostor = await t.token('reporter', null, `tracking:${s.trackingId}`);
      const answers = {
        kind,
        detail: (await t.request('GET', `/complaints/${s.id}`, { token: impostor })).status,
        history: (await t.request('GET', `/complaints/${s.id}/history`, { token: impostor })).status,
        identity: (await t.request('GET', `/complaints/${s.id}/reporter-identity?reason=${encodeURIComponent(REASON)}`, { token: impostor })).status,
        command: (await t.request('POST', `/complaints/${s.id}/rate`, { token: impostor, body: { rating: 1 } })).status,
        listed: (await t.request('GET', '/complaints?pageSize=100', { token: impostor })).body.items.length,
        tracking: (await t.request('GET', `/track/${s.trackingId}`, { headers: { 'x-tracking-secret': s.trackingSecret } })).status,
      };
      expect(answers).toEqual({ kind, detail: 404, history: 404, identity: 404, command: 404, listed: 0, tracking: 200 });
    }
  });
});

describe('One Idempotency-Key, many submissions at once', () => {
  let t: TestApp;
  const REASON_TO_READ = 'Konfirmasi data pelapor';
  beforeAll(async () => (t = await startAccessApp()));
  afterAll(() => t?.stop());

  const submit = (token: string, key: string, title: string, name: string) =>
    t.request('POST', '/complaints', {
      token,
      headers: { 'idempotency-key': key },
      body: { title, description: 'Diminta membayar di luar tarif resmi.', channel: 'web', targetAgencyId: HOLDER, reporter: { name } },
    });

  it('takes one body of fifty different ones: the others get 422, and the stored title and identity come from the same request', async () => {
    const token = await t.token('reporter', null, 'reporter-racing');
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => submit(token, 'form-race-1', `Laporan nomor ${i}`, `Pelapor nomor ${i}`)));
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const refused = responses.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.body).toMatchObject({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' });
    }

    const { id } = created[0].body;
    const submitted = (await t.allEvents()).filter((e) => e.type === 'ComplaintSubmitted');
    expect(submitted).toHaveLength(1);
    const winner = /nomor (\d+)$/.exec(String(submitted[0].data.title))![1];
    const admin = await t.token('national_admin', 'national');
    const identity = await t.request('GET', `/complaints/${id}/reporter-identity?reason=${encodeURIComponent(REASON_TO_READ)}`, { token: admin });
    expect(identity.body).toEqual({ name: `Pelapor nomor ${winner}` });
    // The losers' identities were stored and are gone again: none is left pending.
    expect(await t.app.get<ReporterIdentityStore>(REPORTER_IDENTITY_STORE).pendingBefore('9999-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('answers fifty identical submissions under one key alike: one complaint, the same id and tracking id', async () => {
    const token = await t.token('reporter', null, 'reporter-repeating');
    const responses = await Promise.all(Array.from({ length: 50 }, () => submit(token, 'form-repeat-1', 'Laporan yang sama', 'Pelapor yang sama')));
    expect(new Set(responses.map((r) => r.status))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => JSON.stringify(r.body))).size).toBe(1);
    const submitted = (await t.allEvents()).filter((e) => e.type === 'ComplaintSubmitted' && e.data.complaintId === responses[0].body.id);
    expect(submitted).toHaveLength(1);
  });
});
