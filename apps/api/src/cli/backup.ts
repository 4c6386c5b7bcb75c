import { ConfigError, loadConfig } from '@lacak/config';
import { BackupRefusedError, backupDataDir } from './data-backup';

/**
 * `npm run backup -- <dir>`: an online, consistent copy of every embedded file in DATA_DIR and its
 * key files, with a manifest of sizes and SHA-256 sums; the engine may keep running and writing.
 */
async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new BackupRefusedError('Usage: npm run backup -- <new or empty directory>');
  const manifest = await backupDataDir(loadConfig(), target);
  const files = manifest.files.map((f) => `${f.name} (${f.size} bytes)`).join(', ');
  process.stdout.write(`Backed up ${files} to ${target}; last event position ${manifest.lastEventPosition ?? 'none'}\n`);
  for (const note of manifest.notes) process.stdout.write(`Note: ${note}\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupRefusedError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(known ? 2 : 1);
});
