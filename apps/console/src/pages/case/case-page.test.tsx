import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../../api/schema';
import { SessionProvider } from '../../auth/session';
import type { CaseDetail } from './commands';

type HistoryEntry = components['schemas']['HistoryEntry'];

/** A small API: one complaint whose revision moves on as the test says, and the commands sent to it. */
const server = vi.hoisted(() => {
  const state = {
    revision: 3,
    history: [] as unknown[],
    detail: (_revision: number): unknown => ({}),
    sent: [] as { path: string; ifMatch: string | null; body: unknown }[],
  };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers } });
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const { pathname } = new URL(request.url);
    if (pathname === '/agencies') {
      return json(200, [
        { id: 'national', name: 'Nasional', kind: 'national', parentId: null, zone: 'WIB' },
        { id: 'id-32.01-dinkes', name: 'Dinas Kesehatan Kabupaten Bogor', kind: 'regional_agency', parentId: 'national', zone: 'WIB' },
      ]);
    }
    if (pathname === '/complaints/c-1') return json(200, state.detail(state.revision), { etag: `"${state.revision}"` });
    if (pathname === '/complaints/c-1/history') return json(200, state.history);
    if (request.method === 'POST') {
      const ifMatch = request.headers.get('if-match');
      state.sent.push({ path: pathname, ifMatch, body: await request.json() });
      if (pathname.endsWith('/link-policy-improvement')) {
        return json(400, {
          type: '/problems/validation-failed',
          title: 'Bad Request',
          status: 400,
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'effectiveDate', messages: ['effectiveDate must not be in the future'] }],
        });
      }
      if (ifMatch !== `"${state.revision}"`) {
        return json(412, { type: '/problems/revision-mismatch', title: 'Precondition Failed', status: 412, code: 'REVISION_MISMATCH', currentRevision: String(state.revision) });
      }
      state.revision += 1;
      return json(200, { id: 'c-1', revision: String(state.revision) });
    }
    return json(404, { code: 'NOT_FOUND', status: 404, title: 'Not Found', type: '/problems/not-found' });
  };
  return state;
});

const entry = (revision: number, type: string, role: HistoryEntry['actor']['role'], agencyId: string | null): HistoryEntry => ({
  eventId: `e-${revision}`,
  complaintId: 'c-1',
  revision: String(revision),
  type,
  actor: { id: null, role, agencyId },
  occurredAt: '2026-12-05T03:00:00Z',
  recordedAt: '2026-12-05T03:00:00Z',
  correlationId: 'corr',
  summary: type,
  summaryInIndonesian: null,
});

const detailAt = (revision: number): CaseDetail => ({
  id: 'c-1',
  trackingId: 'LPR-TEST00000001',
  title: 'Loket tutup lebih awal',
  description: 'Loket pengaduan tutup pukul 11.',
  channel: 'web',
  category: 'kesehatan',
  location: null,
  incidentDate: null,
  status: 'IN_PROGRESS',
  classification: 'pengaduan',
  slaClass: 'ordinary',
  confidential: false,
  anonymous: false,
  hasReporterIdentity: false,
  targetAgencyId: 'id-32.01-dinkes',
  assigneeAgencyId: 'id-32.01-dinkes',
  currentAgencyId: 'id-32.01-dinkes',
  submittedAt: '2026-12-01T02:00:00Z',
  updatedAt: '2026-12-05T03:00:00Z',
  deadlines: { followUp: { due: '2026-12-11T16:59:59Z' } },
  remainingWorkingDays: { followUp: 4 },
  revision: String(revision),
  dispositions: [],
  bounceCount: 0,
  clarifications: [],
  mediation: null,
  investigation: null,
  followUps: [],
  rejection: null,
  archival: null,
  closure: null,
  allowedActions: ['request-clarification', 'respond'],
});

const { CasePage } = await import('./index');

