import { type Db, MongoClient } from 'mongodb';
import type { CollectionWrites, Document, ReadStore } from '../read-store.port';
import { writeBatch } from './mongo-batch';
import { MongoCollection } from './mongo-collection';
import { DEFAULT_DATABASE, databaseFromUri, supportsTransactions } from './mongo-deployment';

export interface MongoReadStoreOptions {
  /** Overrides the database named in the URI path; without either, `lacak`. */
  databaseName?: string;
  /**
   * How long every operation waits for a usable server, for the life of the client; the driver's
   * default is 30000. Only tests set it: a process bounds its start with `checkServerAnswers` instead.
   */
  serverSelectionTimeoutMs?: number;
}

/**
 * The read store on MongoDB through the official driver. `write` is one transaction on a
 * replica set or sharded cluster; on a standalone server it writes collection by collection in
 * the given order (see `writeBatch`).
 */
export class MongoReadStore implements ReadStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    readonly atomicWrites: boolean,
  ) {}

  static async connect(uri: string, options: MongoReadStoreOptions = {}): Promise<MongoReadStore> {
    const timeout = options.serverSelectionTimeoutMs;
    const client = new MongoClient(uri, timeout === undefined ? {} : { serverSelectionTimeoutMS: timeout });
    try {
      await client.connect();
      const db = client.db(options.databaseName ?? databaseFromUri(uri) ?? DEFAULT_DATABASE);
      const hello = await db.command({ hello: 1 });
      return new MongoReadStore(client, db, supportsTransactions(hello));
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  collection<T extends Document = Document>(name: string): MongoCollection<T> {
    return new MongoCollection<T>(this.db.collection<Document>(name));
  }

  write(batch: CollectionWrites[]): Promise<void> {
    return writeBatch({ client: this.client, db: this.db }, batch, this.atomicWrites);
  }

  /** The server's clock from its `hello` reply; the round trip makes it at most that much early. */
  async serverTime(): Promise<number> {
    const { localTime } = await this.db.command({ hello: 1 });
    return (localTime as Date).getTime();
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
