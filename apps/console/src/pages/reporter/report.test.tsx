import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Session, SessionProvider } from '../../auth/session';

// The API client takes `fetch` when it is created, so the stand-in is in place before any import.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

const { ReportPage } = await import('./report');

const REPORTER: Session = { token: 'token', role: 'reporter', agencyId: null, subject: 'reporter-1', expiresAt: Date.now() + 3_600_000, via: 'development' };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function renderAs(session: Session | null) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider initial={session}>
        <MemoryRouter initialEntries={['/lapor']}>
          <ReportPage />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => sessionStorage.clear());
afterEach(() => fetchMock.mockReset());

describe('The complaint form', () => {
  it('tells a visitor why an account is needed, how to sign in, and where to track without one', () => {
    renderAs(null);
    expect(screen.getByRole('heading', { name: 'Masuk untuk membuat laporan' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Masuk sebagai pelapor' })).toHaveAttribute('href', '/masuk?next=%2Flapor');
    expect(screen.getByRole('link', { name: 'Lacak laporan' })).toHaveAttribute('href', '/lacak');
  });

  it('files once however often it is sent: a retry carries the same Idempotency-Key, and shows the id and secret', async () => {
    const posted: Array<{ key: string | null; body: Record<string, unknown> }> = [];
    let attempts = 0;
    fetchMock.mockImplementation(async (request) => {
      const path = new URL(request.url).pathname;
      if (request.method === 'GET' && path === '/agencies') return json(200, []);
      if (request.method === 'GET' && path === '/complaints') return json(200, { items: [], page: 1, pageSize: 20, total: 0 });
      posted.push({ key: request.headers.get('idempotency-key'), body: await request.json() });
      // The first answer is lost on the way back.
      if (++attempts === 1) throw new TypeError('Failed to fetch');
      return json(201, { id: 'c-1', trackingId: 'LPR-7K3Q9X2M4D1A', trackingSecret: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567' });
    });
    const user = userEvent.setup();
    renderAs(REPORTER);
    await user.type(screen.getByLabelText('Judul laporan (wajib)'), 'Pungutan liar');
    await user.type(screen.getByLabelText('Isi laporan (wajib)'), 'Diminta membayar untuk surat pengantar.');
    await user.click(screen.getByLabelText(/^Anonim:/));
    await user.click(screen.getByRole('button', { name: 'Kirim laporan' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Kirim laporan' }));

    expect(await screen.findByRole('heading', { name: 'Laporan Anda terkirim' })).toBeInTheDocument();
    expect(screen.getByTestId('tracking-id')).toHaveTextContent('LPR-7K3Q9X2M4D1A');
    expect(screen.getByTestId('tracking-secret')).toHaveTextContent('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567');
    expect(screen.getByText('Kode rahasia hanya ditampilkan sekali.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Lacak laporan ini' })).toHaveAttribute('href', '/lacak/LPR-7K3Q9X2M4D1A');
    expect(posted).toHaveLength(2);
    expect(posted[0]!.key).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(posted[1]!.key).toBe(posted[0]!.key);
    expect(posted[0]!.body).toEqual({ title: 'Pungutan liar', description: 'Diminta membayar untuk surat pengantar.', channel: 'web', anonymous: true, confidential: false });

    // A new form is a new complaint, with a key of its own.
    await user.click(screen.getByRole('button', { name: 'Buat laporan lain' }));
    await user.type(screen.getByLabelText('Judul laporan (wajib)'), 'Lain');
    await user.type(screen.getByLabelText('Isi laporan (wajib)'), 'Laporan kedua.');
    await user.click(screen.getByRole('button', { name: 'Kirim laporan' }));
    await screen.findByRole('heading', { name: 'Laporan Anda terkirim' });
    expect(posted[2]!.key).not.toBe(posted[0]!.key);
  });
});
