import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session';
import type { Indicators } from './indicator-cards';
import { DashboardPage } from './index';

// The API client takes `fetch` when it is created: the stub is in place before any import.
const answers = vi.hoisted(() => {
  const routes = new Map<string, () => Response>();
  globalThis.fetch = (async (request: Request) => {
    const url = new URL(request.url);
    const route = routes.get(url.pathname + url.search) ?? routes.get(url.pathname);
    return route ? route() : new Response(JSON.stringify({ code: 'NOT_FOUND', status: 404 }), { status: 404, headers: { 'content-type': 'application/problem+json' } });
  }) as typeof fetch;
  return routes;
});
const json = (body: unknown) => () => new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

const empty = (received: number): Indicators => ({
  received,
  verified: 0,
  verifiedWithinSlaRate: null,
  disposed: 0,
  disposedWithinSlaRate: null,
  followUpRate: null,
  completionRate: null,
  followedUp: 0,
  followedUpWithinSlaRate: null,
  daysToFirstFollowUp: { median: null, p90: null, count: 0 },
  slaCompliance: { information: { responded: 0, withinSla: 0, rate: null }, ordinary: { responded: 0, withinSla: 0, rate: null }, supervisory: { responded: 0, withinSla: 0, rate: null } },
  backlog: { open: 0, ageing: { '0-7': 0, '8-30': 0, '31-60': 0, '>60': 0 } },
  bounceRate: null,
  disputes: 0,
  disputeRate: null,
  normativeAnswers: 0,
  normativeRate: null,
  rating: { average: null, count: 0 },
  leadershipReviews: 0,
  policyImprovements: 0,
  escalations: 0,
  ombudsmanReferrals: 0,
  duplicates: 0,
});

const list = { count: 0, items: [], nextCursor: null };
const session = { token: 'token', role: 'apip_inspector' as const, agencyId: 'id-32.01', subject: 'inspector', expiresAt: Date.now() + 3_600_000, via: 'development' as const };

