import { generateKeyPairSync } from 'node:crypto';
import { signTreeHead, verifyTreeHead } from './tree-head';

describe('signed tree heads', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const head = signTreeHead({ size: 42, rootHash: 'ab'.repeat(32), signedAt: '2026-12-05T02:00:00.000Z' }, privateKey);

  it('verify with the public key, in PEM too', () => {
    expect(verifyTreeHead(head, publicKey)).toBe(true);
    expect(verifyTreeHead(head, publicKey.export({ type: 'spki', format: 'pem' }).toString())).toBe(true);
  });

  it('fail when the size, the root or the time was changed', () => {
    expect(verifyTreeHead({ ...head, size: 41 }, publicKey)).toBe(false);
    expect(verifyTreeHead({ ...head, rootHash: 'cd'.repeat(32) }, publicKey)).toBe(false);
    expect(verifyTreeHead({ ...head, signedAt: '2026-12-05T02:00:01.000Z' }, publicKey)).toBe(false);
  });

  it('fail with another key', () => {
    expect(verifyTreeHead(head, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });
});
