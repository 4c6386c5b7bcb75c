import { parseArgs } from 'node:util';
import { Presets, SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '@lacak/config';
import { COMPLAINT_STATUSES } from '@lacak/domain';
import { type SeedDemoResult, seedDemo } from './demo/seed';

export { type SeedDemoOptions, type SeedDemoResult, seedDemo } from './demo/seed';

const usage = `Fills DATA_DIR with demo complaints, submitted and driven through their lifecycle by the command handlers,
spread over the current quarter and the four before it, with ratings, disputes, normative follow-ups,
leadership reviews and policy improvements for monitoring.

  npm run seed:demo -- [--count 300] [--seed 1]

The same --seed gives the same complaints (ids and times differ); each run adds to what DATA_DIR holds.`;

function integerOption(name: string, value: string, min: number): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    process.stderr.write(`--${name} must be an integer of at least ${min}, got ${JSON.stringify(value)}\n\n${usage}\n`);
    process.exit(2);
  }
  return parsed;
}

function summary(result: SeedDemoResult, seed: number): string {
  const statuses = COMPLAINT_STATUSES.filter((status) => result.byStatus[status]).map((status) => `${status} ${result.byStatus[status]}`);
  const seconds = (result.elapsedMs / 1000).toFixed(1);
  const projected =
    result.projectedBy === null
      ? 'No projector ran: the read models fill when the engine starts.'
      : result.projectedBy === 'this process'
        ? 'The engine was not running: the seed projected them into the read models itself.'
        : `The running engine (${result.projectedBy.holder}) projected them into its read models.`;
  const console = 'In the web console (npm start, http://localhost:3000/), sign in as Admin nasional to see every complaint, or as an agency the complaints name.';
  return `Seeded ${result.complaints} complaints (${result.commands} commands, seed ${seed}) in ${seconds}s: ${statuses.join(', ')}\n${projected}\n${console}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(`${usage}\n`);
  const count = integerOption('count', values.count, 1);
  const seed = integerOption('seed', values.seed, 0);
  const config = loadConfig();

  // A bar only for a person watching; logs and pipes get the summary line alone.
  const bar = process.stderr.isTTY
    ? new SingleBar({ stream: process.stderr, format: 'Seeding {bar} {value}/{total} commands | {eta_formatted} left', hideCursor: true }, Presets.shades_classic)
    : null;
  const result = await seedDemo({
    config,
    count,
    seed,
    onProgress: (done, total) => {
      if (done === 1) bar?.start(total, 0);
      bar?.update(done);
    },
  }).finally(() => bar?.stop());
  process.stdout.write(`${summary(result, seed)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
