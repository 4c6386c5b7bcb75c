export const AGENCY = 'id-32.01-dinkes';
export const OTHER_AGENCY = 'id-32.73-dinkes';

export const aSubmission = (overrides: Record<string, unknown> = {}) => ({
  title: 'Jalan berlubang di depan sekolah',
  description: 'Sudah tiga bulan tidak diperbaiki.',
  channel: 'web',
  ...overrides,
});

export const aVerification = { classification: 'pengaduan', category: 'infrastruktur', slaClass: 'ordinary', confidential: false, anonymous: false };
