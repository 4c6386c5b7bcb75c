import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: null } })).toBe('{"a":{"c":null,"d":[3,1]},"b":1}');
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ x: 'a', y: true })).toBe(canonicalJson({ y: true, x: 'a' }));
  });

  it('sorts keys by UTF-16 code units and escapes strings as JSON.stringify does (RFC 8785)', () => {
    expect(canonicalJson({ é: 1, z: 2, A: 3 })).toBe('{"A":3,"z":2,"é":1}');
    expect(canonicalJson('baris\n"kutip"')).toBe('"baris\\n\\"kutip\\""');
  });

  it('writes a value with toJSON as JSON.stringify does, so it hashes as it is stored', () => {
    expect(canonicalJson({ at: new Date('2026-12-05T01:02:03.000Z') })).toBe('{"at":"2026-12-05T01:02:03.000Z"}');
  });

  it('leaves out fields set to undefined, as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(TypeError);
  });
});
