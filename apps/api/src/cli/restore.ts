import { ConfigError, loadConfig } from '@lacak/config';
import { BackupRefusedError, restoreDataDir } from './data-backup';

/**
 * `npm run restore -- <dir>`: puts a backup made by `npm run backup` into DATA_DIR, once its
 * checksums hold and no engine runs there; the files it replaces are set aside, not deleted.
 */
async function main(): Promise<void> {
  const source = process.argv[2];
  if (!source) throw new BackupRefusedError('Usage: npm run restore -- <backup directory>');
  const config = loadConfig();
  const { manifest, setAside } = await restoreDataDir(config, source);
  process.stdout.write(
    `Restored the backup of ${manifest.createdAt} (last event position ${manifest.lastEventPosition ?? 'none'}) into ${config.dataDir}` +
      `${setAside ? `; the files it replaced are in ${setAside}` : ''}\n`,
  );
  for (const note of manifest.notes) process.stdout.write(`Note: ${note}\n`);
}

main().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof BackupRefusedError;
  process.stderr.write(`${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(known ? 2 : 1);
});
