/**
 * A process that starts a projector thread and, once it projects, ends its main script without
 * stopping it: `node -r @swc-node/register abandoned-projector.ts <DATA_DIR>`. It must exit by itself.
 */
import { loadConfig } from '@lacak/config';
import { WorkerThreadProjector } from '../worker-thread-projector';

const projector = new WorkerThreadProjector({
  config: loadConfig({ DATA_DIR: process.argv[2], LOG_LEVEL: 'silent' }),
  names: [],
  log: { log: () => undefined, error: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`) },
});
projector.start();
const untilHeld = setInterval(() => {
  if (projector.leaseState !== 'held') return;
  clearInterval(untilHeld);
  process.stdout.write('projecting\n');
}, 10);
