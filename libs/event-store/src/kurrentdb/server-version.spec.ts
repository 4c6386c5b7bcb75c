import { assertSupportedServerVersion, UnsupportedServerVersionError } from './server-version';

describe('KurrentDB server version rule', () => {
  it.each(['23.10.0.0', '23.10.2', '24.10.5.0', '25.0.1.1844', '26.0.0-rc.1'])('accepts %s, which sends caughtUp', (version) => {
    expect(() => assertSupportedServerVersion(version)).not.toThrow();
  });

  it.each(['23.6.0.0', '22.10.3.0', '21.10.0.0', '5.0.11.0', 'unknown', ''])('refuses %s, which never sends caughtUp', (version) => {
    expect(() => assertSupportedServerVersion(version)).toThrow(UnsupportedServerVersionError);
    expect(() => assertSupportedServerVersion(version)).toThrow(`KurrentDB server version ${version} is not supported: Lacak needs 23.10 or later`);
  });
});
