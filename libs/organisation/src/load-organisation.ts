import { readFileSync } from 'node:fs';
import { ORG_NODE_KINDS, OrganisationTree, type OrgNode, type OrgNodeKind } from '@lacak/domain';
import { centralGovernmentNodes } from './central-government';
import { regionalGovernmentNodes } from './regional-government';

export const NATIONAL_ROOT_ID = 'national';

/** National → Kemenko → ministries → units, and National → provinces → regencies/cities → agencies. */
export function defaultOrganisationNodes(): OrgNode[] {
  return [
    { id: NATIONAL_ROOT_ID, name: 'Pengelola SP4N-LAPOR! Nasional', kind: 'national', parentId: null },
    ...centralGovernmentNodes(NATIONAL_ROOT_ID),
    ...regionalGovernmentNodes(NATIONAL_ROOT_ID),
  ];
}

export class OrganisationFileError extends Error {
  override readonly name = 'OrganisationFileError';
}

function parseNode(raw: unknown, index: number): OrgNode {
  const node = raw as Partial<Record<keyof OrgNode, unknown>>;
  const problems: string[] = [];
  if (typeof node?.id !== 'string' || node.id === '') problems.push('id must be a non-empty string');
  if (typeof node?.name !== 'string' || node.name === '') problems.push('name must be a non-empty string');
  if (!ORG_NODE_KINDS.includes(node?.kind as OrgNodeKind)) problems.push(`kind must be one of ${ORG_NODE_KINDS.join(', ')}`);
  if (node?.parentId !== null && typeof node?.parentId !== 'string') problems.push('parentId must be a string or null');
  if (problems.length > 0) throw new OrganisationFileError(`Node #${index}: ${problems.join('; ')}`);
  return { id: node.id, name: node.name, kind: node.kind, parentId: node.parentId } as OrgNode;
}

/** The configured tree: a JSON array of `{ id, name, kind, parentId }` from `file`, or the default. */
export function loadOrganisation(file?: string): OrganisationTree {
  if (!file) return new OrganisationTree(defaultOrganisationNodes());
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OrganisationFileError(`Cannot read organisation tree ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(raw)) throw new OrganisationFileError(`${file} must hold a JSON array of nodes`);
  return new OrganisationTree(raw.map(parseNode));
}
