import type { HolidayKind } from '../calendar/holiday';

/**
 * The decrees as published, typed in from the SKB lists rather than from the holiday file, so a
 * wrong correction in the file, or a date-holidays upgrade that moves a date, fails the specs.
 */
const holiday = (date: string): [string, HolidayKind] => [date, 'holiday'];
const cuti = (date: string): [string, HolidayKind] => [date, 'cuti_bersama'];

export const PUBLISHED_HOLIDAYS: Record<number, [string, HolidayKind][]> = {
  // SKB 1017/2024, 2/2024, 2/2024, amended by SKB 933/2025, 1/2025, 3/2025 (18 August).
  2025: [
    holiday('2025-01-01'), holiday('2025-01-27'), cuti('2025-01-28'), holiday('2025-01-29'),
    cuti('2025-03-28'), holiday('2025-03-29'), holiday('2025-03-31'), holiday('2025-04-01'),
    cuti('2025-04-02'), cuti('2025-04-03'), cuti('2025-04-04'), cuti('2025-04-07'),
    holiday('2025-04-18'), holiday('2025-04-20'), holiday('2025-05-01'), holiday('2025-05-12'),
    cuti('2025-05-13'), holiday('2025-05-29'), cuti('2025-05-30'), holiday('2025-06-01'),
    holiday('2025-06-06'), cuti('2025-06-09'), holiday('2025-06-27'), holiday('2025-08-17'),
    cuti('2025-08-18'), holiday('2025-09-05'), holiday('2025-12-25'), cuti('2025-12-26'),
  ],
  // SKB 1497/2025, 2/2025, 5/2025.
  2026: [
    holiday('2026-01-01'), holiday('2026-01-16'), cuti('2026-02-16'), holiday('2026-02-17'),
    cuti('2026-03-18'), holiday('2026-03-19'), cuti('2026-03-20'), holiday('2026-03-21'),
    holiday('2026-03-22'), cuti('2026-03-23'), cuti('2026-03-24'), holiday('2026-04-03'),
    holiday('2026-04-05'), holiday('2026-05-01'), holiday('2026-05-14'), cuti('2026-05-15'),
    holiday('2026-05-27'), cuti('2026-05-28'), holiday('2026-05-31'), holiday('2026-06-01'),
    holiday('2026-06-16'), holiday('2026-08-17'), holiday('2026-08-25'), cuti('2026-12-24'),
    holiday('2026-12-25'),
  ],
};
