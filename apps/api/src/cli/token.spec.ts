import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@lacak/config';
import { TokenService } from '../auth/token.service';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');

/** `npm run token -- <args>` as a user runs it, with its exit code and output. */
async function tokenCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/cli/token.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

describe('npm run token', () => {
  it.each([
    ['an agency the organisation tree does not hold', ['--role', 'agency_admin', '--agency', 'nowhere'], 'agency "nowhere" is not in the organisation tree. For agency_admin, pass --agency <organisation node id>'],
    ['no agency for a role that acts for one', ['--role', 'agency_admin'], 'the role agency_admin acts for an agency, and none is given. For agency_admin, pass --agency <organisation node id>'],
    ['an agency for a reporter', ['--role', 'reporter', '--agency', 'national'], 'the role reporter acts for no agency, yet agency "national" is given. For reporter, leave --agency out.'],
  ])('refuses to sign for %s, and says what to pass instead', async (_label, args, problem) => {
    expect(await tokenCommand(...args)).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining(`Cannot sign this token: ${problem}`) });
  });

  it('signs a token the API accepts for a role and a node of the tree', async () => {
    const result = await tokenCommand('--role', 'unit_officer', '--agency', 'id-32.01-dinkes');
    expect(result.code).toBe(0);
    const config = loadConfig();
    if (config.tokens.kind !== 'local-secret') throw new Error('expected the local development secret');
    await expect(new TokenService(config.tokens.secret, config.claims).verify(result.stdout.trim())).resolves.toEqual({
      id: 'unit_officer@id-32.01-dinkes',
      role: 'unit_officer',
      agencyId: 'id-32.01-dinkes',
    });
  });
});
