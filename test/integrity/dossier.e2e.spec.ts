import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DOSSIER_EXPORTS_STREAM, TREE_HEADS_STREAM, VerifyEventLog } from '@lacak/application';
import { readStreamOrEmpty } from '@lacak/event-store';
import { verifyConsistency } from '@lacak/integrity';
import { eventually } from '@lacak/testing';
import { complaintAt, type Fixture } from '../support/complaint-stages';
import { TestApp } from '../support/test-app';

const VERIFIER = join(__dirname, '..', '..', 'tools', 'verify-dossier.mjs');

/** The offline verifier as an auditor runs it: plain Node, the dossier file, optionally the published key. */
async function verifyOffline(dossier: unknown, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'lacak-dossier-'));
  try {
    const file = join(dir, 'dossier.json');
    writeFileSync(file, typeof dossier === 'string' ? dossier : JSON.stringify(dossier, null, 2));
    // A PEM argument stands for the key file an auditor saved from GET /audit/public-key.
    const keyArgs = args.map((arg) => {
      if (!arg.startsWith('-----BEGIN')) return arg;
      writeFileSync(join(dir, 'key.pem'), arg);
      return join(dir, 'key.pem');
    });
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [VERIFIER, file, ...keyArgs]);
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The text an uncompressed PDF shows: pdfkit writes each line as TJ arrays of hex strings (WinAnsi
 * codes of the standard fonts), kerning numbers between them.
 */
function textOfPdf(pdf: string): string {
  return [...pdf.matchAll(/\[([^\]]*)\] TJ/g)]
    .map(([, array]) => [...array.matchAll(/<([0-9a-f]*)>/gi)].map(([, hex]) => Buffer.from(hex, 'hex').toString('latin1')).join(''))
    .join('\n');
}

