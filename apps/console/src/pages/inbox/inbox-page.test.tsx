import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import type { components } from '../../api/schema';
import { SessionProvider } from '../../auth/session';

type Complaint = components['schemas']['ComplaintDetail'];

/** The list the API gives, and every list request's query. */
const listApi = vi.hoisted(() => {
  const state = { items: [] as unknown[], total: 0, queries: [] as URLSearchParams[] };
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const body =
      url.pathname === '/agencies'
        ? [{ id: 'id-32.01-dinkes', name: 'Dinas Kesehatan Kabupaten Bogor', kind: 'regional_agency', parentId: null, zone: 'WITA' }]
        : (state.queries.push(url.searchParams), { items: state.items, page: Number(url.searchParams.get('page')), pageSize: 50, total: state.total });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return state;
});

const { InboxPage } = await import('./index');

const complaint = (n: number, extra: Partial<Complaint> = {}): Complaint =>
  ({
    id: `c-${n}`,
    trackingId: `LPR-${String(n).padStart(12, '0')}`,
    title: `Pengaduan ${n}`,
    status: 'IN_PROGRESS',
    currentAgencyId: 'id-32.01-dinkes',
    submittedAt: '2026-12-01T01:30:00Z',
    deadlines: { followUp: { due: '2026-12-03T15:59:59Z' } },
    remainingWorkingDays: { followUp: -2 },
    isOverdue: true,
    isEscalated: false,
    ...extra,
  }) as Complaint;

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.search}</output>;
}

function renderInbox(search = '') {
  const session = { token: 'x.e30.y', role: 'agency_admin', agencyId: 'id-32.01-dinkes', subject: 'officer', expiresAt: Date.now() + 60_000, via: 'development' } as const;
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider initial={session}>
        <MemoryRouter initialEntries={[`/kotak-masuk${search}`]}>
          <Routes>
            <Route path="/kotak-masuk" element={<><InboxPage /><Where /></>} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('The inbox', () => {
  it('lists the queue with each row’s holder, time in the agency’s zone and overdue clock in words', async () => {
    listApi.items = [complaint(1), complaint(2, { isEscalated: true, isOverdue: false, remainingWorkingDays: { followUp: 3 } })];
    listApi.total = 2;
    listApi.queries = [];
    renderInbox();
    const table = await screen.findByRole('table', { name: 'Daftar pengaduan' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'Pengaduan 1' })).toHaveAttribute('href', '/kasus/c-1');
    // 01:30 UTC is 09:30 in WITA.
    expect(rows[0]).toHaveTextContent('09.30 WITA');
    expect(rows[0]).toHaveTextContent('Terlambat 2 hari kerja');
    expect(rows[1]).toHaveTextContent('Sisa 3 hari kerja');
    expect(rows[1]).toHaveTextContent('Dieskalasi');
    expect(screen.getByText('Halaman 1 dari 1')).toBeInTheDocument();
    expect(Object.fromEntries(listApi.queries[0]!)).toEqual({ agency: 'id-32.01-dinkes', sort: 'due', page: '1', pageSize: '50' });
  });

  it('keeps its filters and page in the address and asks the API for them', async () => {
    const user = userEvent.setup();
    listApi.items = [complaint(1)];
    listApi.total = 120;
    listApi.queries = [];
    renderInbox('?page=2');
    await screen.findByText('Halaman 2 dari 3');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Diproses');
    await user.click(screen.getByRole('checkbox', { name: 'Hanya yang melewati tenggat' }));
    await screen.findByText('Halaman 1 dari 3');
    expect(screen.getByTestId('where')).toHaveTextContent('?status=IN_PROGRESS&overdue=1');
    expect(Object.fromEntries(listApi.queries.at(-1)!)).toMatchObject({ status: 'IN_PROGRESS', overdue: 'true', page: '1' });
    await user.click(screen.getByRole('button', { name: 'Berikutnya' }));
    expect(screen.getByTestId('where')).toHaveTextContent('?status=IN_PROGRESS&overdue=1&page=2');
  });

  it('explains when ordering by due date leaves out complaints it counts', async () => {
    listApi.items = [complaint(1)];
    listApi.total = 3;
    const { unmount } = renderInbox();
    expect(await screen.findByText(/tidak tampil dalam urutan tenggat/)).toBeInTheDocument();
    unmount();
    renderInbox('?sort=oldest');
    await screen.findByText('Halaman 1 dari 1');
    expect(screen.queryByText(/tidak tampil dalam urutan tenggat/)).toBeNull();
  });

  it('says so when nothing matches', async () => {
    listApi.items = [];
    listApi.total = 0;
    renderInbox('?q=tidak-ada');
    expect(await screen.findByText('Tidak ada pengaduan yang cocok dengan saringan ini.')).toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: /Cari nomor pelacakan/ })).toHaveValue('tidak-ada');
  });
});
