import { type AttachmentStore, FileAttachmentStore, GridFsAttachmentStore } from '@lacak/attachments';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig, EventStoreSetting, ReadStoreSetting } from '@lacak/config';
import { type EventStore, SqliteEventStore } from '@lacak/event-store';
import { DEFAULT_DATABASE, MongoReadStore, checkServerAnswers, type ReadStore, SqliteReadStore, databaseFromUri } from '@lacak/read-store';
import { MasterKeyError, MongoReporterIdentityStore, type ReporterIdentityStore, SqliteReporterIdentityStore, resolveMasterKey } from '@lacak/reporter-identity';
import { firstEndpoint, networkCause, tcpFailure } from './connection-failure';

/** File names inside DATA_DIR of the embedded default (identities and their keys only without MONGODB_URI). */
export const EMBEDDED_FILES = { events: 'events.db', readModels: 'read-models.db', identities: 'reporter-identities.db', reporterKeys: 'reporter-keys.db' } as const;

/** The embedded attachment files' directory in DATA_DIR. */
export const EMBEDDED_ATTACHMENTS_DIR = 'attachments';

export interface Stores {
  eventStore: EventStore;
  readStore: ReadStore;
  identities: ReporterIdentityStore;
  /** Attachment files: under DATA_DIR/attachments, or in GridFS beside the read models with MONGODB_URI. */
  attachments: AttachmentStore;
}

/** The backing stores could not be opened; one line per store that failed. */
export class StoreConnectionError extends Error {
  override readonly name = 'StoreConnectionError';
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `Cannot open ${p}`).join('\n'));
  }
}

class StoreTimeoutError extends Error {
  override readonly name = 'StoreTimeoutError';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new StoreTimeoutError()), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How long since `started`, for messages that say how long a store took to fail. */
const since = (started: number): number => Date.now() - started;

/**
 * The KurrentDB client reports any failure to reach the server as a bare "UnavailableError"; a TCP
 * connection of our own to the first endpoint tells a refused port from an unknown host, or shows that
 * something does listen there but does not speak KurrentDB.
 */
async function kurrentDbFailure(connectionString: string, error: unknown, timeoutMs: number): Promise<string> {
  const endpoint = firstEndpoint(connectionString);
  if (!endpoint) return `unavailable (${(error as Error).message})`;
  const cause = await tcpFailure(endpoint, timeoutMs);
  return cause ?? `${endpoint.host}:${endpoint.port} accepts connections but does not answer as KurrentDB (${(error as Error).message}); check the port and the tls setting`;
}

/** Names a store in messages without its credentials. */
export const redact = (url: string): string => url.replace(/\/\/[^@/]*@/, '//***@');

async function openEventStore(setting: EventStoreSetting, config: AppConfig): Promise<EventStore> {
  switch (setting.kind) {
    case 'embedded':
      return SqliteEventStore.open({ file: join(config.dataDir, EMBEDDED_FILES.events) });
    case 'kurrentdb': {
      // Loaded only when chosen: the client brings a native bridge the embedded default never needs.
      const { KurrentDbEventStore } = await import('@lacak/event-store/kurrentdb');
      const store = KurrentDbEventStore.connect(setting.connectionString);
      const started = Date.now();
      try {
        await withTimeout(store.ping(), config.storeConnectTimeoutMs);
        return store;
      } catch (error) {
        const elapsed = since(started);
        await store.close();
        if (error instanceof StoreTimeoutError) throw new Error(`timed out: no answer within ${elapsed} ms`);
        throw new Error(`${await kurrentDbFailure(setting.connectionString, error, config.storeConnectTimeoutMs)}; failed after ${elapsed} ms`);
      }
    }
  }
}

/** What the MongoDB driver last saw from each server it tried, kept on a server selection error. */
function serverErrors(error: unknown): string[] {
  const servers = (error as { reason?: { servers?: Map<string, { error?: { message?: string } | null }> } }).reason?.servers;
  return [...(servers?.values() ?? [])].flatMap((server) => server.error?.message ?? []);
}

async function openReadStore(setting: ReadStoreSetting, config: AppConfig): Promise<ReadStore> {
  switch (setting.kind) {
    case 'embedded':
      return SqliteReadStore.open({ file: join(config.dataDir, EMBEDDED_FILES.readModels) });
    case 'mongodb': {
      const started = Date.now();
      try {
        // Only this check is bounded by STORE_CONNECT_TIMEOUT_MS; the store's own client keeps the
        // driver's defaults, so a later election does not fail every operation after a few seconds.
        await checkServerAnswers(setting.uri, config.storeConnectTimeoutMs);
        return await MongoReadStore.connect(setting.uri);
      } catch (error) {
        // The driver retries a refused connection until server selection times out; the cause is in its
        // message, or with the servers it tried.
        const { message } = error as Error;
        const cause = networkCause([message, ...serverErrors(error)].join('\n'));
        if (cause) throw new Error(`${cause} (${message}); gave up after ${since(started)} ms`);
        if (!/timed out/i.test(message)) throw new Error(`${message}; failed after ${since(started)} ms`);
        const replicaSet = /[?&]replicaSet=([^&]+)/.exec(setting.uri)?.[1];
        const hint = replicaSet ? ` (is replica set ${replicaSet} initiated and does it have a primary?)` : '';
        throw new Error(`timed out: no usable server within ${since(started)} ms${hint}: ${message}`);
      }
    }
  }
}

