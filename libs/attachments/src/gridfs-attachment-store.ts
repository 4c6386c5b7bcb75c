import { GridFSBucket, type Db, MongoClient } from 'mongodb';
import { type AttachmentStore, isAttachmentKey, sha256Of } from './attachment-store';

export const ATTACHMENTS_BUCKET = 'attachments';

/**
 * Attachments in MongoDB GridFS (bucket `attachments`), one file per content named by its key. An
 * upload is visible only once all its chunks and then its files document are written, so a crash
 * leaves orphan chunks at worst; the same content is stored once.
 */
export class GridFsAttachmentStore implements AttachmentStore {
  private readonly bucket: GridFSBucket;

  private constructor(
    db: Db,
    private readonly client: MongoClient | null,
  ) {
    this.bucket = new GridFSBucket(db, { bucketName: ATTACHMENTS_BUCKET });
  }

  /** A store on a database of a client the caller owns and closes. */
  static on(db: Db): GridFsAttachmentStore {
    return new GridFsAttachmentStore(db, null);
  }

  static async connect(uri: string, options: { databaseName?: string; serverSelectionTimeoutMs?: number } = {}): Promise<GridFsAttachmentStore> {
    const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: options.serverSelectionTimeoutMs });
    return new GridFsAttachmentStore(client.db(options.databaseName), client);
  }

  async put(bytes: Buffer): Promise<string> {
    const key = sha256Of(bytes);
    if (await this.bucket.find({ filename: key }, { limit: 1 }).hasNext()) return key;
    await new Promise<void>((resolve, reject) => {
      const upload = this.bucket.openUploadStream(key, { metadata: { size: bytes.length } });
      upload.once('error', reject).once('finish', () => resolve());
      upload.end(bytes);
    });
    return key;
  }

  async get(sha256: string): Promise<Buffer | null> {
    if (!isAttachmentKey(sha256)) return null;
    const [file] = await this.bucket.find({ filename: sha256 }, { sort: { uploadDate: 1 }, limit: 1 }).toArray();
    if (!file) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket.openDownloadStream(file._id)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async delete(sha256: string): Promise<void> {
    if (!isAttachmentKey(sha256)) return;
    // Two uploads of the same content racing may both have stored it: every copy goes.
    for (const file of await this.bucket.find({ filename: sha256 }).toArray()) {
      await this.bucket.delete(file._id).catch((error: Error) => {
        if (!/FileNotFound|not found/i.test(error.message)) throw error;
      });
    }
  }

  async close(): Promise<void> {
    await this.client?.close();
  }
}
