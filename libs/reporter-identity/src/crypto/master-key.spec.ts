import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MASTER_KEY_FILE, MasterKeyError, resolveMasterKey } from './master-key';

describe('resolveMasterKey', () => {
  const freshDir = () => mkdtempSync(join(tmpdir(), 'master-key-'));

  it('uses the configured key and writes no file', () => {
    const dataDir = freshDir();
    const key = resolveMasterKey({ configured: 'ab'.repeat(32), dataDir });
    expect(key.equals(Buffer.alloc(32, 0xab))).toBe(true);
    expect(existsSync(join(dataDir, MASTER_KEY_FILE))).toBe(false);
  });

  it('creates an owner-only key file on first use and reuses it later', () => {
    const dataDir = freshDir();
    const first = resolveMasterKey({ configured: undefined, dataDir });
    const file = join(dataDir, MASTER_KEY_FILE);
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([MASTER_KEY_FILE]);
    expect(resolveMasterKey({ configured: undefined, dataDir }).equals(first)).toBe(true);
  });

  it('refuses a malformed key file rather than replacing it', () => {
    const dataDir = freshDir();
    const file = join(dataDir, MASTER_KEY_FILE);
    writeFileSync(file, 'not a key\n', { mode: 0o600 });
    expect(() => resolveMasterKey({ configured: undefined, dataDir })).toThrow(MasterKeyError);
    expect(() => resolveMasterKey({ configured: undefined, dataDir })).toThrow(`${file} is not a valid identity master key`);
  });
});
