import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { RecordedEvent } from '@lacak/event-store';
import { EMBEDDED_FILES } from '@lacak/storage';

/** Refs of the identities stored readable in DATA_DIR, read from the file itself; `pending`: only those still pending. */
export function sealedIdentityRefs(dataDir: string, which: 'all' | 'pending' = 'all'): string[] {
  const db = new Database(join(dataDir, EMBEDDED_FILES.identities), { readonly: true });
  try {
    const pending = which === 'pending' ? ' AND pending_since IS NOT NULL' : '';
    return (db.prepare(`SELECT ref FROM sealed_identities WHERE ciphertext IS NOT NULL${pending}`).all() as { ref: string }[]).map((r) => r.ref);
  } finally {
    db.close();
  }
}

/** Identities stored readable that no stored submission points at: none may remain once pending ones are swept. */
export function orphanedIdentities(dataDir: string, events: RecordedEvent[]): string[] {
  const referenced = new Set(events.filter((e) => e.type === 'ComplaintSubmitted').map((e) => e.data.reporterRef));
  return sealedIdentityRefs(dataDir).filter((ref) => !referenced.has(ref));
}
