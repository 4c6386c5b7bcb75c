import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@lacak/config';
import { ACTOR_ROLES, AGENCY_NEED, type ActorRole, type AgencyNeed, actorAgencyProblem } from '@lacak/domain';
import { loadOrganisation } from '@lacak/organisation';
import { TokenService } from '../auth/token.service';

const rolesThatNeed = (need: AgencyNeed) => ACTOR_ROLES.filter((role) => AGENCY_NEED[role] === need).join(', ');

const usage = `Prints a bearer token signed with the local development secret.

  npm run token -- --role <role> [--agency <organisation node id>] [--sub <subject>] [--expires 12h]

Roles: ${ACTOR_ROLES.join(', ')}

--agency names a node of the organisation tree (GET /agencies lists them):
  required for ${rolesThatNeed('required')}
  optional for ${rolesThatNeed('optional')}
  not allowed for ${rolesThatNeed('none')}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      agency: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '12h' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return void process.stdout.write(`${usage}\n`);
  const config = loadConfig();
  if (config.tokens.kind === 'jwks') {
    process.stderr.write(
      'JWT_JWKS_URL is set: the API accepts only tokens from the identity provider (e.g. Keycloak), ' +
        'so a locally signed token would be refused. Get a token from the identity provider instead.\n',
    );
    process.exit(2);
  }
  if (!values.role || !ACTOR_ROLES.includes(values.role as ActorRole)) {
    process.stderr.write(`--role is required and must be one of: ${ACTOR_ROLES.join(', ')}\n\n${usage}\n`);
    process.exit(2);
  }
  const role = values.role as ActorRole;
  const agencyId = values.agency ?? null;
  // The API refuses a token whose agency does not fit the role or the tree; better not to sign one.
  const problem = actorAgencyProblem({ role, agencyId }, loadOrganisation(config.orgTreeFile));
  if (problem) {
    const fix = AGENCY_NEED[role] === 'none' ? 'leave --agency out' : 'pass --agency <organisation node id>, e.g. --agency id-32.01-dinkes';
    process.stderr.write(`Cannot sign this token: ${problem}. For ${role}, ${fix}.\n`);
    process.exit(2);
  }
  const token = await new TokenService(config.tokens.secret, config.claims).sign(
    { id: values.sub ?? `${role}${agencyId ? `@${agencyId}` : ''}`, role, agencyId },
    values.expires,
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
