import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '@lacak/config';
import { ProjectorLease } from '@lacak/projections';
import { SqliteReadStore } from '@lacak/read-store';
import { MASTER_KEY_FILE } from '@lacak/reporter-identity';
import { AUDIT_SIGNING_KEY_FILE, EMBEDDED_FILES, TRACKING_KEY_FILE } from '@lacak/storage';

export const MANIFEST_FILE = 'manifest.json';

/**
 * The order files are copied in, each at one instant of its own. Read models before events, so
 * their checkpoints never pass the copied events; identities after events, so every complaint's
 * identity is there (an identity without its complaint is settled by the pending-identity sweep);
 * the wrapped keys last, so every copied identity has its key.
 */
const DATABASES = [EMBEDDED_FILES.readModels, EMBEDDED_FILES.events, EMBEDDED_FILES.identities, EMBEDDED_FILES.reporterKeys];
const KEY_FILES = [MASTER_KEY_FILE, TRACKING_KEY_FILE, AUDIT_SIGNING_KEY_FILE];

export interface BackedUpFile {
  name: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The global position of the last event in the copied event store; null when it held none (or lives on KurrentDB). */
  lastEventPosition: string | null;
  files: BackedUpFile[];
  /** What the files alone do not hold: keys from settings, stores on servers. */
  notes: string[];
}

/** A backup or a restore the operator must correct; the message says how. */
export class BackupRefusedError extends Error {
  override readonly name = 'BackupRefusedError';
}

const describe = (dir: string, name: string): BackedUpFile => {
  const file = join(dir, name);
  return { name, size: statSync(file).size, sha256: createHash('sha256').update(readFileSync(file)).digest('hex') };
};

/**
 * SQLite's online backup API, all pages in one step: one read transaction, so the copy is the
 * file at one instant while the engine keeps writing (WAL readers never block writers). In smaller
 * steps, every write between two of them would restart the copy.
 */
async function copyDatabase(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  // The copy keeps the source's WAL mode, and any later read of it would leave -wal and -shm files
  // beside it; in rollback mode it stays one self-contained file (the engine turns WAL on again).
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function lastEventPosition(eventsFile: string): string | null {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT max(position) AS position FROM events').get() as { position: number | bigint | null };
    return row.position === null ? null : String(row.position);
  } finally {
    db.close();
  }
}

function notesFor(config: AppConfig): string[] {
  const notes: string[] = [];
  if (config.eventStore.kind === 'kurrentdb') notes.push('Events are on KurrentDB (EVENTSTORE_CONNECTION_STRING): back them up with its own tools.');
  if (config.readStore.kind === 'mongodb') {
    notes.push('Read models, reporter identities and their keys are on MongoDB (MONGODB_URI): back them up with mongodump --oplog or a filesystem snapshot.');
  }
  if (config.identityMasterKey) notes.push('IDENTITY_MASTER_KEY comes from the settings, not from a file here: keep it with this backup, or the identities cannot be read.');
  if (config.trackingSecretKey) notes.push('TRACKING_SECRET_KEY comes from the settings, not from a file here: keep it with this backup, or every tracking secret given out stops working.');
  return notes;
}

/** Copies every embedded file of DATA_DIR that exists, and its key files, into `target` (new or empty), with a manifest. */
export async function backupDataDir(config: AppConfig, target: string, now: () => Date = () => new Date()): Promise<BackupManifest> {
  if (existsSync(target) && readdirSync(target).length > 0) throw new BackupRefusedError(`${target} is not empty: back up into a new or empty directory`);
  // The key files are in it: readable by this user only, like DATA_DIR's own.
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const createdAt = now().toISOString();
  const names: string[] = [];
  for (const name of DATABASES) {
    if (!existsSync(join(config.dataDir, name))) continue;
    await copyDatabase(join(config.dataDir, name), join(target, name));
    names.push(name);
  }
  // Written once and never changed, so a plain copy is consistent.
  for (const name of KEY_FILES) {
    if (!existsSync(join(config.dataDir, name))) continue;
    copyFileSync(join(config.dataDir, name), join(target, name));
    names.push(name);
  }
  if (names.length === 0) throw new BackupRefusedError(`${config.dataDir} holds no embedded store to back up`);
  const manifest: BackupManifest = {
    format: 1,
    createdAt,
    lastEventPosition: names.includes(EMBEDDED_FILES.events) ? lastEventPosition(join(target, EMBEDDED_FILES.events)) : null,
    files: names.map((name) => describe(target, name)),
    notes: notesFor(config),
  };
  writeFileSync(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function readManifest(source: string): BackupManifest {
  const file = join(source, MANIFEST_FILE);
  if (!existsSync(file)) throw new BackupRefusedError(`${source} has no ${MANIFEST_FILE}: not a backup made by npm run backup`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  const damaged = manifest.files.filter((expected) => {
    if (!existsSync(join(source, expected.name))) return true;
    const found = describe(source, expected.name);
    return found.size !== expected.size || found.sha256 !== expected.sha256;
  });
  if (damaged.length > 0) {
    throw new BackupRefusedError(`The backup in ${source} is damaged: ${damaged.map((f) => f.name).join(', ')} missing or not matching the manifest's size and SHA-256`);
  }
  return manifest;
}

/** Refuses while a projector holds an unexpired lease on DATA_DIR's read models: an engine runs on them. */
async function refuseLiveEngine(config: AppConfig): Promise<void> {
  const file = join(config.dataDir, EMBEDDED_FILES.readModels);
  if (!existsSync(file)) return;
  const readStore = SqliteReadStore.open({ file });
  try {
    const lease = await new ProjectorLease(readStore, { holder: 'restore' }).current();
    if (lease && lease.expiresAt > Date.now()) {
      throw new BackupRefusedError(
        `An engine is running on ${config.dataDir}: projector ${lease.holder} holds its lease until ${new Date(lease.expiresAt).toISOString()}. ` +
          'Stop the API and the projector first; a lease left by a process that died expires within PROJECTOR_LEASE_TTL_MS.',
      );
    }
  } finally {
    await readStore.close();
  }
}

/**
 * Puts a backup's files into DATA_DIR, after checking every checksum and that no engine runs
 * there. Files it replaces (with their WAL, which would otherwise be replayed onto the restored
 * file) move to `pre-restore-<time>/` in DATA_DIR rather than being deleted.
 */
export async function restoreDataDir(config: AppConfig, source: string, now: () => Date = () => new Date()): Promise<{ manifest: BackupManifest; setAside: string | null }> {
  if (config.eventStore.kind !== 'embedded' || config.readStore.kind !== 'embedded') {
    throw new BackupRefusedError('Restore puts back the embedded files only: with EVENTSTORE_CONNECTION_STRING or MONGODB_URI set, restore those servers with their own tools');
  }
  const manifest = readManifest(source);
  mkdirSync(config.dataDir, { recursive: true });
  await refuseLiveEngine(config);
  const setAside = join(config.dataDir, `pre-restore-${now().toISOString().replace(/[:.]/g, '-')}`);
  let movedAny = false;
  for (const { name } of manifest.files) {
    for (const file of [name, `${name}-wal`, `${name}-shm`]) {
      if (!existsSync(join(config.dataDir, file))) continue;
      mkdirSync(setAside, { recursive: true });
      renameSync(join(config.dataDir, file), join(setAside, file));
      movedAny = true;
    }
    copyFileSync(join(source, name), join(config.dataDir, name));
  }
  return { manifest, setAside: movedAny ? setAside : null };
}
