import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../../api/schema';
import { changeLanguage } from '../../i18n';

// The API client takes `fetch` when it is created, so the stand-in is in place before any import.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

const { TrackPage } = await import('./track');

type TrackingView = components['schemas']['TrackingView'];

const SECRET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } });

const viewAt = (revision: string, overrides: Partial<TrackingView> = {}): TrackingView => ({
  trackingId: 'LPR-7K3Q9X2M4D1A',
  status: 'AWAITING_REPORTER',
  publicStatus: 'Menunggu Klarifikasi Pelapor',
  submittedAt: '2026-12-01T02:00:00Z',
  updatedAt: '2026-12-02T02:00:00Z',
  followUps: [],
  openQuestions: [{ clarificationId: '11111111-1111-4111-8111-111111111111', question: 'Jam berapa Anda datang?', requestedAt: '2026-12-02T02:00:00Z' }],
  answeredQuestions: [],
  revision,
  rating: null,
  closure: null,
  disputeWindowEndsAt: null,
  zone: 'WIB',
  allowedActions: ['answer-clarification'],
  ...overrides,
});

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search + location.hash}</p>;
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/lacak" element={<TrackPage />} />
          <Route path="/lacak/:trackingId" element={<TrackPage />} />
        </Routes>
        <Where />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => sessionStorage.clear());
afterEach(() => fetchMock.mockReset());

