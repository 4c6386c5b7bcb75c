/**
 * The organisation tree: National at the root, coordinating ministries over ministries
 * and agencies over their units, provinces over provincial agencies and regencies/cities
 * over theirs. Monitors see a node's subtree; disposition rights are subtree-scoped.
 */
export const ORG_NODE_KINDS = [
  'national',
  'coordinating_ministry',
  'ministry',
  'unit',
  'province',
  'regency',
  'city',
  'regional_agency',
] as const;
export type OrgNodeKind = (typeof ORG_NODE_KINDS)[number];

export interface OrgNode {
  id: string;
  name: string;
  kind: OrgNodeKind;
  parentId: string | null;
}

export class InvalidOrganisationTreeError extends Error {
  override readonly name = 'InvalidOrganisationTreeError';
}

export class OrganisationTree {
  private readonly byId = new Map<string, OrgNode>();
  private readonly childIds = new Map<string, string[]>();
  readonly root: OrgNode;

  constructor(nodes: readonly OrgNode[]) {
    for (const node of nodes) {
      if (this.byId.has(node.id)) throw new InvalidOrganisationTreeError(`Duplicate node id ${node.id}`);
      this.byId.set(node.id, node);
      this.childIds.set(node.id, []);
    }
    const roots = nodes.filter((n) => n.parentId === null);
    if (roots.length !== 1) throw new InvalidOrganisationTreeError(`Expected one root, found ${roots.length}`);
    this.root = roots[0];
    for (const node of nodes) {
      if (node.parentId === null) continue;
      const siblings = this.childIds.get(node.parentId);
      if (!siblings) throw new InvalidOrganisationTreeError(`Node ${node.id} has unknown parent ${node.parentId}`);
      siblings.push(node.id);
    }
    // Every node must hang below the root; a cycle would leave nodes unreachable.
    if (this.subtreeIds(this.root.id).length !== nodes.length) {
      throw new InvalidOrganisationTreeError('Some nodes are not reachable from the root (cycle?)');
    }
  }

  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): OrgNode | undefined {
    return this.byId.get(id);
  }

  nodes(): OrgNode[] {
    return [...this.byId.values()];
  }

  children(id: string): OrgNode[] {
    return (this.childIds.get(id) ?? []).map((childId) => this.byId.get(childId)!);
  }

  /** The node and every node below it, depth first. Empty for an unknown id. */
  subtreeIds(id: string): string[] {
    if (!this.byId.has(id)) return [];
    const result: string[] = [];
    const stack = [id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      result.push(current);
      stack.push(...(this.childIds.get(current) ?? []));
    }
    return result;
  }

  /** The path from the root down to the node itself. Empty for an unknown id. */
  pathTo(id: string): string[] {
    const path: string[] = [];
    for (let node = this.byId.get(id); node; node = node.parentId ? this.byId.get(node.parentId) : undefined) {
      path.unshift(node.id);
    }
    return path;
  }

  isRoot(id: string): boolean {
    return id === this.root.id;
  }

  isWithin(id: string, ancestorId: string): boolean {
    return this.pathTo(id).includes(ancestorId);
  }
}
