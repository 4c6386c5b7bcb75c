import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type AttachmentStore, isAttachmentKey, sha256Of } from './attachment-store';

/**
 * The embedded default: one file per content under `<dir>/ab/abcdef…`. A file is written to a
 * temporary name, flushed, then renamed into place and its directory flushed, so a crash leaves at
 * worst an orphan temporary file, never a key whose file is half written.
 */
export class FileAttachmentStore implements AttachmentStore {
  constructor(private readonly dir: string) {}

  async put(bytes: Buffer): Promise<string> {
    const key = sha256Of(bytes);
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomUUID()}.tmp`;
    const file = await open(temporary, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncDirectory(dirname(path));
    return key;
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!isAttachmentKey(sha256)) return null;
    try {
      return await readFile(this.pathOf(sha256));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    if (!isAttachmentKey(sha256)) return;
    await rm(this.pathOf(sha256), { force: true });
    await syncDirectory(dirname(this.pathOf(sha256))).catch(() => undefined);
  }

  async close(): Promise<void> {}

  private pathOf(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }
}

/** A rename is durable once its directory is flushed. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
