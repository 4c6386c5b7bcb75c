import { type Collection, MongoClient, MongoServerError } from 'mongodb';
import {
  assertKey,
  decryptIdentity,
  encryptIdentity,
  masterKeyCheck,
  matchesMasterKeyCheck,
  newDataKey,
  unwrapDataKey,
  wrapDataKey,
} from '../crypto/envelope';
import { MasterKeyError } from '../crypto/master-key';
import type { PendingFor, PendingIdentity, ReporterIdentity, ReporterIdentityStatus, ReporterIdentityStore } from '../reporter-identity.port';

export interface MongoReporterIdentityStoreOptions {
  /** Where the encrypted identities (and tombstones of erased ones) live. */
  databaseName: string;
  /** The reporters' keys, wrapped by the master key: another database, so it is backed up and kept apart. */
  keysDatabaseName?: string;
  /** 32 bytes. */
  masterKey: Buffer;
  /**
   * How long every operation waits for a usable server, for the life of the client; the driver's
   * default is 30000. Only tests set it: a process bounds its start with `checkServerAnswers` instead.
   */
  serverSelectionTimeoutMs?: number;
}

export const IDENTITIES_COLLECTION = 'reporter_identities';
export const KEYS_COLLECTION = 'reporter_keys';
export const MASTER_KEY_CHECK_COLLECTION = 'master_key_check';
export const keysDatabaseFor = (databaseName: string): string => `${databaseName}_reporter_keys`;

/** A null ciphertext is the tombstone of an erased identity. */
interface IdentityDocument {
  _id: string;
  ciphertext: Buffer | null;
  iv: Buffer | null;
  tag: Buffer | null;
  pending: PendingFor | null;
}

interface KeyDocument {
  _id: string;
  wrappedKey: Buffer;
}

interface MasterKeyCheckDocument {
  _id: 'master-key';
  sealed: Buffer;
}

const DUPLICATE_KEY = 11000;
const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === DUPLICATE_KEY;

/**
 * The identity store on MongoDB, sealed exactly as the embedded one: each identity under its own
 * data key, the data key wrapped by the master key and kept in another database. Erasing deletes
 * the wrapped key (crypto-shredding) and leaves a tombstone for `status`. Writes wait for a
 * majority of the replica set and its journal, so a saved identity survives a failover.
 */
export class MongoReporterIdentityStore implements ReporterIdentityStore {
  private constructor(
    private readonly client: MongoClient,
    private readonly identities: Collection<IdentityDocument>,
    private readonly keys: Collection<KeyDocument>,
    private readonly masterKey: Buffer,
  ) {}

  static async connect(uri: string, options: MongoReporterIdentityStoreOptions): Promise<MongoReporterIdentityStore> {
    assertKey(options.masterKey, 'The identity master key');
    const timeout = options.serverSelectionTimeoutMs;
    const client = new MongoClient(uri, {
      // Binary fields come back as Buffers, as the envelope functions take them.
      promoteBuffers: true,
      writeConcern: { w: 'majority', journal: true },
      readConcern: { level: 'majority' },
      ...(timeout === undefined ? {} : { serverSelectionTimeoutMS: timeout }),
    });
    try {
      await client.connect();
      const keysDatabase = client.db(options.keysDatabaseName ?? keysDatabaseFor(options.databaseName));
      const identities = client.db(options.databaseName).collection<IdentityDocument>(IDENTITIES_COLLECTION);
      await identities.createIndex({ 'pending.since': 1 }, { name: 'pending_since', partialFilterExpression: { 'pending.since': { $exists: true } } });
      const checks = keysDatabase.collection<MasterKeyCheckDocument>(MASTER_KEY_CHECK_COLLECTION);
      await checks.insertOne({ _id: 'master-key', sealed: masterKeyCheck(options.masterKey) }).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
      const check = await checks.findOne({ _id: 'master-key' });
      if (check && !matchesMasterKeyCheck(check.sealed, options.masterKey)) {
        throw new MasterKeyError(
          `The identity master key is not the one the reporter keys in MongoDB database ${keysDatabase.databaseName} were wrapped with; restore the original key`,
        );
      }
      return new MongoReporterIdentityStore(client, identities, keysDatabase.collection<KeyDocument>(KEYS_COLLECTION), options.masterKey);
    } catch (error) {
      await client.close();
      throw error;
    }
  }

