/**
 * Attachments over HTTP: a photo's EXIF and GPS never come back, a renamed executable and an
 * oversize file are refused, reading follows the complaint's access and the identity seal, and an
 * erased identity takes the documents marked identifying with it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { A_PDF } from '../support/attachment-steps';
import { HOLDER, OTHER_HOLDER, OWNER, complaintAt } from '../support/complaint-stages';
import { TestApp } from '../support/test-app';

const MAX_BYTES = 64 * 1024;

/** A PDF whose content differs by a word: stored PDFs are rewritten, so a trailing comment would not tell two apart. */
const pdfSaying = (word: string) => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Lang(${word})>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

const photoWithGps = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'KameraPelapor', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 48/1 0/1' },
    })
    .toBuffer();

describe('Attachments', () => {
  let t: TestApp;
  let reporter: string;
  let officer: string;
  let otherOfficer: string;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ ATTACHMENT_MAX_BYTES: String(MAX_BYTES) });
    reporter = await t.token('reporter', null, OWNER);
    officer = await t.token('unit_officer', HOLDER, 'officer-dinkes-bogor');
    otherOfficer = await t.token('unit_officer', OTHER_HOLDER, 'officer-other');
    admin = await t.token('national_admin', 'national');
  });
  afterAll(() => t?.stop());

  const attach = (complaintId: string, token: string, file: { name: string; bytes: Buffer; type?: string }, fields: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    t.upload(`/complaints/${complaintId}/attachments`, { token, file, fields, headers });
  const detail = (complaintId: string, token: string) =>
    t.eventually(
      () => t.request('GET', `/complaints/${complaintId}`, { token }),
      (r) => r.status === 200 && (r.body.attachments ?? []).length > 0,
    );

  describe('given a reporter attaching a JPEG with GPS EXIF to their complaint', () => {
    it('then it answers 201 with a link, and the photo reads back as a JPEG download without EXIF or GPS', async () => {
      const fixture = await complaintAt(t, 'IN_PROGRESS');
      const photo = await photoWithGps();
      expect((await sharp(photo).metadata()).exif).toBeDefined();

      const added = await attach(fixture.id, reporter, { name: 'foto jalan.jpg', bytes: photo, type: 'image/jpeg' });
      expect(added.status).toBe(201);
      expect(added.body).toEqual({ id: expect.any(String), href: `/complaints/${fixture.id}/attachments/${added.body.id}`, complaintId: fixture.id, revision: expect.stringMatching(/^\d+$/) });
      expect(added.headers.location).toBe(added.body.href);

      const read = await t.eventually(() => t.download(added.body.href, reporter), (r) => r.status === 200);
      expect(read.headers['content-type']).toBe('image/jpeg');
      expect(read.headers['content-disposition']).toMatch(/^attachment; filename="foto jalan\.jpg"/);
      expect(read.headers['x-content-type-options']).toBe('nosniff');
      const metadata = await sharp(read.bytes).metadata();
      expect([metadata.format, metadata.width, metadata.height]).toEqual(['jpeg', 64, 48]);
      expect(metadata.exif).toBeUndefined();
      expect(read.bytes.includes(Buffer.from('KameraPelapor'))).toBe(false);

      // The officer handling it sees it on the detail, typed from the content, and the history says so.
      const shown = await detail(fixture.id, officer);
      expect(shown.body.attachments).toEqual([
        expect.objectContaining({ attachmentId: added.body.id, fileName: 'foto jalan.jpg', mediaType: 'image/jpeg', size: read.bytes.length, identifying: false, addedBy: 'reporter', erasedAt: null }),
      ]);
      const history = await t.request('GET', `/complaints/${fixture.id}/history`, { token: officer });
      expect(history.body.map((entry: { type: string }) => entry.type)).toContain('AttachmentAdded');
    });

    it('then a retry with the same Idempotency-Key answers the same attachment and records it once', async () => {
      const fixture = await complaintAt(t, 'SUBMITTED');
      const headers = { 'idempotency-key': 'unggah-bukti-1' };
      const first = await attach(fixture.id, reporter, { name: 'bukti.pdf', bytes: A_PDF }, {}, headers);
      const again = await attach(fixture.id, reporter, { name: 'bukti.pdf', bytes: A_PDF }, {}, headers);
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.id).toBe(first.body.id);
      const events = (await t.allEvents()).filter((e) => e.streamId === `complaint-${fixture.id}` && e.type === 'AttachmentAdded');
      expect(events).toHaveLength(1);
      // If-Match holds as for every command: an upload decided on an older revision is refused.
      const stale = await attach(fixture.id, reporter, { name: 'lagi.pdf', bytes: A_PDF }, {}, { 'if-match': '"0"' });
      expect([stale.status, stale.body.code, stale.body.currentRevision]).toEqual([412, 'REVISION_MISMATCH', first.body.revision]);
    });
  });

  describe('refuses what it will not keep, and records nothing', () => {
    const refused = async (file: { name: string; bytes: Buffer; type?: string }) => {
      const fixture = await complaintAt(t, 'SUBMITTED');
      const before = (await t.allEvents()).length;
      const answer = await attach(fixture.id, reporter, file);
      expect((await t.allEvents()).length).toBe(before);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      return [answer.status, answer.body.code];
    };

    it.each([
      ['an ELF executable', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(256)])],
      ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(256)])],
    ])('%s named photo.jpg and sent as image/jpeg is 415 ATTACHMENT_TYPE_NOT_ALLOWED', async (_name, bytes) => {
      expect(await refused({ name: 'photo.jpg', bytes, type: 'image/jpeg' })).toEqual([415, 'ATTACHMENT_TYPE_NOT_ALLOWED']);
    });

    it('a file over the size limit is 413 ATTACHMENT_TOO_LARGE', async () => {
      const oversize = Buffer.concat([A_PDF, Buffer.alloc(MAX_BYTES, 0x20)]);
      expect(await refused({ name: 'besar.pdf', bytes: oversize })).toEqual([413, 'ATTACHMENT_TOO_LARGE']);
    });

    it('a body that is not multipart is 415, one without a file is 400', async () => {
      const fixture = await complaintAt(t, 'SUBMITTED');
      const json = await t.request('POST', `/complaints/${fixture.id}/attachments`, { token: reporter, body: { file: 'x' } });
      expect([json.status, json.body.code, json.body.detail]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE', expect.stringContaining('multipart/form-data')]);
      const empty = await t.upload(`/complaints/${fixture.id}/attachments`, { token: reporter, fields: { identifying: 'false' } });
      expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('a truncated multipart body, or one without its boundary, is 400 MALFORMED_REQUEST', async () => {
      const fixture = await complaintAt(t, 'SUBMITTED');
      const send = (contentType: string, payload: string) =>
        t.app.getHttpAdapter().getInstance().inject({
          method: 'POST',
          url: `/complaints/${fixture.id}/attachments`,
          headers: { authorization: `Bearer ${reporter}`, 'content-type': contentType },
          payload,
        });
      const truncated = await send('multipart/form-data; boundary=batas', '--batas\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4');
      const boundaryless = await send('multipart/form-data', '--batas\r\n');
      for (const answer of [truncated, boundaryless]) {
        expect([answer.statusCode, answer.headers['content-type'], answer.json().code]).toEqual([400, expect.stringContaining('application/problem+json'), 'MALFORMED_REQUEST']);
      }
    });

    it('a closed complaint takes no more evidence: 409 INVALID_TRANSITION', async () => {
      const fixture = await complaintAt(t, 'CLOSED');
      const answer = await attach(fixture.id, reporter, { name: 'bukti.pdf', bytes: A_PDF });
      expect([answer.status, answer.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    });

    it('an officer may not mark a document identifying: that is the reporter’s', async () => {
      const fixture = await complaintAt(t, 'IN_PROGRESS');
      const answer = await attach(fixture.id, officer, { name: 'bukti.pdf', bytes: A_PDF }, { identifying: 'true' });
      expect([answer.status, answer.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    });
  });

  describe('reading follows the complaint’s access', () => {
    it('a reader without access to the complaint gets 404, as for an unknown attachment', async () => {
      const fixture = await complaintAt(t, 'IN_PROGRESS');
      const added = await attach(fixture.id, officer, { name: 'bukti.pdf', bytes: A_PDF });
      expect(added.status).toBe(201);
      await detail(fixture.id, officer);
      const stranger = await t.download(added.body.href, otherOfficer);
      expect([stranger.status, stranger.body.code]).toEqual([404, 'NOT_FOUND']);
      const unknown = await t.download(`/complaints/${fixture.id}/attachments/00000000-0000-4000-8000-000000000000`, officer);
      expect(unknown.status).toBe(404);
      // A refused upload is refused before its file is stored.
      const files = () => readdirSync(join(t.config.dataDir, 'attachments'), { recursive: true }).length;
      const before = files();
      const strangerUpload = await attach(fixture.id, otherOfficer, { name: 'lain.pdf', bytes: Buffer.concat([A_PDF, Buffer.from('% lain')]) });
      expect([strangerUpload.status, strangerUpload.body.code]).toEqual([404, 'COMPLAINT_NOT_FOUND']);
      expect(files()).toBe(before);
    });
  });

  describe('given an anonymous reporter holding the tracking secret', () => {
    it('then they attach with the secret and read it back; a wrong secret is 404', async () => {
      const fixture = await complaintAt(t, 'DISPOSED', { anonymous: true });
      const secret = { 'x-tracking-secret': fixture.trackingSecret };
      const added = await t.upload(`/track/${fixture.trackingId}/attachments`, {
        headers: secret,
        fields: { identifying: 'true' },
        file: { name: 'foto-saya.jpg', bytes: await photoWithGps() },
      });
      expect(added.status).toBe(201);
      expect(added.body.href).toBe(`/track/${fixture.trackingId}/attachments/${added.body.id}`);
      const read = await t.eventually(
        async () => t.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: added.body.href, headers: secret }),
        (r) => r.statusCode === 200,
      );
      expect(read.headers['content-type']).toBe('image/jpeg');
      expect((await sharp(read.rawPayload).metadata()).exif).toBeUndefined();
      // Anonim: nobody but the reporter sees an identifying document, the handling officer included.
      expect((await t.download(`/complaints/${fixture.id}/attachments/${added.body.id}`, officer)).status).toBe(404);
      const wrong = await t.upload(`/track/${fixture.trackingId}/attachments`, {
        headers: { 'x-tracking-secret': 'salah' },
        file: { name: 'bukti.pdf', bytes: A_PDF },
      });
      expect(wrong.status).toBe(404);
    });
  });

  describe('given a rahasia complaint with a document the reporter marked identifying', () => {
    it('then the handling officer, from whom the identity is sealed, neither sees nor reads it; the national admin does; after erasure it is 410 Gone and the other evidence stays', async () => {
      const fixture = await complaintAt(t, 'IN_PROGRESS', { confidential: true, identity: { name: 'Siti Pelapor', idNumber: '3201010101010001' } });
      const ktp = await attach(fixture.id, reporter, { name: 'KTP Siti.pdf', bytes: pdfSaying('KTP') }, { identifying: 'true' });
      const evidence = await attach(fixture.id, reporter, { name: 'kwitansi.pdf', bytes: A_PDF });
      expect([ktp.status, evidence.status]).toEqual([201, 201]);
      await t.eventually(
        () => t.request('GET', `/complaints/${fixture.id}`, { token: admin }),
        (r) => r.status === 200 && (r.body.attachments ?? []).length === 2,
      );

      const officerView = await t.request('GET', `/complaints/${fixture.id}`, { token: officer });
      expect(officerView.body.attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['kwitansi.pdf']);
      expect((await t.download(ktp.body.href, officer)).status).toBe(404);
      expect((await t.download(evidence.body.href, officer)).status).toBe(200);

      const adminView = await t.request('GET', `/complaints/${fixture.id}`, { token: admin });
      // The name an identifying document came with names the reporter: a neutral one is recorded instead.
      expect(adminView.body.attachments.map((a: { fileName: string; identifying: boolean }) => [a.fileName, a.identifying])).toEqual([
        ['dokumen-identitas.pdf', true],
        ['kwitansi.pdf', false],
      ]);
      expect(JSON.stringify((await t.allEvents()).map((e) => e.data))).not.toContain('KTP Siti');
      const ktpKey = adminView.body.attachments[0].sha256;
      expect((await t.download(ktp.body.href, admin)).status).toBe(200);
      expect((await t.download(ktp.body.href, reporter)).status).toBe(200);
      const file = join(t.config.dataDir, 'attachments', ktpKey.slice(0, 2), ktpKey);
      expect(existsSync(file)).toBe(true);

      const erased = await t.request('POST', `/complaints/${fixture.id}/reporter-identity/erase`, { token: admin, body: { reason: 'Permintaan penghapusan data pelapor' } });
      expect(erased.status).toBe(204);
      const gone = await t.eventually(() => t.download(ktp.body.href, admin), (r) => r.status !== 200);
      expect([gone.status, gone.body.code]).toEqual([410, 'ATTACHMENT_ERASED']);
      expect(existsSync(file)).toBe(false);
      expect((await t.download(evidence.body.href, admin)).status).toBe(200);
      const afterwards = await t.request('GET', `/complaints/${fixture.id}`, { token: admin });
      expect(afterwards.body.attachments[0]).toMatchObject({ fileName: 'dokumen-identitas.pdf', erasedAt: expect.any(String) });
      const history = await t.request('GET', `/complaints/${fixture.id}/history`, { token: admin });
      expect(history.body.map((entry: { type: string }) => entry.type)).toContain('IdentifyingAttachmentsErased');
    });

    it('then erasing it keeps the file while another complaint holds the same bytes as evidence', async () => {
      const fixture = await complaintAt(t, 'IN_PROGRESS', { identity: { name: 'Siti Pelapor', idNumber: '3201010101010001' } });
      const other = await complaintAt(t, 'IN_PROGRESS');
      const bytes = pdfSaying('Bersama');
      const ktp = await attach(fixture.id, reporter, { name: 'KTP.pdf', bytes }, { identifying: 'true' });
      const shared = await attach(other.id, officer, { name: 'salinan.pdf', bytes });
      expect([ktp.status, shared.status]).toEqual([201, 201]);
      await detail(other.id, officer);

      const erased = await t.request('POST', `/complaints/${fixture.id}/reporter-identity/erase`, { token: admin, body: { reason: 'Permintaan penghapusan data pelapor' } });
      expect(erased.status).toBe(204);
      const gone = await t.eventually(() => t.download(ktp.body.href, admin), (r) => r.status !== 200);
      expect(gone.status).toBe(410);
      const kept = await t.download(shared.body.href, officer);
      expect([kept.status, kept.bytes.equals((await t.download(shared.body.href, admin)).bytes)]).toEqual([200, true]);
    });
  });
});
