import type Database from 'better-sqlite3';
import type { ReporterIdentity } from '../reporter-identity.port';

/**
 * Earlier versions kept identities as plain JSON in `reporter_identities`. Seals each one, drops
 * the table and vacuums, so no plaintext survives the upgrade, not even in free pages. A crash
 * midway is safe: the next start seals the remaining rows again.
 */
export function sealLegacyPlaintext(db: Database.Database, save: (reporterRef: string, identity: ReporterIdentity) => void): void {
  const legacy = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reporter_identities'").get();
  if (!legacy) return;
  const rows = db.prepare('SELECT ref, identity FROM reporter_identities').all() as { ref: string; identity: string }[];
  for (const { ref, identity } of rows) save(ref, JSON.parse(identity) as ReporterIdentity);
  db.exec('DROP TABLE reporter_identities');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
