import { randomBytes } from 'node:crypto';
import { IdentityUnreadableError } from '../reporter-identity.port';
import { decryptIdentity, encryptIdentity, masterKeyCheck, matchesMasterKeyCheck, newDataKey, unwrapDataKey, wrapDataKey } from './envelope';

describe('envelope encryption', () => {
  const identity = { name: 'Siti Rahayu', phone: '+6281234567890' };

  it('decrypts what it encrypted, with a fresh IV every time', () => {
    const key = newDataKey();
    const first = encryptIdentity(identity, key, 'ref-1');
    const second = encryptIdentity(identity, key, 'ref-1');
    expect(first.iv).toHaveLength(12);
    expect(first.tag).toHaveLength(16);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(decryptIdentity(first, key, 'ref-1')).toEqual(identity);
  });

  it('refuses a ciphertext presented under another reporter, even with the right key', () => {
    const key = newDataKey();
    expect(() => decryptIdentity(encryptIdentity(identity, key, 'ref-1'), key, 'ref-2')).toThrow(IdentityUnreadableError);
  });

  it('refuses an altered ciphertext or tag', () => {
    const key = newDataKey();
    const sealed = encryptIdentity(identity, key, 'ref-1');
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] ^= 1;
    expect(() => decryptIdentity({ ...sealed, ciphertext: flipped }, key, 'ref-1')).toThrow(IdentityUnreadableError);
    expect(() => decryptIdentity({ ...sealed, tag: sealed.tag.subarray(0, 8) }, key, 'ref-1')).toThrow(IdentityUnreadableError);
  });

  it('wraps a data key so only the same master key and reporter unwrap it', () => {
    const master = randomBytes(32);
    const dataKey = newDataKey();
    const wrapped = wrapDataKey(dataKey, master, 'ref-1');
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(unwrapDataKey(wrapped, master, 'ref-1').equals(dataKey)).toBe(true);
    expect(() => unwrapDataKey(wrapped, randomBytes(32), 'ref-1')).toThrow(/does not open with this master key/);
    expect(() => unwrapDataKey(wrapped, master, 'ref-2')).toThrow(IdentityUnreadableError);
  });

  it('tells the right master key from a wrong one', () => {
    const master = randomBytes(32);
    const check = masterKeyCheck(master);
    expect(matchesMasterKeyCheck(check, master)).toBe(true);
    expect(matchesMasterKeyCheck(check, randomBytes(32))).toBe(false);
  });
});
