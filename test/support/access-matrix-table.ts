import { ACTOR_ROLES, COMMAND_ACCESS, CONTENT_ACCESS, IDENTITY_ACCESS, QUERY_ACCESS, type AccessRow, type QueryName } from '@lacak/domain';
import { QUERY_ROUTES } from '../../apps/api/src/http/use-case-routes';

/** The access matrix as the README's markdown table: one row per command, query (with its route), withheld content or identity seal, one column per role. */
export function accessMatrixTable(): string {
  const header = `| | ${ACTOR_ROLES.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|${ACTOR_ROLES.map(() => '---').join('|')}|`;
  const row = (name: string, access: AccessRow) => `| ${name} | ${ACTOR_ROLES.map((role) => access[role] ?? '–').join(' | ')} |`;
  return [
    header,
    rule,
    ...Object.entries(COMMAND_ACCESS).map(([name, access]) => row(`\`${name}\``, access)),
    ...Object.entries(QUERY_ACCESS).map(([name, access]) => row(`\`${name}\` (\`${QUERY_ROUTES[name as QueryName]}\`)`, access)),
    ...Object.entries(CONTENT_ACCESS).map(([name, access]) => row(name, access)),
    ...Object.entries(IDENTITY_ACCESS).map(([name, access]) => row(name, access)),
  ].join('\n');
}