function renderCase() {
  const session = { token: 'x.e30.y', role: 'agency_admin', agencyId: 'id-32.01-dinkes', subject: 'officer', expiresAt: Date.now() + 60_000, via: 'development' } as const;
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider initial={session}>
        <MemoryRouter initialEntries={['/kasus/c-1']}>
          <Routes>
            <Route path="/kasus/:id" element={<CasePage />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('A command refused because the case changed meanwhile', () => {
  beforeEach(() => {
    server.revision = 3;
    server.history = [entry(3, 'DispositionAccepted', 'agency_admin', 'id-32.01-dinkes')];
    server.detail = detailAt;
    server.sent = [];
  });

  it('names who changed the case, keeps the typed follow-up through the reload, and sends it on the new revision', async () => {
    const user = userEvent.setup();
    renderCase();
    await screen.findByText('Revisi 3');
    await user.click(screen.getByRole('button', { name: 'Beri tindak lanjut' }));
    const followUp = 'Loket kini buka sampai pukul 15.';
    await user.type(screen.getByRole('textbox', { name: 'Tindak lanjut' }), followUp);

    // Another officer asks a clarification meanwhile.
    server.revision = 4;
    server.history = [...server.history, entry(4, 'ClarificationRequested', 'unit_officer', 'id-32.01-dinkes')];
    await user.click(screen.getByRole('button', { name: 'Kirim' }));

    const panel = await screen.findByRole('alert');
    expect(panel).toHaveTextContent('Pengaduan sudah diubah orang lain');
    const change = await within(panel).findByText('Klarifikasi diminta', { exact: false });
    expect(change.closest('li')).toHaveTextContent('Klarifikasi diminta — Petugas unit, Dinas Kesehatan Kabupaten Bogor');
    expect(within(panel).queryByText(/Disposisi diterima/)).toBeNull();
    expect(server.sent).toEqual([{ path: '/complaints/c-1/respond', ifMatch: '"3"', body: { followUp } }]);

    await user.click(within(panel).getByRole('button', { name: 'Muat ulang pengaduan' }));
    await screen.findByText('Revisi 4');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Tindak lanjut' })).toHaveValue(followUp);

    await user.click(screen.getByRole('button', { name: 'Kirim' }));
    // The form is gone; focus moves to the result, where a screen reader reads it.
    expect(await screen.findByText('Berhasil: Beri tindak lanjut.')).toHaveFocus();
    expect(server.sent[1]).toEqual({ path: '/complaints/c-1/respond', ifMatch: '"4"', body: { followUp } });
    expect(screen.getByText('Revisi 5')).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Tindak lanjut' })).toBeNull();
  });

  it('shows the API’s field errors beside the form and keeps the form open', async () => {
    const user = userEvent.setup();
    server.detail = (revision) => ({ ...detailAt(revision), allowedActions: ['link-policy-improvement'] });
    renderCase();
    await user.click(await screen.findByRole('button', { name: 'Catat perbaikan kebijakan' }));
    await user.type(screen.getByRole('textbox', { name: 'Judul kebijakan' }), 'Jam layanan loket');
    await user.type(screen.getByRole('textbox', { name: 'Uraian' }), 'Loket buka sampai pukul 15.');
    const date = screen.getByLabelText('Tanggal berlaku');
    await user.type(date, '2030-01-01');
    await user.click(screen.getByRole('button', { name: 'Kirim' }));

    await screen.findByText('Periksa isian berikut:');
    expect(date).toHaveAccessibleDescription('effectiveDate must not be in the future');
    expect(screen.getByRole('textbox', { name: 'Judul kebijakan' })).toHaveValue('Jam layanan loket');
    expect(server.sent[0]!.body).toEqual({ policyTitle: 'Jam layanan loket', description: 'Loket buka sampai pukul 15.', effectiveDate: '2030-01-01' });
  });
});

describe('A case pushed to SP4N-LAPOR!', () => {
  beforeEach(() => {
    server.revision = 3;
    server.history = [];
    server.sent = [];
  });

  it('shows its id there and what was last seen, beside our own status', async () => {
    server.detail = (revision) => ({
      ...detailAt(revision),
      externalSync: [
        {
          system: 'sp4n-lapor',
          externalId: '5010653',
          agencyId: 'id-32.01-dinkes',
          recordedAt: '2026-12-01T02:05:00Z',
          observed: {
            statusCode: '2',
            statusName: 'Dalam Proses',
            mappedStatus: 'IN_PROGRESS',
            mappingVersion: 'sp4n-lapor-v3/1',
            followUpCount: 2,
            latestFollowUpAt: '2026-12-03T02:00:00Z',
            at: '2026-12-04T02:00:00Z',
          },
        },
      ],
    });
    renderCase();
    const section = (await screen.findByRole('heading', { name: 'SP4N-LAPOR!' })).closest('section')!;
    expect(section).toHaveTextContent('Pengaduan 5010653 di SP4N-LAPOR!, diteruskan untuk Dinas Kesehatan Kabupaten Bogor');
    expect(section).toHaveTextContent('Di sana: Dalam Proses, 2 tindak lanjut.');
  });

  it('shows nothing of it for a case never pushed', async () => {
    server.detail = detailAt;
    renderCase();
    await screen.findByText('Revisi 3');
    expect(screen.queryByRole('heading', { name: 'SP4N-LAPOR!' })).toBeNull();
  });
});
