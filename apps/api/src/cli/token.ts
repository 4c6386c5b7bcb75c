import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@lacak/config';
import { ACTOR_ROLES, type ActorRole } from '@lacak/domain';
import { TokenService } from '../auth/token.service';

const usage = `Prints a bearer token signed with the local development secret.

  npm run token -- --role <role> [--agency <organisation node id>] [--sub <subject>] [--expires 12h]

Roles: ${ACTOR_ROLES.join(', ')}`;

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
