import type { ComplaintStatus } from '@lacak/domain';

/**
 * What each LAPOR! status name means in our lifecycle. Versioned: every observation records the
 * version it was mapped with, so a changed table never rewrites what an old observation said. Keyed
 * by `status_name`, the only part of a status the public v3 client ever showed (the `status_code`
 * values were never logged publicly); a name not listed maps to nothing.
 */
export const LAPOR_STATUS_MAPPING = {
  version: 'sp4n-lapor-v3/1',
  statuses: {
    'Belum Terverifikasi': 'SUBMITTED',
    Terverifikasi: 'VERIFIED',
    'Dalam Proses': 'IN_PROGRESS',
    Selesai: 'CLOSED',
    Diarsipkan: 'ARCHIVED_INVALID',
    Ditolak: 'REJECTED',
  },
} as const satisfies { version: string; statuses: Record<string, ComplaintStatus> };

export const mapLaporStatus = (statusName: string): ComplaintStatus | null =>
  (LAPOR_STATUS_MAPPING.statuses as Record<string, ComplaintStatus>)[statusName.trim()] ?? null;