describe('a complaint dossier', () => {
  let t: TestApp;
  let fixture: Fixture;
  let dossier: any;

  beforeAll(async () => {
    t = await TestApp.start();
    fixture = await complaintAt(t, 'CLOSED');
    const response = await t.request('GET', `/complaints/${fixture.id}/dossier`, { token: await t.token('auditor', fixture.holder, 'auditor-bpk') });
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="dossier-${fixture.id}.json"`);
    dossier = response.body;
  });
  afterAll(() => t.stop());

  it('holds every event of the complaint, from the event store, each with its proof against a signed head', async () => {
    const stream = await readStreamOrEmpty(t.eventStore, `complaint-${fixture.id}`);
    expect(dossier.events.map((e: { id: string }) => e.id)).toEqual(stream.map((e) => e.id));
    expect(dossier.treeHead.size).toBeGreaterThan(Math.max(...dossier.events.map((e: { leafIndex: number }) => e.leafIndex)));
    // The head was signed for this export and stands in the log.
    const heads = await readStreamOrEmpty(t.eventStore, TREE_HEADS_STREAM);
    expect(heads.map((h) => h.data.signature)).toContain(dossier.treeHead.signature);
  });

  it('gives the events naming the reporter’s account by their hashes only', () => {
    const submitted = dossier.events[0];
    expect(submitted).toEqual(expect.objectContaining({ withheld: 'names the reporter’s account', contentHash: expect.any(String), chainHash: expect.any(String) }));
    expect(submitted.data).toBeUndefined();
    expect(JSON.stringify(dossier)).not.toContain('reporter-owner');
  });

  it('verifies offline with the standalone verifier, with the published key too', async () => {
    const outcome = await verifyOffline(dossier);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain(`Proved: complaint ${fixture.id}, ${dossier.events.length} events`);
    expect(outcome.stdout).toContain('2 of them are given by their hashes only');

    const key = (await t.request('GET', '/audit/public-key')).body;
    expect(key).toEqual({ algorithm: 'Ed25519', publicKey: dossier.publicKey.publicKey, keyId: dossier.publicKey.keyId });
    expect((await verifyOffline(dossier, '--key', key.publicKey)).code).toBe(0);
  });

  it('fails with one byte changed, naming the event', async () => {
    const text = JSON.stringify(dossier, null, 2);
    const target = dossier.events[2];
    const needle = `"id": "${target.id}"`;
    const at = text.indexOf('"type"', text.indexOf(needle));
    // One letter of the event's type, changed in the file as an editor would.
    const forged = `${text.slice(0, at + 9)}${text[at + 9] === 'X' ? 'Y' : 'X'}${text.slice(at + 10)}`;
    const outcome = await verifyOffline(forged);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`NOT PROVED: event ${target.id}`);
  });

  it('fails when an event is left out, or the head is not the notary’s', async () => {
    const withoutOne = { ...dossier, events: dossier.events.filter((_: unknown, i: number) => i !== 1) };
    expect((await verifyOffline(withoutOne)).stderr).toContain('expected revision 1');

    const otherKey = (await import('node:crypto')).generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const outcome = await verifyOffline(dossier, '--key', otherKey);
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('does not carry a valid signature');
  });

  it('renders for reading in Bahasa Indonesia, and records that export too', async () => {
    const token = await t.token('apip_inspector', fixture.holder, 'inspektorat-1');
    const response = await t.request('GET', `/complaints/${fixture.id}/dossier`, { token, headers: { accept: 'application/pdf' } });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="dossier-${fixture.id}.pdf"`);
    const pdf = String(response.body);
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const text = textOfPdf(pdf);
    for (const label of ['Berkas Audit Pengaduan', 'Riwayat peristiwa', 'Isi disembunyikan', 'Cara memeriksa']) expect(text).toContain(label);
    expect(text).not.toContain('reporter-owner');
    const exports = await readStreamOrEmpty(t.eventStore, DOSSIER_EXPORTS_STREAM);
    expect(exports.at(-1)?.metadata.actor.id).toBe('inspektorat-1');
  });

  it('records every export: who took which complaint’s record against which head', async () => {
    const exports = await readStreamOrEmpty(t.eventStore, DOSSIER_EXPORTS_STREAM);
    expect(exports[0]).toEqual(
      expect.objectContaining({
        type: 'DossierExported',
        data: { complaintId: fixture.id, treeSize: dossier.treeHead.size, rootHash: dossier.treeHead.rootHash },
        metadata: expect.objectContaining({ actor: { id: 'auditor-bpk', role: 'auditor', agencyId: fixture.holder } }),
      }),
    );
  });

  it('proves to the holder of its head that the log was only appended to since', async () => {
    // The log grows, and a later head is signed once the tree has the new events.
    await complaintAt(t, 'DISPOSED');
    const admin = await t.token('national_admin', 'national');
    const grown = await eventually(
      async () => (await t.request('POST', '/audit/tree-heads', { token: admin })).body,
      (head: { size: number }) => head.size > dossier.treeHead.size + 5,
    );
    const answer = await t.request('GET', `/audit/consistency?from=${dossier.treeHead.size}`, { token: await t.token('auditor', fixture.holder) });
    expect(answer.status).toBe(200);
    const { treeHead, proof } = answer.body;
    expect(treeHead.size).toBe(grown.size);
    const hashes = proof.map((hash: string) => Buffer.from(hash, 'hex'));
    const root = (hex: string) => Buffer.from(hex, 'hex');
    expect(verifyConsistency(dossier.treeHead.size, treeHead.size, hashes, root(dossier.treeHead.rootHash), root(treeHead.rootHash))).toBe(true);
    expect(verifyConsistency(dossier.treeHead.size, treeHead.size, hashes, root(`${dossier.treeHead.rootHash[0] === '0' ? '1' : '0'}${dossier.treeHead.rootHash.slice(1)}`), root(treeHead.rootHash))).toBe(false);
  });

  it('refuses a consistency request without a size, or for a head larger than the log', async () => {
    const token = await t.token('national_admin', 'national');
    expect((await t.request('GET', '/audit/consistency', { token })).body.code).toBe('VALIDATION_FAILED');
    expect((await t.request('GET', '/audit/consistency?from=0', { token })).status).toBe(400);
    const beyond = await t.request('GET', '/audit/consistency?from=99999999', { token });
    expect(beyond.status).toBe(422);
    expect(beyond.body.detail).toContain('not a head of this log');
  });

  it('holds the whole log to its signed heads: npm run verify passes it', async () => {
    const verification = await t.app.get(VerifyEventLog).run();
    expect(verification.faults).toEqual([]);
  });
});
