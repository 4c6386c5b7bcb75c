import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from './commands';

/** The answer the API gives to the next identity request, and the reasons it was asked with. */
const identityApi = vi.hoisted(() => {
  const state = { status: 200, body: {} as unknown, reasons: [] as (string | null)[] };
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    state.reasons.push(new URL(request.url).searchParams.get('reason'));
    return new Response(JSON.stringify(state.body), { status: state.status, headers: { 'content-type': 'application/json' } });
  };
  return state;
});

const { ReporterSection } = await import('./reporter');

const complaint = (flags: Partial<Pick<CaseDetail, 'anonymous' | 'confidential' | 'hasReporterIdentity'>>) =>
  ({ id: 'c-1', anonymous: false, confidential: false, hasReporterIdentity: true, ...flags }) as CaseDetail;

function renderSection(detail: CaseDetail) {
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <ReporterSection detail={detail} />
    </QueryClientProvider>,
  );
}

async function ask(reason: string) {
  const user = userEvent.setup();
  await user.type(screen.getByRole('textbox', { name: 'Alasan membuka identitas pelapor' }), reason);
  await user.click(screen.getByRole('button', { name: 'Tampilkan identitas' }));
}

describe('The reporter as the seal allows', () => {
  it('asks nothing of the API until the officer gives a reason, then shows the identity', async () => {
    identityApi.reasons = [];
    identityApi.status = 200;
    identityApi.body = { name: 'Siti Aminah', phone: '+6281234567890' };
    renderSection(complaint({}));
    expect(identityApi.reasons).toEqual([]);
    await ask('Menghubungi pelapor');
    expect(await screen.findByText('Siti Aminah')).toBeInTheDocument();
    expect(screen.getByText('+6281234567890')).toBeInTheDocument();
    expect(identityApi.reasons).toEqual(['Menghubungi pelapor']);
  });

  it('says plainly when the identity is sealed as confidential, or erased', async () => {
    identityApi.status = 403;
    identityApi.body = { code: 'IDENTITY_SEALED', status: 403, title: 'Forbidden', type: '/problems/identity-sealed' };
    const { unmount } = renderSection(complaint({ confidential: true }));
    expect(screen.getByText(/Pengaduan ini rahasia/)).toBeInTheDocument();
    await ask('Perlu dihubungi');
    expect(await screen.findByText('Identitas pelapor dirahasiakan (rahasia) dan tidak dapat Anda buka.')).toBeInTheDocument();
    unmount();

    identityApi.status = 410;
    identityApi.body = { code: 'IDENTITY_ERASED', status: 410, title: 'Gone', type: '/problems/identity-erased' };
    renderSection(complaint({}));
    await ask('Perlu dihubungi');
    expect(await screen.findByText('Identitas pelapor telah dihapus.')).toBeInTheDocument();
  });

  it('offers nothing to open for an anonymous reporter or one who left no details', () => {
    const { unmount } = renderSection(complaint({ anonymous: true }));
    expect(screen.getByText(/Pelapor memilih anonim/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tampilkan identitas' })).toBeNull();
    unmount();
    renderSection(complaint({ hasReporterIdentity: false }));
    expect(screen.getByText('Pelapor tidak meninggalkan identitas.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Tampilkan identitas' })).toBeNull();
  });
});
