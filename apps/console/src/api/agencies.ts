import { useQuery } from '@tanstack/react-query';
import type { ZoneName } from '../format';
import { api, unwrap } from './client';
import type { components } from './schema';

export type OrganisationNode = components['schemas']['AgencyListNode'];

/** The organisation tree as the console walks it: by id, children in the API's order, and each node's path from the root. */
export interface OrganisationTree {
  nodes: ReadonlyMap<string, OrganisationNode>;
  children: ReadonlyMap<string | null, readonly OrganisationNode[]>;
  roots: readonly OrganisationNode[];
  /** The node's name, or its id when the tree does not know it. */
  nameOf(id: string | null | undefined): string;
  zoneOf(id: string | null | undefined): ZoneName;
  /** Ids from the root down to the node, the node included. */
  pathOf(id: string): string[];
}

export function organisationTree(list: readonly OrganisationNode[]): OrganisationTree {
  const nodes = new Map(list.map((node) => [node.id, node]));
  const children = new Map<string | null, OrganisationNode[]>();
  for (const node of list) {
    const parent = node.parentId !== null && nodes.has(node.parentId) ? node.parentId : null;
    let siblings = children.get(parent);
    if (!siblings) children.set(parent, (siblings = []));
    siblings.push(node);
  }
  const pathOf = (id: string): string[] => {
    const path: string[] = [];
    for (let node = nodes.get(id); node; node = node.parentId === null ? undefined : nodes.get(node.parentId)) path.unshift(node.id);
    return path;
  };
  return {
    nodes,
    children,
    roots: children.get(null) ?? [],
    nameOf: (id) => (id ? (nodes.get(id)?.name ?? id) : '—'),
    zoneOf: (id) => (id ? nodes.get(id)?.zone : undefined) ?? 'WIB',
    pathOf,
  };
}

/**
 * The whole tree, read once per session: it changes only with a new deployment. `readerToken` reads it
 * for someone not signed in yet (the development sign-in).
 */
export function useOrganisationTree(readerToken?: () => Promise<string>) {
  return useQuery({
    queryKey: ['agencies'],
    queryFn: async () => {
      const headers = readerToken ? { authorization: `Bearer ${await readerToken()}` } : undefined;
      return organisationTree(await unwrap(api.GET('/agencies', { headers })));
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}
