import { type Document as MongoDocument, MongoClient } from 'mongodb';

export const DEFAULT_DATABASE = 'lacak';

/**
 * The database named in the URI path (`mongodb://host/lacak?replicaSet=rs0`), if any. The driver
 * would fall back to `test`, which hides whether a name was given at all.
 */
export function databaseFromUri(uri: string): string | undefined {
  // The options may hold paths (tlsCAFile=/etc/...), so the query goes before looking for '/'.
  const [hostsAndPath] = uri.replace(/^mongodb(\+srv)?:\/\//, '').split('?');
  const slash = hostsAndPath.indexOf('/');
  return slash < 0 ? undefined : decodeURIComponent(hostsAndPath.slice(slash + 1)) || undefined;
}

/**
 * Transactions need a replica set member (the `hello` reply names its set) or a mongos
 * (`msg: 'isdbgrid'`); a standalone mongod has no oplog to commit them with.
 */
export function supportsTransactions(hello: MongoDocument): boolean {
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

/**
 * Whether a server answers `hello` within `timeoutMs`, through a client of its own that is closed
 * afterwards: the start-up bound ends with start-up, and the clients that serve keep the driver's
 * default server selection timeout (30 s), long enough to ride out a replica-set election. Fails
 * with the driver's server selection error, which names what each server tried answered.
 */
export async function checkServerAnswers(uri: string, timeoutMs: number): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: timeoutMs });
  try {
    await client.db('admin').command({ hello: 1 });
  } finally {
    await client.close();
  }
}
