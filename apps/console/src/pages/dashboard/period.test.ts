import { describe, expect, it } from 'vitest';
import { currentYear, parsePeriod, periodId } from './period';

describe('Monev periods in the address', () => {
  it('read and write a year, a quarter and a month as the API does, and refuse anything else', () => {
    for (const text of ['2026', '2026-Q3', '2026-03', '2026-12']) expect(periodId(parsePeriod(text)!)).toBe(text);
    expect(parsePeriod('2026-Q5')).toBeNull();
    expect(parsePeriod('2026-13')).toBeNull();
    expect(parsePeriod(null)).toBeNull();
  });

  it('open on the year it is in the node’s zone: the new year comes to Papua first', () => {
    const newYearInPapua = new Date('2026-12-31T16:30:00Z');
    expect(currentYear('WIT', newYearInPapua)).toBe(2027);
    expect(currentYear('WIB', newYearInPapua)).toBe(2026);
  });
});
