import type { ComplaintStatus } from '@lacak/domain';

/** The labels the public and reporters see, after LAPOR! usage. */
export const PUBLIC_STATUS: { readonly [status in ComplaintStatus]: string } = {
  SUBMITTED: 'Belum Terverifikasi',
  VERIFIED: 'Belum Ditindaklanjuti',
  DISPOSED: 'Belum Ditindaklanjuti',
  AWAITING_REPORTER: 'Menunggu Klarifikasi Pelapor',
  IN_PROGRESS: 'Proses',
  MEDIATION: 'Proses',
  INVESTIGATION: 'Proses',
  RESPONDED: 'Tindak Lanjut Diberikan',
  CLOSED: 'Selesai',
  REJECTED: 'Bukan Wewenang',
  ARCHIVED_INVALID: 'Diarsipkan',
  DUPLICATE: 'Duplikat',
};
