import { type Collection, MongoServerError } from 'mongodb';
import type {
  BulkWriteResult,
  DeleteResult,
  Document,
  Filter,
  FindOptions,
  IndexSpec,
  ReadCollection,
  UpdateDocument,
  UpdateOptions,
  UpdateResult,
  WriteOperation,
} from '../read-store.port';
import { textSearchTerms } from '../text-search';
import { bulkWriteTo } from './mongo-batch';
import { translateError } from './mongo-errors';
import { fromIndexDescription, toIndexOptions } from './mongo-indexes';
import { toUpdateResult } from './mongo-operations';

const NAMESPACE_NOT_FOUND = 26;

/**
 * A read collection over the driver's collection. Filters, updates and projections go to the
 * server as they are; every write goes through one ordered bulkWrite, so single writes and
 * batches share one error and result mapping.
 */
export class MongoCollection<T extends Document = Document> implements ReadCollection<T> {
  constructor(private readonly collection: Collection<Document>) {}

  get name(): string {
    return this.collection.collectionName;
  }

  findOne(filter: Filter, options: Pick<FindOptions, 'projection'> = {}): Promise<T | null> {
    return this.translated(() => this.collection.findOne<T>(portableFilter(filter), { projection: options.projection }));
  }

  find(filter: Filter, { sort, skip, limit, projection }: FindOptions = {}): Promise<T[]> {
    return this.translated(() => this.collection.find<T>(portableFilter(filter), { sort, skip, limit, projection }).toArray());
  }

  countDocuments(filter: Filter = {}): Promise<number> {
    return this.translated(() => this.collection.countDocuments(portableFilter(filter)));
  }

  async insertOne(document: T): Promise<void> {
    await this.bulkWrite([{ insertOne: { document } }]);
  }

  async updateOne(filter: Filter, update: UpdateDocument, { upsert }: UpdateOptions = {}): Promise<UpdateResult> {
    return toUpdateResult(await this.bulkWrite([{ updateOne: { filter, update, upsert } }]));
  }

  async updateMany(filter: Filter, update: UpdateDocument): Promise<UpdateResult> {
    return toUpdateResult(await this.bulkWrite([{ updateMany: { filter, update } }]));
  }

  async replaceOne(filter: Filter, replacement: T, { upsert }: UpdateOptions = {}): Promise<UpdateResult> {
    return toUpdateResult(await this.bulkWrite([{ replaceOne: { filter, replacement, upsert } }]));
  }

  async deleteOne(filter: Filter): Promise<DeleteResult> {
    return { deletedCount: (await this.bulkWrite([{ deleteOne: { filter } }])).deletedCount };
  }

  async deleteMany(filter: Filter = {}): Promise<DeleteResult> {
    return { deletedCount: (await this.bulkWrite([{ deleteMany: { filter } }])).deletedCount };
  }

  bulkWrite(operations: WriteOperation[]): Promise<BulkWriteResult> {
    return bulkWriteTo(this.collection, this.name, operations);
  }

  createIndex(index: IndexSpec): Promise<string> {
    return this.translated(() => this.collection.createIndex(index.keys, toIndexOptions(index)));
  }

  async listIndexes(): Promise<IndexSpec[]> {
    try {
      const listed = await this.collection.listIndexes().toArray();
      return listed.map(fromIndexDescription).filter((index): index is IndexSpec => index !== null);
    } catch (error) {
      // A collection nobody has written to yet has no indexes, like in the embedded adapter.
      if (error instanceof MongoServerError && error.code === NAMESPACE_NOT_FOUND) return [];
      throw translateError(error, this.name);
    }
  }

  async drop(): Promise<void> {
    // The driver already treats a missing collection (NamespaceNotFound) as dropped.
    await this.collection.drop();
  }

  private async translated<R>(query: () => Promise<R>): Promise<R> {
    try {
      return await query();
    } catch (error) {
      throw translateError(error, this.name);
    }
  }
}

/** The filter as given, after refusing the `$text` forms the embedded adapter does not answer alike. */
function portableFilter(filter: Filter): Filter {
  textSearchTerms(filter);
  return filter;
}
