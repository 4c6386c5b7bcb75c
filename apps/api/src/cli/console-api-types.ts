import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@lacak/config';
import { createApp } from '../create-app';
import { buildOpenApiDocument } from '../openapi/openapi-document';

/** Where the console keeps the API's types, generated from the OpenAPI document. */
export const CONSOLE_API_TYPES = resolve(__dirname, '../../../console/src/api/schema.d.ts');

const ROOT = resolve(__dirname, '../../../..');

/**
 * The console's API types from the OpenAPI document the API serves, by openapi-typescript, so a changed
 * DTO breaks the console's type check rather than its users. The document comes from an app on an empty
 * data directory; openapi-typescript is ESM-only, so it runs as its own CLI.
 */
export async function generateConsoleApiTypes(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lacak-openapi-'));
  try {
    const app = await createApp(loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', PROJECTOR_IN_PROCESS: 'false' }));
    let document: unknown;
    try {
      await app.init();
      document = buildOpenApiDocument(app);
    } finally {
      await app.close();
    }
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'schema.d.ts');
    writeFileSync(input, JSON.stringify(document));
    execFileSync(process.execPath, [join(ROOT, 'node_modules/openapi-typescript/bin/cli.js'), input, '-o', output, '--root-types'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  generateConsoleApiTypes()
    .then((types) => {
      writeFileSync(CONSOLE_API_TYPES, types);
      process.stdout.write(`Wrote ${CONSOLE_API_TYPES.slice(ROOT.length + 1)}\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
