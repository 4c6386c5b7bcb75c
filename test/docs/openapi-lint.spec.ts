import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
// The CLI ships as one bundle without a Node API (no @redocly/openapi-core to import), so it runs as a child process.
const REDOCLY = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer: string }[];
}

/**
 * Problems the recommended ruleset reports that we accept where they occur, each with why. Rules we
 * never follow are off in redocly.yaml instead.
 */
const JUSTIFIED = [
  // A health probe takes no input and needs no token: it answers 200 or 503, never a 4xx.
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1health/get/responses' },
  // Likewise the notary's public key: anyone may fetch it, and it is always there.
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1audit~1public-key/get/responses' },
  // And how to sign in: a client asks before it has any token, and the answer is always there.
  { ruleId: 'operation-4xx-response', pointer: '#/paths/~1auth~1config/get/responses' },
];

async function lint(document: unknown): Promise<LintProblem[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lacak-openapi-'));
  try {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const run = promisify(execFile)(process.execPath, [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format=json'], {
      cwd: dir,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    // Errors make the CLI exit non-zero; its report is on stdout either way.
    const { stdout } = await run.catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return (JSON.parse(stdout) as { problems: LintProblem[] }).problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('The OpenAPI document served at /openapi.json', () => {
  let t: TestApp;
  let document: any;

  beforeAll(async () => {
    t = await TestApp.start();
    document = (await t.request('GET', '/openapi.json')).body;
  });
  afterAll(() => t.stop());

  it('passes the recommended lint rules, but for the justified exceptions', async () => {
    const problems = (await lint(document)).map((p) => ({ ruleId: p.ruleId, pointer: p.location[0]?.pointer, message: p.message }));
    const justified = (p: { ruleId: string; pointer?: string }) => JUSTIFIED.some((j) => j.ruleId === p.ruleId && j.pointer === p.pointer);
    expect(problems.filter((p) => !justified(p))).toEqual([]);
    // An exception that no longer occurs is dropped from the list rather than kept "just in case".
    expect(JUSTIFIED.filter((j) => !problems.some((p) => p.ruleId === j.ruleId && p.pointer === j.pointer))).toEqual([]);
  });

  it('documents every revision as a string of digits', () => {
    const schemas: Record<string, { properties?: Record<string, unknown> }> = document.components.schemas;
    const revisions = Object.entries(schemas).flatMap(([name, schema]) => (schema.properties?.revision ? [[name, schema.properties.revision]] : []));
    expect(Object.fromEntries(revisions)).toEqual(
      Object.fromEntries(
        [
          'CommandResponse',
          'ComplaintDetail',
          'ReporterComplaintDetail',
          'ComplaintDetailWithActions',
          'ReporterComplaintDetailWithActions',
          'HistoryEntry',
          'TrackedCommandResponse',
          'TrackingView',
          'ComplaintAsOfAnswer',
          'ChangeStepEntry',
          'ChainFaultRecord',
          'EvaluationCommandResponse',
          'EvaluationResponse',
          'AttachmentCreated',
          'TrackedAttachmentCreated',
        ].map((name) => [
          name,
          expect.objectContaining({ type: 'string', pattern: '^\\d+$', example: expect.stringMatching(/^\d+$/) }),
        ]),
      ),
    );
  });

  it('tells how to get a bearer token', () => {
    expect(document.info.description).toContain('npm run token -- --role');
    expect(document.info.description).toContain('identity provider');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  });
});