  save(reporterRef: string, identity: ReporterIdentity): Promise<void> {
    return this.store(reporterRef, identity, null);
  }

  savePending(reporterRef: string, identity: ReporterIdentity, pending: PendingFor): Promise<void> {
    return this.store(reporterRef, identity, { complaintId: pending.complaintId, since: pending.since });
  }

  async confirm(reporterRef: string): Promise<void> {
    await this.identities.updateOne({ _id: reporterRef }, { $set: { pending: null } });
  }

  async pendingBefore(before: string): Promise<PendingIdentity[]> {
    const documents = await this.identities
      .find({ 'pending.since': { $lt: before }, ciphertext: { $ne: null } })
      .sort({ 'pending.since': 1 })
      .toArray();
    return documents.map((d) => ({ reporterRef: d._id, complaintId: d.pending!.complaintId, since: d.pending!.since }));
  }

  async find(reporterRef: string): Promise<ReporterIdentity | null> {
    const document = await this.identities.findOne({ _id: reporterRef });
    if (!document?.ciphertext || !document.iv || !document.tag) return null;
    const dataKey = await this.dataKey(reporterRef);
    return dataKey ? decryptIdentity({ ciphertext: document.ciphertext, iv: document.iv, tag: document.tag }, dataKey, reporterRef) : null;
  }

  async erase(reporterRef: string): Promise<void> {
    // Key first: once it is gone the identity is unreadable, whatever happens to the next step.
    await this.keys.deleteOne({ _id: reporterRef });
    await this.identities.updateOne({ _id: reporterRef }, { $set: { ciphertext: null, iv: null, tag: null, pending: null } });
  }

  async status(reporterRef: string): Promise<ReporterIdentityStatus> {
    const document = await this.identities.findOne({ _id: reporterRef }, { projection: { ciphertext: 1 } });
    if (!document) return 'unknown';
    // A missing key counts as erased: an erase interrupted between its two steps.
    return document.ciphertext && (await this.keys.countDocuments({ _id: reporterRef }, { limit: 1 })) > 0 ? 'present' : 'erased';
  }

  close(): Promise<void> {
    return this.client.close();
  }

  private async store(reporterRef: string, identity: ReporterIdentity, pending: PendingFor | null): Promise<void> {
    const { ciphertext, iv, tag } = encryptIdentity(identity, await this.dataKeyForSave(reporterRef), reporterRef);
    await this.identities.updateOne({ _id: reporterRef }, { $set: { ciphertext, iv, tag, pending } }, { upsert: true });
  }

  /** The reporter's existing key, so a repeat save never strands the stored ciphertext; else a new one. */
  private async dataKeyForSave(reporterRef: string): Promise<Buffer> {
    const existing = await this.dataKey(reporterRef);
    if (existing) return existing;
    const dataKey = newDataKey();
    try {
      await this.keys.insertOne({ _id: reporterRef, wrappedKey: wrapDataKey(dataKey, this.masterKey, reporterRef) });
      return dataKey;
    } catch (error) {
      // Another process saving the same ref stored its key first: use that one.
      if (!isDuplicateKey(error)) throw error;
      return (await this.dataKey(reporterRef))!;
    }
  }

  private async dataKey(reporterRef: string): Promise<Buffer | null> {
    const document = await this.keys.findOne({ _id: reporterRef });
    return document ? unwrapDataKey(document.wrappedKey, this.masterKey, reporterRef) : null;
  }
}
