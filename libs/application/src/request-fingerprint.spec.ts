import { randomBytes } from 'node:crypto';
import { RequestFingerprints, canonicalJson } from './request-fingerprint';

describe('canonicalJson', () => {
  it('writes the same text whatever the member order, leaving undefined members out', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined, e: null } })).toBe('{"a":{"d":[1,"x"],"e":null},"b":1}');
    expect(canonicalJson({ a: { e: null, d: [1, 'x'] }, b: 1 })).toBe(canonicalJson({ b: 1, a: { d: [1, 'x'], e: null } }));
  });
});

describe('RequestFingerprints', () => {
  const key = randomBytes(32);

  it('gives equal requests one fingerprint and different requests different ones', () => {
    const fingerprints = new RequestFingerprints(key);
    expect(fingerprints.of({ title: 'A', reporter: { name: 'Siti' } })).toBe(fingerprints.of({ reporter: { name: 'Siti' }, title: 'A' }));
    expect(fingerprints.of({ title: 'A' })).not.toBe(fingerprints.of({ title: 'B' }));
  });

  it('depends on the server key, so a fingerprint cannot be recomputed from guessed contents', () => {
    const request = { reporter: { idNumber: '3201012345670001' } };
    expect(new RequestFingerprints(key).of(request)).not.toBe(new RequestFingerprints(randomBytes(32)).of(request));
  });
});
