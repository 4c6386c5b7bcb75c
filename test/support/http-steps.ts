import type { TestApp } from './test-app';

export const AGENCY = 'id-32.01-dinkes';
export const OTHER_AGENCY = 'id-32.73-dinkes';

export const aSubmission = (overrides: Record<string, unknown> = {}) => ({
  title: 'Jalan berlubang di depan sekolah',
  description: 'Sudah tiga bulan tidak diperbaiki.',
  channel: 'web',
  ...overrides,
});

export const aVerification = { classification: 'pengaduan', category: 'infrastruktur', slaClass: 'ordinary', confidential: false, anonymous: false };

/** Submits as a reporter and verifies as the national admin; returns the complaint id. */
export async function verifiedComplaint(t: TestApp): Promise<string> {
  const reporter = await t.token('reporter', null, 'reporter-1');
  const admin = await t.token('national_admin', 'national');
  const submitted = await t.request('POST', '/complaints', { token: reporter, body: aSubmission() });
  if (submitted.status !== 201) throw new Error(`submit failed: ${JSON.stringify(submitted.body)}`);
  const verified = await t.request('POST', `/complaints/${submitted.body.id}/verify`, { token: admin, body: aVerification });
  if (verified.status !== 200) throw new Error(`verify failed: ${JSON.stringify(verified.body)}`);
  return submitted.body.id;
}