function renderAt(url: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider initial={session}>
        <MemoryRouter initialEntries={[url]}>
          <DashboardPage />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

beforeAll(() => {
  answers.set(
    '/agencies',
    json([
      { id: 'national', name: 'Nasional', kind: 'national', parentId: null, zone: 'WIB' },
      { id: 'id-32', name: 'Provinsi Jawa Barat', kind: 'province', parentId: 'national', zone: 'WIB' },
      { id: 'id-32.01', name: 'Kabupaten Bogor', kind: 'regency', parentId: 'id-32', zone: 'WIB' },
    ]),
  );
  answers.set(
    '/monev/exceptions',
    json({ node: { id: 'id-32.01' }, asOf: '2026-02-01T00:00:00Z', kinds: { 'no-follow-up-overdue': list, escalated: list, bouncing: list, disputed: list, ombudsman: list } }),
  );
});
beforeEach(() => sessionStorage.clear());

describe('The dashboard page', () => {
  it('says a closed period is served from its snapshot, and shows the restated figures on request', async () => {
    answers.set(
      '/monev/indicators?node=id-32.01&period=2025',
      json({
        node: { id: 'id-32.01', name: 'Kabupaten Bogor', kind: 'regency' },
        period: '2025',
        zone: 'WIB',
        periodStart: '2024-12-31T17:00:00.000Z',
        periodEnd: '2025-12-31T17:00:00.000Z',
        asOf: '2026-01-02T03:00:00.000Z',
        source: 'snapshot',
        snapshot: { position: '120431', closedAt: '2026-01-02T03:00:00.000Z', scoringPolicyVersion: '2026.1' },
        own: empty(7),
        subtree: empty(7),
        restatement: { own: empty(8), subtree: empty(8) },
      }),
    );
    renderAt('/dasbor?period=2025');
    const note = await screen.findByRole('note');
    expect(note).toHaveTextContent('Periode ini sudah ditutup pada 2 Jan 2026, 10.00 WIB');
    expect(note).toHaveTextContent('posisi log 120431, formula penilaian 2026.1');
    const received = () => screen.getByRole('heading', { name: 'Pengaduan diterima' }).closest('li')!.querySelector('.indicator-value');
    expect(received()).toHaveTextContent('7');
    await userEvent.click(within(note).getByRole('checkbox', { name: 'Tampilkan angka pernyataan ulang (menurut log saat ini)' }));
    expect(received()).toHaveTextContent('8');
    // A regency without units below has no ranking to show.
    expect(screen.queryByRole('heading', { name: 'Peringkat unit di bawahnya' })).toBeNull();
  });

  it('lists each kind of exception with its oldest complaints linked to their cases, and pages on with the cursor', async () => {
    const item = (n: number) => ({
      complaintId: `c-${n}`,
      trackingId: `LPR-${n}`,
      title: `Keluhan ${n}`,
      status: 'RESPONDED',
      agency: { id: 'id-32.01-dinkes', name: 'Dinas Kesehatan Kabupaten Bogor' },
      since: '2026-01-20T03:00:00Z',
      ageDays: 12,
    });
    answers.set(
      '/monev/exceptions?node=id-32.01&limit=5',
      json({
        node: { id: 'id-32.01' },
        asOf: '2026-02-01T00:00:00Z',
        kinds: { 'no-follow-up-overdue': list, escalated: list, bouncing: list, disputed: { count: 7, items: [1, 2, 3, 4, 5].map(item), nextCursor: 'after-5' }, ombudsman: list },
      }),
    );
    answers.set(
      '/monev/exceptions?node=id-32.01&kind=disputed&limit=20&cursor=after-5',
      json({ node: { id: 'id-32.01' }, asOf: '2026-02-01T00:00:00Z', kind: 'disputed', count: 7, items: [6, 7].map(item), nextCursor: null }),
    );
    answers.set(
      '/monev/indicators?node=id-32.01&period=2026',
      json({
        node: { id: 'id-32.01', name: 'Kabupaten Bogor', kind: 'regency' },
        period: '2026',
        zone: 'WIB',
        periodStart: '2025-12-31T17:00:00.000Z',
        periodEnd: '2026-12-31T17:00:00.000Z',
        asOf: '2026-02-01T00:00:00.000Z',
        source: 'live',
        snapshot: null,
        own: empty(7),
        subtree: empty(7),
        restatement: null,
      }),
    );
    renderAt('/dasbor?period=2026');
    const disputed = await screen.findByRole('region', { name: /Tindak lanjut disanggah/ });
    expect(within(disputed).getByRole('link', { name: 'Keluhan 1' })).toHaveAttribute('href', '/kasus/c-1');
    expect(within(disputed).getByRole('link', { name: 'Jejak audit: Keluhan 1' })).toHaveAttribute('href', '/jejak/c-1');
    expect(within(disputed).getAllByRole('listitem')[0]).toHaveTextContent('LPR-1 · Dinas Kesehatan Kabupaten Bogor · ');
    expect(within(disputed).getAllByRole('listitem')[0]).toHaveTextContent('12 hari sejak 20 Jan 2026');
    await userEvent.click(within(disputed).getByRole('button', { name: 'Tampilkan lebih banyak' }));
    expect(await within(disputed).findByRole('link', { name: 'Keluhan 7' })).toHaveAttribute('href', '/kasus/c-7');
    expect(within(disputed).getAllByRole('link', { name: /^Keluhan \d$/ })).toHaveLength(7);
    expect(within(disputed).queryByRole('button', { name: 'Tampilkan lebih banyak' })).toBeNull();
    expect(within(screen.getByRole('region', { name: /Dieskalasi/ })).getByText('Tidak ada.')).toBeInTheDocument();
  });

  it('says readably that a unit out of reach is not found', async () => {
    renderAt('/dasbor?node=id-33&period=2026');
    expect(await screen.findByText('Tidak ditemukan.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Kembali ke Kabupaten Bogor' })).toHaveAttribute('href', '/dasbor?node=id-32.01&period=2026');
  });
});
