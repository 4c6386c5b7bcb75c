import { type AttachmentStore, sha256Of } from '../attachment-store';

/** What every attachment store does, whichever backend keeps the files. */
export function attachmentStoreContract(open: () => Promise<AttachmentStore>): void {
  let store: AttachmentStore;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(() => store.close());

  it('stores bytes under their SHA-256 and gives them back', async () => {
    const bytes = Buffer.from('%PDF-1.7 bukti pembayaran');
    const key = await store.put(bytes);
    expect(key).toBe(sha256Of(bytes));
    expect(await store.get(key)).toEqual(bytes);
  });

  it('stores the same content once: a second put answers the same key', async () => {
    const bytes = Buffer.from('foto jalan berlubang');
    expect(await store.put(bytes)).toBe(await store.put(Buffer.from(bytes)));
    expect(await store.get(sha256Of(bytes))).toEqual(bytes);
  });

  it('answers null for a key never stored, and for a key that is not a hash', async () => {
    expect(await store.get(sha256Of(Buffer.from('tidak pernah disimpan')))).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
  });

  it('deletes: the bytes are gone, and deleting again is no error', async () => {
    const key = await store.put(Buffer.from('KTP pelapor'));
    await store.delete(key);
    expect(await store.get(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();
  });

  it('keeps large files whole', async () => {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 0xab);
    const key = await store.put(bytes);
    expect((await store.get(key))?.equals(bytes)).toBe(true);
  });
}
