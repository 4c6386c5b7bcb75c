import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type Ranking, RankingSection } from './ranking-section';

const node = (id: string, name: string) => ({ id, name, kind: 'regency' as const });
const entry = (id: string, name: string, rank: number | null, score: number | null, previousRank: number | null, scoreChange: number | null): Ranking['agencies'][number] => ({
  rank,
  nodeId: id,
  agency: node(id, name),
  score,
  received: 10,
  breakdown: [],
  trend: { previousRank, previousScore: null, scoreChange, pointsChange: {} },
});

const RANKING: Ranking = {
  parent: { id: 'id-32', name: 'Provinsi Jawa Barat', kind: 'province' },
  period: '2026',
  previousPeriod: '2025',
  source: 'live',
  snapshot: null,
  scoringPolicy: { version: '2026.1', weights: {}, targets: {} },
  agencies: [entry('id-32.01', 'Kabupaten Bogor', 1, 82.46, 3, 5.25), entry('id-32.73', 'Kota Bandung', 2, 60, 1, -2), entry('id-32.02', 'Kabupaten Sukabumi', null, null, null, null)],
};

beforeAll(() => {
  // jsdom draws nothing: the chart gets no context and stays a named, empty canvas.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('The ranking of a node’s children', () => {
  it('draws a named chart and gives the same figures in a table, each child a link to its dashboard', () => {
    render(
      <MemoryRouter>
        <RankingSection ranking={RANKING} linkTo={(id) => `/dasbor?node=${id}`} onOpen={() => undefined} />
      </MemoryRouter>,
    );
    expect(screen.getByRole('img', { name: /Diagram batang skor unit di bawah Provinsi Jawa Barat/ })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Peringkat unit di bawah Provinsi Jawa Barat' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const cells = (row: HTMLElement) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent);
    expect(cells(rows[0]!)).toEqual(['1', 'Kabupaten Bogor', '82,5', '10', '▲ naik 2 peringkat (+5,3 poin)']);
    expect(cells(rows[1]!)).toEqual(['2', 'Kota Bandung', '60', '10', '▼ turun 1 peringkat (-2 poin)']);
    expect(cells(rows[2]!)).toEqual(['—', 'Kabupaten Sukabumi', 'Belum ada data', '10', 'belum ada peringkat sebelumnya']);
    expect(within(rows[0]!).getByRole('link', { name: 'Kabupaten Bogor' })).toHaveAttribute('href', '/dasbor?node=id-32.01');
  });
});
