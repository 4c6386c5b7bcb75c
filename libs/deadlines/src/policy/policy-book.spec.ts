import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aPolicy, LIMITS_62_2018 } from '../testing/policies';
import { SlaPolicyError } from './parse-policy';
import { loadPolicyBook, parsePolicyBook, PolicyBook } from './policy-book';

describe('PolicyBook', () => {
  describe('the shipped policy file', () => {
    const book = loadPolicyBook();

    it('starts with the 62/2018 defaults in force from 2018', () => {
      const pinned = book.inForce('2019-06-01T10:00:00+07:00');
      expect(pinned.version).toBe('permenpanrb-62-2018');
      expect(pinned.limits).toEqual(LIMITS_62_2018);
      expect(pinned.sources?.ordinary).toMatch(/^\[src\] S6/);
    });

    it('answers a later version for later submissions, and every version by name', () => {
      expect(book.inForce('2026-03-13T19:00:00+07:00').version).toBe('permenpanrb-5-2025');
      expect(book.byVersion('permenpanrb-62-2018').effectiveFrom).toBe('2018-01-01');
    });

    it('has nothing in force before 2018 and knows no other version', () => {
      expect(() => book.inForce('2017-12-31T16:59:59.999Z')).toThrow(
        new SlaPolicyError('No policy version is in force at 2017-12-31T16:59:59.999Z; the first takes effect on 2018-01-01'),
      );
      expect(() => book.byVersion('v9')).toThrow(/Unknown policy version v9; known: permenpanrb-62-2018, permenpanrb-5-2025/);
    });
  });

  it('switches versions at 00:00 WIB on the effective date, whatever the instant is written in', () => {
    const book = new PolicyBook([aPolicy(), aPolicy({ version: 'v2', effectiveFrom: '2026-07-01' })]);
    expect(book.inForce('2026-06-30T23:59:59+07:00').version).toBe('test-v1');
    expect(book.inForce('2026-06-30T17:00:00Z').version).toBe('v2');
    // 00:30 WIT on 1 July is still 22:30 WIB on 30 June.
    expect(book.inForce('2026-07-01T00:30:00+09:00').version).toBe('test-v1');
  });

  describe('publishing a version', () => {
    const book = new PolicyBook([aPolicy()]);
    const publishedAt = '2026-03-13T19:00:00+07:00';
    const stricter = aPolicy({ version: 'v2', effectiveFrom: '2026-04-01', limits: { ...LIMITS_62_2018, ordinary: { workingDays: 10 } } });

    it('never changes the answer for an earlier instant', () => {
      const republished = book.publish(stricter, publishedAt);
      const earlier = ['2018-01-01T00:00:00+07:00', '2024-12-31T23:59:59+07:00', publishedAt, '2026-03-31T23:59:59.999+07:00'];
      for (const at of earlier) expect(republished.inForce(at)).toEqual(book.inForce(at));
      expect(republished.inForce('2026-04-01T00:00:00+07:00').limits.ordinary).toEqual({ workingDays: 10 });
      // The book it came from is unchanged.
      expect(book.versions).toHaveLength(1);
    });

    it('refuses a version that would take effect before its publication', () => {
      expect(() => book.publish({ ...stricter, effectiveFrom: '2026-03-01' }, publishedAt)).toThrow(
        new SlaPolicyError('Version v2 would take effect on 2026-03-01, before its publication at 2026-03-13T19:00:00+07:00'),
      );
    });

    it('refuses a version name or a date already taken', () => {
      expect(() => book.publish({ ...stricter, version: 'test-v1' }, publishedAt)).toThrow('Version test-v1 is published twice');
      const twice = book.publish(stricter, publishedAt);
      expect(() => twice.publish({ ...stricter, version: 'v3' }, publishedAt)).toThrow(
        new SlaPolicyError('Versions v2 and v3 overlap: both take effect on 2026-04-01'),
      );
    });
  });

  describe('validation', () => {
    const withLimits = (limits: Record<string, unknown>) => ({ versions: [{ ...aPolicy(), limits: { ...LIMITS_62_2018, ...limits } }] });

    it.each([
      ['no versions array', {}, 'The policy file must hold { "versions": [ ... ] }'],
      ['an empty book', { versions: [] }, 'At least one policy version is needed'],
      ['a version that is not an object', { versions: [null] }, 'Version #0: must be an object'],
      [
        'every field wrong',
        { versions: [{ version: 'v1', effectiveFrom: '2018-13-01', source: '', onRedisposition: 'reset', limits: {}, extra: 1 }] },
        'Version #0 (v1): effectiveFrom must be a date YYYY-MM-DD; source must name the regulation or decision; ' +
          'onRedisposition must be one of continue, restart; limits.verifyAndDispose is missing; limits.firstFollowUp is missing; ' +
          'limits.information is missing; limits.ordinary is missing; limits.supervisory is missing; limits.autoClose is missing; ' +
          'limits.clarificationWait is missing; limits.disputeWindow is missing; limits.reopenWindow is missing; ' +
          'limits.ombudsmanReferral is missing; limits.bounceEscalationThreshold is missing; unknown field extra',
      ],
      ['a zero limit', withLimits({ ordinary: { workingDays: 0 } }), 'Version #0 (test-v1): limits.ordinary.workingDays must be a positive integer, got 0'],
      ['a negative limit', withLimits({ supervisory: { workingDays: -60 } }), 'Version #0 (test-v1): limits.supervisory.workingDays must be a positive integer, got -60'],
      ['a fractional limit', withLimits({ autoClose: { workingDays: 2.5 } }), 'Version #0 (test-v1): limits.autoClose.workingDays must be a positive integer, got 2.5'],
      ['an unknown unit', withLimits({ reopenWindow: { weeks: 4 } }), 'Version #0 (test-v1): limits.reopenWindow must be { "workingDays": n } or { "calendarDays": n }'],
      ['a bare number of days', withLimits({ information: 5 }), 'Version #0 (test-v1): limits.information must be { "workingDays": n } or { "calendarDays": n }'],
      ['a zero threshold', withLimits({ bounceEscalationThreshold: 0 }), 'Version #0 (test-v1): limits.bounceEscalationThreshold must be a positive integer, got 0'],
      ['an unknown limit', withLimits({ escalateAfter: 3 }), 'Version #0 (test-v1): limits.escalateAfter is not a known limit'],
      ['an empty source label', { versions: [{ ...aPolicy(), sources: { ordinary: '' } }] }, 'Version #0 (test-v1): sources.ordinary must be a non-empty string'],
      [
        'two versions on one date',
        { versions: [aPolicy({ version: 'a', effectiveFrom: '2025-05-01' }), aPolicy({ version: 'b', effectiveFrom: '2025-05-01' })] },
        'Versions a and b overlap: both take effect on 2025-05-01',
      ],
      ['a version name twice', { versions: [aPolicy({ version: 'a' }), aPolicy({ version: 'a', effectiveFrom: '2025-05-01' })] }, 'Version a is published twice'],
    ])('rejects %s', (_label, content, message) => {
      expect(() => parsePolicyBook(content)).toThrow(new SlaPolicyError(message));
    });

    it('loads a deployment file, and names one it cannot read', () => {
      const file = join(mkdtempSync(join(tmpdir(), 'sla-')), 'policies.json');
      writeFileSync(file, JSON.stringify({ versions: [aPolicy({ version: 'pemda-x-2024', effectiveFrom: '2024-01-01' })] }));
      expect(loadPolicyBook(file).inForce('2026-01-05T09:00:00+08:00').version).toBe('pemda-x-2024');
      expect(() => loadPolicyBook('/nonexistent/policies.json')).toThrow(/Cannot read policy file \/nonexistent\/policies.json/);
    });
  });
});