describe('The tracking page', () => {
  it('says plainly that the id or secret does not match, and never puts the secret in the address', async () => {
    fetchMock.mockResolvedValue(json(404, { code: 'NOT_FOUND', title: 'Not Found', status: 404 }));
    const user = userEvent.setup();
    renderAt('/lacak');
    await user.type(screen.getByLabelText('Nomor pelacakan'), 'lpr-7k3q9x2m4d1a');
    await user.type(screen.getByLabelText('Kode rahasia'), ' wron g ');
    await user.click(screen.getByRole('button', { name: 'Lihat laporan' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nomor pelacakan atau kode rahasia tidak cocok.');
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe('/track/LPR-7K3Q9X2M4D1A');
    expect(request.headers.get('x-tracking-secret')).toBe('WRONG');
    expect(screen.getByTestId('where')).toHaveTextContent(/^\/lacak\/LPR-7K3Q9X2M4D1A$/);
    // A secret that opened nothing is not kept.
    expect(sessionStorage.length).toBe(0);
  });

  it('answers on the revision it showed; when the complaint changed meanwhile it reloads and keeps the typed answer', async () => {
    sessionStorage.setItem('lacak.tracking.LPR-7K3Q9X2M4D1A', SECRET);
    const views = [viewAt('5'), viewAt('6', { updatedAt: '2026-12-03T02:00:00Z' }), viewAt('7', { openQuestions: [], allowedActions: [], answeredQuestions: [] })];
    const answers = [json(412, { code: 'REVISION_MISMATCH', status: 412, currentRevision: '6' }), json(200, { revision: '7' })];
    const sent: Array<{ ifMatch: string | null; body: unknown }> = [];
    fetchMock.mockImplementation(async (request) => {
      if (request.method === 'GET') return json(200, views.length > 1 ? views.shift() : views[0]);
      sent.push({ ifMatch: request.headers.get('if-match'), body: await request.json() });
      return answers.shift()!;
    });
    const user = userEvent.setup();
    renderAt('/lacak/LPR-7K3Q9X2M4D1A');
    await user.type(await screen.findByLabelText('Jawaban Anda'), 'Pukul tujuh pagi.');
    await user.click(screen.getByRole('button', { name: 'Kirim jawaban' }));

    expect(await screen.findByText(/Laporan ini baru saja berubah/)).toBeInTheDocument();
    expect(screen.getByLabelText('Jawaban Anda')).toHaveValue('Pukul tujuh pagi.');
    expect(sent[0]).toEqual({ ifMatch: '"5"', body: { clarificationId: '11111111-1111-4111-8111-111111111111', answer: 'Pukul tujuh pagi.' } });

    await user.click(screen.getByRole('button', { name: 'Kirim jawaban' }));
    await waitFor(() => expect(screen.queryByLabelText('Jawaban Anda')).not.toBeInTheDocument());
    expect(sent[1]!.ifMatch).toBe('"6"');
  });

  it('sends a photo with the secret, marked as revealing who the reporter is when they tick it, and says it was sent', async () => {
    sessionStorage.setItem('lacak.tracking.LPR-7K3Q9X2M4D1A', SECRET);
    const views = [viewAt('5'), viewAt('6')];
    let sent: { secret: string | null; ifMatch: string | null; path: string; form: FormData } | undefined;
    fetchMock.mockImplementation(async (request) => {
      if (request.method === 'GET') return json(200, views.length > 1 ? views.shift() : views[0]);
      sent = { secret: request.headers.get('x-tracking-secret'), ifMatch: request.headers.get('if-match'), path: new URL(request.url).pathname, form: await request.formData() };
      return json(201, { id: 'a-1', href: '/track/LPR-7K3Q9X2M4D1A/attachments/a-1', revision: '6' });
    });
    const user = userEvent.setup();
    renderAt('/lacak/LPR-7K3Q9X2M4D1A');
    await user.upload(await screen.findByLabelText('Pilih berkas'), new File(['jpeg'], 'ktp.jpg', { type: 'image/jpeg' }));
    const identifying = screen.getByRole('checkbox', { name: 'Dokumen ini mengungkap identitas saya' });
    expect(identifying).toHaveAccessibleDescription(/hanya dapat dibuka petugas yang boleh melihat identitas Anda/);
    await user.click(identifying);
    await user.click(screen.getByRole('button', { name: 'Kirim lampiran' }));

    expect(await screen.findByText('Lampiran terkirim.')).toBeInTheDocument();
    expect(sent!.path).toBe('/track/LPR-7K3Q9X2M4D1A/attachments');
    expect(sent!.secret).toBe(SECRET);
    expect(sent!.ifMatch).toBe('"5"');
    // The mark comes before the file, as the API reads the parts in order.
    expect([...sent!.form.keys()]).toEqual(['identifying', 'file']);
    expect(sent!.form.get('identifying')).toBe('true');
    expect((sent!.form.get('file') as File).name).toBe('ktp.jpg');
    expect(identifying).not.toBeChecked();
  });

  it('offers no upload once the report is closed', async () => {
    sessionStorage.setItem('lacak.tracking.LPR-7K3Q9X2M4D1A', SECRET);
    fetchMock.mockResolvedValue(json(200, viewAt('9', { status: 'CLOSED', openQuestions: [], allowedActions: [] })));
    renderAt('/lacak/LPR-7K3Q9X2M4D1A');
    await screen.findByTestId('public-status');
    expect(screen.queryByLabelText('Pilih berkas')).toBeNull();
  });

  it('shows times in the zone of the agency holding the complaint, named', async () => {
    sessionStorage.setItem('lacak.tracking.LPR-7K3Q9X2M4D1A', SECRET);
    fetchMock.mockResolvedValue(json(200, viewAt('5', { zone: 'WIT' })));
    renderAt('/lacak/LPR-7K3Q9X2M4D1A');
    // Submitted at 02.00 UTC: 11.00 in WIT (UTC+9).
    expect(await screen.findByText(/1 Des 2026,? 11\.00 WIT/)).toBeInTheDocument();
    expect(screen.queryByText(/WIB/)).toBeNull();
  });

  it('gives the status in English words when the console speaks English', async () => {
    sessionStorage.setItem('lacak.tracking.LPR-7K3Q9X2M4D1A', SECRET);
    fetchMock.mockResolvedValue(json(200, viewAt('5')));
    await changeLanguage('en');
    try {
      renderAt('/lacak/LPR-7K3Q9X2M4D1A');
      expect(await screen.findByTestId('public-status')).toHaveTextContent('Waiting for your clarification');
      expect(screen.getByRole('heading', { name: 'Questions for you' })).toBeInTheDocument();
    } finally {
      await changeLanguage('id');
    }
  });
});