/** Where reporter identities live: with the read models, in MongoDB when it is configured. */
export const identityStoreSetting = (config: AppConfig): ReadStoreSetting => config.readStore;

/**
 * Identities live where the read models do: in MongoDB when it is configured, so every replica
 * shares them and recreating a container loses none. A malformed or mismatched master key is the
 * operator's to fix, like an unreachable store.
 */
async function openIdentityStore(config: AppConfig): Promise<ReporterIdentityStore> {
  try {
    const masterKey = resolveMasterKey({ configured: config.identityMasterKey, dataDir: config.dataDir });
    const setting = identityStoreSetting(config);
    if (setting.kind === 'mongodb') {
      const { uri } = setting;
      return await MongoReporterIdentityStore.connect(uri, {
        databaseName: databaseFromUri(uri) ?? DEFAULT_DATABASE,
        // The read store's start-up check has just reached this server.
        masterKey,
      }).catch((error: unknown) => {
        if (error instanceof MasterKeyError) throw error;
        throw new StoreConnectionError([`identity store on MONGODB_URI ${redact(uri)}: ${(error as Error).message}`]);
      });
    }
    return SqliteReporterIdentityStore.open({
      identitiesFile: join(config.dataDir, EMBEDDED_FILES.identities),
      keysFile: join(config.dataDir, EMBEDDED_FILES.reporterKeys),
      masterKey,
    });
  } catch (error) {
    if (error instanceof MasterKeyError) throw new StoreConnectionError([`identity store: ${error.message}`]);
    throw error;
  }
}

/** The stores a projector needs: the events and the read models, without the identities. */
export type ProjectionStores = Pick<Stores, 'eventStore' | 'readStore'>;

/**
 * Opens the event and read stores the configuration selects. Each production store must answer
 * within STORE_CONNECT_TIMEOUT_MS; every failure is reported, and whatever did open is closed again.
 */
export async function openProjectionStores(config: AppConfig): Promise<ProjectionStores> {
  mkdirSync(config.dataDir, { recursive: true });
  const [eventStore, readStore] = await Promise.allSettled([
    openEventStore(config.eventStore, config),
    openReadStore(config.readStore, config),
  ]);
  const problems: string[] = [];
  if (eventStore.status === 'rejected') {
    const target = config.eventStore.kind === 'kurrentdb' ? `EVENTSTORE_CONNECTION_STRING ${redact(config.eventStore.connectionString)}` : 'event store';
    problems.push(`${target}: ${(eventStore.reason as Error).message}`);
  }
  if (readStore.status === 'rejected') {
    const target = config.readStore.kind === 'mongodb' ? `MONGODB_URI ${redact(config.readStore.uri)}` : 'read store';
    problems.push(`${target}: ${(readStore.reason as Error).message}`);
  }
  if (eventStore.status === 'rejected' || readStore.status === 'rejected') {
    if (eventStore.status === 'fulfilled') await eventStore.value.close();
    if (readStore.status === 'fulfilled') await readStore.value.close();
    throw new StoreConnectionError(problems);
  }
  return { eventStore: eventStore.value, readStore: readStore.value };
}

/**
 * Opens the stores the configuration selects: the one place that chooses adapters, shared by
 * the API and the projector so neither branches on it.
 */
export async function openStores(config: AppConfig): Promise<Stores> {
  const { eventStore, readStore } = await openProjectionStores(config);
  try {
    const identities = await openIdentityStore(config);
    try {
      return { eventStore, readStore, identities, attachments: await openAttachmentStore(config) };
    } catch (error) {
      await identities.close();
      throw error;
    }
  } catch (error) {
    await eventStore.close();
    await readStore.close();
    throw error;
  }
}

/** Attachment files live where the read models do, like the identities. */
async function openAttachmentStore(config: AppConfig): Promise<AttachmentStore> {
  const setting = config.readStore;
  if (setting.kind === 'embedded') return new FileAttachmentStore(join(config.dataDir, EMBEDDED_ATTACHMENTS_DIR));
  return GridFsAttachmentStore.connect(setting.uri, { databaseName: databaseFromUri(setting.uri) ?? DEFAULT_DATABASE }).catch((error: unknown) => {
    throw new StoreConnectionError([`attachment store on MONGODB_URI ${redact(setting.uri)}: ${(error as Error).message}`]);
  });
}

export async function closeStores(stores: Stores): Promise<void> {
  await stores.eventStore.close();
  await stores.readStore.close();
  await stores.identities.close();
  await stores.attachments.close();
}
