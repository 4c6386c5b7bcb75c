import { randomBytes } from 'node:crypto';
import { MasterKeyError } from '../crypto/master-key';
import { IdentityUnreadableError, type ReporterIdentityStore } from '../reporter-identity.port';

/**
 * One adapter's storage for a test: the store over it, and what a test does behind the store's
 * back (a copy of the stored bytes, an attacker or a crash changing them).
 */
export interface IdentityStoreFixture {
  /** Opens the store over this storage; a rejected promise when the master key is refused. */
  open(masterKey: Buffer): Promise<ReporterIdentityStore>;
  /** The reporter's key as stored (wrapped by the master key), or null when there is none. */
  storedKey(reporterRef: string): Promise<Buffer | null>;
  deleteKey(reporterRef: string): Promise<void>;
  /** Overwrites `to`'s ciphertext (and IV and tag) with `from`'s. */
  copySealedIdentity(from: string, to: string): Promise<void>;
  copyKey(from: string, to: string): Promise<void>;
  /** Removes what lets the store tell a wrong master key at start. */
  forgetMasterKeyCheck(): Promise<void>;
  /** Closes whatever the fixture opened and removes its storage. */
  cleanup(): Promise<void>;
}

/** What every reporter-identity adapter guarantees (see the port). */
export function reporterIdentityStoreContract(adapter: string, freshStorage: () => Promise<IdentityStoreFixture>): void {
  describe(`ReporterIdentityStore contract: ${adapter}`, () => {
    let fixture: IdentityStoreFixture;
    let store: ReporterIdentityStore;
    const masterKey = randomBytes(32);
    const opened: ReporterIdentityStore[] = [];
    const open = async (key = masterKey) => {
      const next = await fixture.open(key);
      opened.push(next);
      return next;
    };

    beforeEach(async () => {
      fixture = await freshStorage();
      store = await open();
    });

    afterEach(async () => {
      for (const each of opened.splice(0)) await each.close().catch(() => undefined);
      await fixture.cleanup();
    });

    it('saves, survives a reopen, and replaces the identity on a repeat save under the same key', async () => {
      await store.save('ref-1', { name: 'Siti', email: 'siti@example.id' });
      await store.close();

      const reopened = await open();
      expect(await reopened.find('ref-1')).toEqual({ name: 'Siti', email: 'siti@example.id' });
      const keyBefore = await fixture.storedKey('ref-1');
      await reopened.save('ref-1', { name: 'Siti Rahayu' });
      expect(await reopened.find('ref-1')).toEqual({ name: 'Siti Rahayu' });
      expect(await reopened.status('ref-1')).toBe('present');
      expect(keyBefore).not.toBeNull();
      expect(await fixture.storedKey('ref-1')).toEqual(keyBefore);
    });

    it('refuses a ciphertext moved to another reporter, with or without its key', async () => {
      await store.save('ref-a', { name: 'Agus' });
      await store.save('ref-b', { name: 'Budi' });
      await fixture.copySealedIdentity('ref-a', 'ref-b');
      await expect(store.find('ref-b')).rejects.toThrow(IdentityUnreadableError);
      await fixture.copyKey('ref-a', 'ref-b');
      await expect(store.find('ref-b')).rejects.toThrow(IdentityUnreadableError);
      expect(await store.find('ref-a')).toEqual({ name: 'Agus' });
    });

    it('erases by deleting the wrapped key, leaving a tombstone and the other reporters', async () => {
      await store.save('ref-1', { name: 'Citra' });
      await store.save('ref-2', { name: 'Dewi' });
      await store.erase('ref-1');
      expect(await fixture.storedKey('ref-1')).toBeNull();
      expect(await store.find('ref-1')).toBeNull();
      expect(await store.status('ref-1')).toBe('erased');
      expect(await store.find('ref-2')).toEqual({ name: 'Dewi' });

      await store.erase('ref-1');
      await store.close();
      const reopened = await open();
      expect(await reopened.status('ref-1')).toBe('erased');
    });

    it('tells unknown from erased, and stores afresh after an erase', async () => {
      expect(await store.status('ref-1')).toBe('unknown');
      await store.erase('ref-1');
      expect(await store.status('ref-1')).toBe('unknown');
      expect(await store.find('ref-1')).toBeNull();

      await store.save('ref-1', { name: 'Eka' });
      await store.erase('ref-1');
      await store.save('ref-1', { name: 'Eka Putri' });
      expect(await store.find('ref-1')).toEqual({ name: 'Eka Putri' });
      expect(await store.status('ref-1')).toBe('present');
    });

    it('counts an identity whose key is gone as erased (an erase cut short between its two steps)', async () => {
      await store.save('ref-1', { name: 'Fajar' });
      await fixture.deleteKey('ref-1');
      expect(await store.status('ref-1')).toBe('erased');
      expect(await store.find('ref-1')).toBeNull();
    });

    it('refuses to open with a wrong master key, and never returns garbage under one', async () => {
      await store.save('ref-1', { name: 'Gita' });
      await store.close();
      const wrongKey = randomBytes(32);
      await expect(open(wrongKey)).rejects.toThrow(MasterKeyError);

      // Even past the start-up check, each reporter's key refuses to unwrap.
      await fixture.forgetMasterKeyCheck();
      const wrong = await open(wrongKey);
      await expect(wrong.find('ref-1')).rejects.toThrow(IdentityUnreadableError);
    });

    it('keeps a pending identity readable, lists it once it is older than asked, and forgets it when confirmed', async () => {
      await store.savePending('ref-1', { name: 'Hana' }, { complaintId: 'complaint-1', since: '2026-01-05T10:00:00.000Z' });
      await store.savePending('ref-2', { name: 'Indra' }, { complaintId: 'complaint-2', since: '2026-01-05T10:05:00.000Z' });
      await store.save('ref-3', { name: 'Joko' });
      expect(await store.find('ref-1')).toEqual({ name: 'Hana' });
      expect(await store.status('ref-1')).toBe('present');

      expect(await store.pendingBefore('2026-01-05T10:00:00.000Z')).toEqual([]);
      expect(await store.pendingBefore('2026-01-05T10:06:00.000Z')).toEqual([
        { reporterRef: 'ref-1', complaintId: 'complaint-1', since: '2026-01-05T10:00:00.000Z' },
        { reporterRef: 'ref-2', complaintId: 'complaint-2', since: '2026-01-05T10:05:00.000Z' },
      ]);

      await store.confirm('ref-1');
      await store.confirm('ref-1');
      await store.confirm('ref-unknown');
      await store.close();
      const reopened = await open();
      expect(await reopened.pendingBefore('2026-01-06T00:00:00.000Z')).toEqual([expect.objectContaining({ reporterRef: 'ref-2' })]);
      expect(await reopened.find('ref-1')).toEqual({ name: 'Hana' });
    });

    it('erases a pending identity like any other, after which it is no longer pending', async () => {
      await store.savePending('ref-1', { name: 'Kartika' }, { complaintId: 'complaint-1', since: '2026-01-05T10:00:00.000Z' });
      await store.erase('ref-1');
      expect(await store.pendingBefore('2026-01-06T00:00:00.000Z')).toEqual([]);
      expect(await store.status('ref-1')).toBe('erased');
      expect(await fixture.storedKey('ref-1')).toBeNull();
    });

    it('marks a confirmed identity pending again when it is saved pending again (a repeated submission)', async () => {
      await store.save('ref-1', { name: 'Lina' });
      const key = await fixture.storedKey('ref-1');
      await store.savePending('ref-1', { name: 'Lina' }, { complaintId: 'complaint-1', since: '2026-01-05T10:00:00.000Z' });
      expect(await store.pendingBefore('2026-01-06T00:00:00.000Z')).toEqual([expect.objectContaining({ reporterRef: 'ref-1' })]);
      expect(await fixture.storedKey('ref-1')).toEqual(key);
      await store.save('ref-1', { name: 'Lina' });
      expect(await store.pendingBefore('2026-01-06T00:00:00.000Z')).toEqual([]);
    });
  });
}
