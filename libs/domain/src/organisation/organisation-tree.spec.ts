import { InvalidOrganisationTreeError, OrganisationTree, type OrgNode } from './organisation-tree';

const nodes: OrgNode[] = [
  { id: 'national', name: 'Nasional', kind: 'national', parentId: null },
  { id: 'kemenko-pmk', name: 'Kemenko PMK', kind: 'coordinating_ministry', parentId: 'national' },
  { id: 'kemenkes', name: 'Kementerian Kesehatan', kind: 'ministry', parentId: 'kemenko-pmk' },
  { id: 'kemenkes-itjen', name: 'Inspektorat Jenderal', kind: 'unit', parentId: 'kemenkes' },
  { id: 'id-32', name: 'Provinsi Jawa Barat', kind: 'province', parentId: 'national' },
];

describe('OrganisationTree', () => {
  const tree = new OrganisationTree(nodes);

  it('finds the root and children', () => {
    expect(tree.root.id).toBe('national');
    expect(tree.children('national').map((n) => n.id)).toEqual(['kemenko-pmk', 'id-32']);
  });

  it('lists a subtree including the node itself', () => {
    expect(tree.subtreeIds('kemenko-pmk').sort()).toEqual(['kemenkes', 'kemenkes-itjen', 'kemenko-pmk']);
    expect(tree.subtreeIds('unknown')).toEqual([]);
  });

  it('gives the path from the root and answers subtree membership', () => {
    expect(tree.pathTo('kemenkes-itjen')).toEqual(['national', 'kemenko-pmk', 'kemenkes', 'kemenkes-itjen']);
    expect(tree.isWithin('kemenkes-itjen', 'kemenko-pmk')).toBe(true);
    expect(tree.isWithin('id-32', 'kemenko-pmk')).toBe(false);
  });

  it.each([
    ['two roots', [...nodes, { id: 'other', name: 'x', kind: 'national', parentId: null } as OrgNode]],
    ['an unknown parent', [...nodes, { id: 'u', name: 'x', kind: 'unit', parentId: 'nope' } as OrgNode]],
    ['a duplicate id', [...nodes, nodes[1]]],
    [
      'a cycle',
      [
        ...nodes,
        { id: 'a', name: 'a', kind: 'unit', parentId: 'b' } as OrgNode,
        { id: 'b', name: 'b', kind: 'unit', parentId: 'a' } as OrgNode,
      ],
    ],
  ])('rejects %s', (_label, invalid) => {
    expect(() => new OrganisationTree(invalid)).toThrow(InvalidOrganisationTreeError);
  });
});
