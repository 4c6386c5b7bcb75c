/**
 * Monev periods: a month (`2026-03`), a quarter (`2026-Q1`) or a year (`2026`), each in the local
 * time of the node it is asked about. Indonesia keeps no summer time, so a zone is a fixed offset
 * and every boundary is plain arithmetic.
 */
export type PeriodKind = 'month' | 'quarter' | 'year';

export interface MonevPeriod {
  /** As written in the API: `2026`, `2026-Q1`, `2026-03`. */
  id: string;
  kind: PeriodKind;
  year: number;
  /** First and last month (1-12) the period covers. */
  firstMonth: number;
  lastMonth: number;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

export function parsePeriod(text: string): MonevPeriod | null {
  const match = PERIOD.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2999) return null;
  if (match[2]) {
    const quarter = Number(match[2]);
    return { id: text, kind: 'quarter', year, firstMonth: quarter * 3 - 2, lastMonth: quarter * 3 };
  }
  if (match[3]) {
    const month = Number(match[3]);
    return { id: text, kind: 'month', year, firstMonth: month, lastMonth: month };
  }
  return { id: text, kind: 'year', year, firstMonth: 1, lastMonth: 12 };
}

const monthId = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** The month, quarter and year a local date-time (`YYYY-MM…`) falls in. */
export function periodIdsOfLocal(local: string): [month: string, quarter: string, year: string] {
  const year = local.slice(0, 4);
  const month = Number(local.slice(5, 7));
  return [local.slice(0, 7), `${year}-Q${Math.ceil(month / 3)}`, year];
}

/** The same kind of period just before: the trend's reference. */
export function previousPeriod(period: MonevPeriod): MonevPeriod {
  const { kind, year, firstMonth } = period;
  if (kind === 'year') return parsePeriod(String(year - 1))!;
  if (kind === 'quarter') return firstMonth === 1 ? parsePeriod(`${year - 1}-Q4`)! : parsePeriod(`${year}-Q${(firstMonth + 2) / 3 - 1}`)!;
  return firstMonth === 1 ? parsePeriod(monthId(year - 1, 12))! : parsePeriod(monthId(year, firstMonth - 1))!;
}

/** Epoch milliseconds of the period's start (inclusive) and end (exclusive) at a zone `offsetMs` east of UTC. */
export function periodBounds(period: MonevPeriod, offsetMs: number): { start: number; end: number } {
  return {
    start: Date.UTC(period.year, period.firstMonth - 1, 1) - offsetMs,
    end: Date.UTC(period.year, period.lastMonth, 1) - offsetMs,
  };
}

/** WIB, the westernmost zone, ends a period last: once it has ended there it has ended everywhere. */
export const WESTERNMOST_OFFSET_MS = 7 * 60 * 60 * 1000;

export const hasEnded = (period: MonevPeriod, now: Date): boolean => now.getTime() >= periodBounds(period, WESTERNMOST_OFFSET_MS).end;
