import { ZONES, type ZoneName } from '../../format';

/** A monev period as the API writes it: a year (`2026`), a quarter (`2026-Q1`) or a month (`2026-03`). */
export type PeriodKind = 'year' | 'quarter' | 'month';
export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1 to 4 for a quarter, 1 to 12 for a month. */
  part: number;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

export function parsePeriod(text: string | null): PeriodChoice | null {
  const match = text ? PERIOD.exec(text) : null;
  if (!match) return null;
  const year = Number(match[1]);
  if (match[2]) return { kind: 'quarter', year, part: Number(match[2]) };
  if (match[3]) return { kind: 'month', year, part: Number(match[3]) };
  return { kind: 'year', year, part: 1 };
}

export function periodId(choice: PeriodChoice): string {
  if (choice.kind === 'quarter') return `${choice.year}-Q${choice.part}`;
  if (choice.kind === 'month') return `${choice.year}-${String(choice.part).padStart(2, '0')}`;
  return String(choice.year);
}

/** The year it is now in the zone: the period a dashboard opens on. */
export function currentYear(zone: ZoneName, now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: ZONES[zone] }).format(now));
}
