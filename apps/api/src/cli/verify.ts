import { createPublicKey } from 'node:crypto';
import { Presets, SingleBar } from 'cli-progress';
import { type LogVerification, VerifyEventLog } from '@lacak/application';
import { ConfigError, loadConfig } from '@lacak/config';
import { StoreConnectionError, closeStores, loadAuditSigningKey, openStores } from '@lacak/storage';

/**
 * `npm run verify`: checks the whole event log (every stream's hash chain and revisions, no missing
 * position in the embedded store, the Merkle tree against every signed tree head), with progress on a terminal and a report naming every
 * fault's stream and revision. Exits 0 when the log is intact, 1 on any fault, 2 when it could not check.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  const stores = await openStores(config);
  const bar = process.stderr.isTTY
    ? new SingleBar({ stream: process.stderr, format: 'Verifying {value} events | {rate} events/s', hideCursor: true }, Presets.shades_classic)
    : null;
  const started = performance.now();
  bar?.start(0, 0, { rate: 0 });
  try {
    const publicKey = createPublicKey(loadAuditSigningKey(config));
    const verification = await new VerifyEventLog(stores.eventStore, { now: () => new Date() }, publicKey).run((events) =>
      bar?.update(events, { rate: Math.round(events / ((performance.now() - started) / 1000)) }),
    );
    bar?.stop();
    process.stdout.write(report(verification, performance.now() - started));
    return verification.ok ? 0 : 1;
  } finally {
    bar?.stop();
    await closeStores(stores);
  }
}

function report(verification: LogVerification, elapsedMs: number): string {
  const { events, streams, unhashedEvents, faults } = verification;
  const rate = elapsedMs > 0 ? Math.round(events / (elapsedMs / 1000)) : events;
  const lines = [`Verified ${events} events in ${streams} streams in ${(elapsedMs / 1000).toFixed(1)} s (${rate} events/s).`];
  if (unhashedEvents > 0) lines.push(`${unhashedEvents} events were stored before the engine hashed them; each is sealed by the first hashed event after it in its stream.`);
  if (faults.length === 0) {
    lines.push('No fault: every stream’s chain holds and no event is missing.');
  } else {
    lines.push(`${faults.length} fault(s):`);
    for (const fault of faults) lines.push(`  ${fault.streamId} revision ${fault.revision}: ${fault.kind} (${fault.detail})`);
  }
  return `${lines.join('\n')}\n`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = error instanceof ConfigError || error instanceof StoreConnectionError;
    process.stderr.write(`Could not verify the event log: ${known ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
    process.exit(2);
  },
);
