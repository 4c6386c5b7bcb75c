import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { organisationTree, type OrganisationNode } from '../api/agencies';
import { AgencyTreePicker } from './agency-tree-picker';

const NODES: OrganisationNode[] = [
  { id: 'national', name: 'Nasional', kind: 'national', parentId: null, zone: 'WIB' },
  { id: 'id-32', name: 'Jawa Barat', kind: 'province', parentId: 'national', zone: 'WIB' },
  { id: 'id-32.01', name: 'Kabupaten Bogor', kind: 'regency', parentId: 'id-32', zone: 'WIB' },
  { id: 'id-32.01-dinkes', name: 'Dinas Kesehatan Kabupaten Bogor', kind: 'regional_agency', parentId: 'id-32.01', zone: 'WIB' },
  { id: 'id-32.02', name: 'Kabupaten Sukabumi', kind: 'regency', parentId: 'id-32', zone: 'WIB' },
  { id: 'id-91', name: 'Papua', kind: 'province', parentId: 'national', zone: 'WIB' },
];

function Picker({ rootIds, initial = null }: { rootIds?: string[]; initial?: string | null }) {
  const [value, setValue] = useState<string | null>(initial);
  return (
    <>
      <AgencyTreePicker tree={organisationTree(NODES)} value={value} onChange={setValue} label="Tujuan" rootIds={rootIds} />
      <output data-testid="value">{value ?? ''}</output>
    </>
  );
}

describe('The organisation tree picker', () => {
  it('opens branches with the arrow keys and chooses with Enter', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    const tree = screen.getByRole('tree', { name: 'Tujuan' });
    // Only the roots' first level shows: the tree has thousands of nodes in production.
    expect(screen.getAllByRole('treeitem').map((item) => item.textContent)).toEqual(['▾Nasional', '▸Jawa Barat', 'Papua']);
    screen.getByRole('treeitem', { name: /Nasional/ }).focus();
    await user.keyboard('{ArrowDown}{ArrowRight}');
    expect(screen.getByRole('treeitem', { name: /Jawa Barat/ })).toHaveAttribute('aria-expanded', 'true');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('Kabupaten Sukabumi');
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('value')).toHaveTextContent('id-32.02');
    expect(screen.getByRole('treeitem', { name: /Kabupaten Sukabumi/ })).toHaveAttribute('aria-selected', 'true');
    expect(tree).toBeInTheDocument();
  });

  it('moves to the parent with ArrowLeft on a closed branch, and closes an open one', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    screen.getByRole('treeitem', { name: /Jawa Barat/ }).focus();
    await user.keyboard('{ArrowRight}{ArrowLeft}');
    expect(screen.getByRole('treeitem', { name: /Jawa Barat/ })).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toHaveTextContent('Nasional');
  });

  it('finds a node by name ignoring case and accents, shows its path, and opens the tree down to it', async () => {
    const user = userEvent.setup();
    render(<Picker />);
    await user.type(screen.getByLabelText('Cari unit'), 'dinas KESEHATAN');
    const match = screen.getByRole('button', { name: /Dinas Kesehatan Kabupaten Bogor/ });
    expect(match).toHaveTextContent('Nasional › Jawa Barat › Kabupaten Bogor');
    await user.click(match);
    expect(screen.getByTestId('value')).toHaveTextContent('id-32.01-dinkes');
    expect(screen.getByRole('treeitem', { name: /Dinas Kesehatan/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Dipilih: Dinas Kesehatan Kabupaten Bogor')).toBeInTheDocument();
  });

  it('offers only the subtrees within reach', async () => {
    const user = userEvent.setup();
    render(<Picker rootIds={['id-32']} />);
    expect(screen.queryByRole('treeitem', { name: /Papua/ })).toBeNull();
    await user.type(screen.getByLabelText('Cari unit'), 'papua');
    expect(screen.getByText('Tidak ada unit yang cocok.')).toBeInTheDocument();
  });

  it('opens the branches above the node already chosen', () => {
    render(<Picker initial="id-32.01-dinkes" />);
    expect(screen.getByRole('treeitem', { name: /Dinas Kesehatan/ })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('treeitem', { name: /Dinas Kesehatan/ })).toHaveAttribute('tabindex', '0');
  });
});
