import { FakeLaporServer } from './testing/fake-lapor-server';
import { HttpLaporGateway, fromLaporDateTime } from './http-lapor-gateway';
import { LaporRequestError } from './lapor-gateway';
import type { LaporAgencySettings } from './lapor-settings';

const credentials = { authHeader: 'Authorization', secret: 'a-secret-for-tests', token: '{0E4B2C59-1A7D-4B53-9F4C-2D9A6E1B7C30}' };

describe('HttpLaporGateway against a fake LAPOR! v3', () => {
  const fake = new FakeLaporServer(credentials);
  let agency: LaporAgencySettings;
  let gateway: HttpLaporGateway;

  beforeAll(async () => {
    agency = {
      baseUrl: await fake.start(),
      ...credentials,
      pushComplaints: true,
      institutionId: '151345',
      userId: '77',
      channel: 13,
      classificationId: 6,
      categoryId: 436,
      locationId: 34,
      followUpTemplateCode: 'reply',
    };
    gateway = new HttpLaporGateway(agency, 10_000);
  });
  afterAll(() => fake.stop());

  const complaint = { title: 'Jalan rusak', content: 'Lubang besar di depan sekolah.', isAnonymous: false, isSecret: false, dateOfIncident: null, trackingTag: '#LPR-7K3Q9X2M4D1A' };

  it('creates with the v3 field names under the agency’s own institution, carrying both auth headers', async () => {
    const { complaintId } = await gateway.createComplaint(complaint);
    const [call] = fake.callsTo('create').slice(-1);
    expect(fake.complaints.has(complaintId)).toBe(true);
    expect(call.headers.authorization).toBe(`Bearer ${credentials.secret}`);
    expect(call.headers.token).toBe(credentials.token);
    expect(call.body).toMatchObject({
      title: 'Jalan rusak',
      content: 'Lubang besar di depan sekolah.',
      channel: 13,
      is_new_user_slider: false,
      disposition_id: '151345',
      classification_id: 6,
      is_anonymous: false,
      is_secret: false,
      tags_raw: '#LPR-7K3Q9X2M4D1A',
      attachments: '[]',
    });
    expect(call.body).not.toHaveProperty('emailUser');
    expect(call.body).not.toHaveProperty('nameUser');
    expect(call.body).not.toHaveProperty('phoneUser');
  });

  it('forwards as bukan wewenang with the target institution, then reads the disposition back', async () => {
    const { complaintId } = await gateway.createComplaint(complaint);
    await gateway.forward(complaintId, { targetInstitutionId: '12838', reasonDescription: 'Bukan wewenang' });
    expect(fake.callsTo('forward').at(-1)?.body).toEqual({ is_request: 1, reason: '12838', reason_description: 'Bukan wewenang', not_authority: 1 });
    expect(await gateway.getStatus(complaintId)).toEqual({ statusCode: '0', statusName: 'Belum Terverifikasi', dispositionId: '12838' });
  });

  it('pushes a follow-up as multipart form fields and lists follow-ups across pages', async () => {
    const { complaintId } = await gateway.createComplaint(complaint);
    fake.addAgencyFollowUp(complaintId, 'Sedang ditangani', '02-12-2026 08:30:00');
    fake.addAgencyFollowUp(complaintId, 'Sudah diperbaiki', '03-12-2026 09:00:00');
    await gateway.addFollowUp(complaintId, { institutionFromId: '151345', institutionToId: '151345', templateCode: 'reply', content: 'Tindak lanjut diberikan', isSecret: false });
    expect(fake.callsTo('follow-up').at(-1)?.body).toMatchObject({
      complaint_id: complaintId,
      institution_from_id: '151345',
      institution_to_id: '151345',
      template_code: 'reply',
      content: 'Tindak lanjut diberikan',
      is_secret: '0',
    });
    const followUps = await gateway.listFollowUps(complaintId);
    expect(followUps.map((f) => f.id)).toEqual(['fu-1', 'fu-2', 'fu-3']);
    expect(followUps[0].createdAt).toBe('2026-12-02T01:30:00.000Z');
    expect(fake.callsTo('follow-ups').filter((c) => c.path.includes(complaintId))).toHaveLength(2);
  });

  it.each([
    ['a timeout', { hang: true } as const, 'timeout', null, true, true],
    ['a 503', { status: 503 }, 'server', 503, true, false],
    ['a 504 from the gateway in front', { status: 504 }, 'server', 504, true, true],
    ['a 422', { status: 422 }, 'client', 422, false, false],
  ])('classifies %s', async (_, failure, kind, status, retryable, mayHaveSucceeded) => {
    fake.failNext('create', failure);
    // Short enough for the hanging answer to time out quickly.
    const error = await new HttpLaporGateway(agency, 500).createComplaint(complaint).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LaporRequestError);
    expect(error).toMatchObject({ kind, status, retryable, mayHaveSucceeded });
  });

  it('names no credential in its errors', async () => {
    fake.failNext('status', { status: 500 });
    const error = (await gateway.getStatus('5010653').catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain(credentials.secret);
    expect(error.message).not.toContain(credentials.token);
  });

  it('is refused with wrong credentials, as a client error', async () => {
    const wrong = new HttpLaporGateway({ ...agency, secret: 'wrong' }, 10_000);
    await expect(wrong.getStatus('5010653')).rejects.toMatchObject({ kind: 'client', status: 401, retryable: false });
  });

  it('stops when the caller’s signal aborts', async () => {
    fake.failNext('status', { hang: true });
    const controller = new AbortController();
    const pending = new HttpLaporGateway(agency, 10_000).getStatus('5010653', controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'timeout' });
  });
});

describe('fromLaporDateTime', () => {
  it('reads LAPOR!’s d-m-Y H:i:s as WIB, and ISO as it is', () => {
    expect(fromLaporDateTime('31-12-2026 23:00:00')).toBe('2026-12-31T16:00:00.000Z');
    expect(fromLaporDateTime('2026-12-31T16:00:00Z')).toBe('2026-12-31T16:00:00.000Z');
    expect(fromLaporDateTime('kemarin')).toBeNull();
  });
});
