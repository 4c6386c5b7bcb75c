import { COMPLAINT_STATUSES } from '@lacak/domain';
import { OPEN311_SERVICES, OPEN311_STATUS, open311Location, open311Window } from './open311';

describe('Open311 as a facade', () => {
  const now = new Date('2026-12-05T10:00:00.000Z');

  it('covers the 90 days up to now, up to end_date or after start_date, and refuses a wider or inverted window', () => {
    expect(open311Window(undefined, undefined, now)).toEqual({ start: '2026-09-06T10:00:00.000Z', end: '2026-12-05T10:00:00.000Z' });
    expect(open311Window('2026-01-01T00:00:00+07:00', undefined, now)).toEqual({ start: '2025-12-31T17:00:00.000Z', end: '2026-03-31T17:00:00.000Z' });
    expect(open311Window(undefined, '2026-04-01T00:00:00Z', now)).toEqual({ start: '2026-01-01T00:00:00.000Z', end: '2026-04-01T00:00:00.000Z' });
    expect(open311Window('2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', now)).not.toBeNull();
    expect(open311Window('2026-01-01T00:00:00Z', '2026-04-01T00:00:01Z', now)).toBeNull();
    expect(open311Window('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', now)).toBeNull();
  });

  it('closes exactly the lifecycle’s ends', () => {
    const closed = COMPLAINT_STATUSES.filter((status) => OPEN311_STATUS[status] === 'closed');
    expect(closed.sort()).toEqual(['ARCHIVED_INVALID', 'CLOSED', 'DUPLICATE', 'REJECTED']);
    expect(Object.keys(OPEN311_STATUS).sort()).toEqual([...COMPLAINT_STATUSES].sort());
  });

  it('keeps the address and the coordinates in the location', () => {
    expect(open311Location({ address: 'Jl. Pajajaran 12', lat: -6.5, long: 106.8 })).toBe('Jl. Pajajaran 12 (-6.5, 106.8)');
    expect(open311Location({ lat: -6.5, long: 106.8 })).toBe('(-6.5, 106.8)');
    expect(open311Location({ lat: -6.5 })).toBeUndefined();
  });

  it('has one blackbox service, and unique codes', () => {
    expect(OPEN311_SERVICES.filter((s) => s.type === 'blackbox').map((s) => s.service_code)).toEqual(['pungli']);
    expect(new Set(OPEN311_SERVICES.map((s) => s.service_code)).size).toBe(OPEN311_SERVICES.length);
  });
});
