import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OrganisationTree } from '@lacak/domain';
import type { EventStore } from '@lacak/event-store';
import type { ReadStore } from '@lacak/read-store';
import { createLaporDeliveryRoutes } from './lapor-sync';
import { LaporSettingsError, checkFitsDeliveryTimeout, loadLaporSettings, parseLaporSettings, pushingAgency } from './lapor-settings';

const agency = {
  baseUrl: 'https://latihan-api.lapor.go.id/integration/api/v3/',
  secret: 'very-secret-value',
  token: '{0E4B2C59-1A7D-4B53-9F4C-2D9A6E1B7C30}',
  pushComplaints: true,
  institutionId: 151345,
};

describe('LAPOR! settings', () => {
  it('reads an agency with the defaults the one public v3 client used', () => {
    const settings = parseLaporSettings({ agencies: { 'id-32': agency } });
    expect(settings.agencies.get('id-32')).toMatchObject({
      baseUrl: 'https://latihan-api.lapor.go.id/integration/api/v3',
      authHeader: 'auth',
      institutionId: '151345',
      channel: 13,
      userId: null,
      followUpTemplateCode: 'reply',
    });
    expect(settings.institutions.get('id-32')).toBe('151345');
    expect(settings.poll).toEqual({ minIntervalMs: 10_800_000, maxIntervalMs: 86_400_000 });
    expect(settings.followUpTemplate).toContain('{{trackingId}}');
  });

  it.each([
    ['a token that is no GUID in braces', { ...agency, token: 'abc' }, 'agencies.id-32.token must be a GUID in braces'],
    ['a missing secret', { ...agency, secret: undefined }, 'agencies.id-32.secret must be a non-empty string'],
    ['a push choice that is no boolean', { ...agency, pushComplaints: 'yes' }, 'agencies.id-32.pushComplaints must be true or false'],
    ['a base URL that is no URL', { ...agency, baseUrl: 'latihan-api' }, 'agencies.id-32.baseUrl must be an http(s) URL'],
  ])('refuses %s, naming the field and never a value', (_, value, message) => {
    const refused = (() => {
      try {
        parseLaporSettings({ agencies: { 'id-32': value } });
      } catch (error) {
        return error as Error;
      }
      throw new Error('accepted');
    })();
    expect(refused).toBeInstanceOf(LaporSettingsError);
    expect(refused.message).toContain(message);
    expect(refused.message).not.toContain('very-secret-value');
  });

  it('means no sync without a file, and reads the operator’s follow-up text from theirs', () => {
    expect(loadLaporSettings(undefined)).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'lacak-lapor-settings-'));
    try {
      writeFileSync(join(dir, 'follow-up.txt'), 'Tindak lanjut {{trackingId}} tersedia.\n');
      writeFileSync(join(dir, 'lapor.json'), JSON.stringify({ agencies: { 'id-32': agency }, followUpTemplateFile: join(dir, 'follow-up.txt') }));
      expect(loadLaporSettings(join(dir, 'lapor.json'))?.followUpTemplate).toBe('Tindak lanjut {{trackingId}} tersedia.');
      writeFileSync(join(dir, 'broken.json'), '{');
      expect(() => loadLaporSettings(join(dir, 'broken.json'))).toThrow(LaporSettingsError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start when a create and its forward could outlast one delivery attempt', () => {
    const settings = parseLaporSettings({ agencies: { 'id-32': agency }, requestTimeoutMs: 4_000 });
    expect(() => checkFitsDeliveryTimeout(settings, 10_000)).not.toThrow();
    expect(() => checkFitsDeliveryTimeout(settings, 9_000)).toThrow(LaporSettingsError);
    expect(() => checkFitsDeliveryTimeout(settings, 8_000)).toThrow('requestTimeoutMs 4000 does not fit DELIVERY_TIMEOUT_MS 8000');
    const dir = mkdtempSync(join(tmpdir(), 'lacak-lapor-settings-'));
    try {
      writeFileSync(join(dir, 'lapor.json'), JSON.stringify({ agencies: { 'id-32': agency }, requestTimeoutMs: 4_000 }));
      const context = { agenciesFile: join(dir, 'lapor.json'), eventStore: {} as EventStore, readStore: { collection: () => ({}) } as unknown as ReadStore, tree: {} as OrganisationTree, now: () => new Date() };
      expect(() => createLaporDeliveryRoutes({ ...context, deliveryTimeoutMs: 8_000 })).toThrow(LaporSettingsError);
      expect(createLaporDeliveryRoutes({ ...context, deliveryTimeoutMs: 10_000 }).channels).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets the nearest configured node on the path decide whether a complaint is pushed', () => {
    const settings = parseLaporSettings({ agencies: { 'id-32': agency, 'id-32.01': { ...agency, pushComplaints: false } } });
    expect(pushingAgency(settings, ['national', 'id-32', 'id-32.73', 'id-32.73-dinkes'])?.agencyId).toBe('id-32');
    expect(pushingAgency(settings, ['national', 'id-32', 'id-32.01', 'id-32.01-dinkes'])).toBeNull();
    expect(pushingAgency(settings, ['national', 'id-33'])).toBeNull();
  });
});
