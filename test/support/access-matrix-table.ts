import { ACTOR_ROLES, COMMAND_ACCESS, QUERY_ACCESS, type AccessRow } from '@lacak/domain';

/** The access matrix as the README's markdown table: one row per command or query, one column per role. */
export function accessMatrixTable(): string {
  const header = `| | ${ACTOR_ROLES.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `|---|${ACTOR_ROLES.map(() => '---').join('|')}|`;
  const row = (name: string, access: AccessRow) => `| ${name} | ${ACTOR_ROLES.map((role) => access[role] ?? '–').join(' | ')} |`;
  return [
    header,
    rule,
    ...Object.entries(COMMAND_ACCESS).map(([name, access]) => row(`\`${name}\``, access)),
    ...Object.entries(QUERY_ACCESS).map(([name, access]) => row(`\`${name}\``, access)),
  ].join('\n');
}
