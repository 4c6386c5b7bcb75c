import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionProvider } from '../../auth/session';
import type { CaseDetail } from './commands';

// The API client takes `fetch` when it is created, so the stand-in is in place before any import.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn<(request: Request) => Promise<Response>>();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

const { AttachmentsSection, sizeInWords } = await import('./attachments');

const TOKEN = 'x.e30.y';
const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: `/problems/${code.toLowerCase()}`, title: 'Refused', status, code }), { status, headers: { 'content-type': 'application/problem+json' } });

const detail = (overrides: Partial<CaseDetail> = {}): CaseDetail =>
  ({
    id: 'c-1',
    allowedActions: [],
    attachments: [
      {
        attachmentId: 'a-1',
        fileName: 'foto-loket.jpg',
        mediaType: 'image/jpeg',
        size: 1_234_567,
        identifying: false,
        addedBy: 'officer',
        at: '2026-12-05T03:00:00Z',
        erasedAt: null,
        sha256: 'ab',
      },
      {
        attachmentId: 'a-2',
        fileName: 'ktp.pdf',
        mediaType: 'application/pdf',
        size: 48_000,
        identifying: true,
        addedBy: 'reporter',
        at: '2026-12-04T03:00:00Z',
        erasedAt: '2026-12-05T04:00:00Z',
        sha256: 'cd',
      },
    ],
    ...overrides,
  }) as CaseDetail;

function renderSection(props: { detail: CaseDetail; awaitRevision?: (revision: string) => Promise<void> }) {
  const session = { token: TOKEN, role: 'agency_admin', agencyId: 'id-32.01-dinkes', subject: 'officer', expiresAt: Date.now() + 60_000, via: 'development' } as const;
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider initial={session}>
        <AttachmentsSection detail={props.detail} revision="7" zone="WITA" awaitRevision={props.awaitRevision ?? (async () => undefined)} />
      </SessionProvider>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:attachment');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => fetchMock.mockReset());

describe('The attachments of a case', () => {
  it('lists each file with its type, size in words, who added it and when in the agency’s zone, and the erased ones as erased', () => {
    renderSection({ detail: detail() });
    const items = within(screen.getByRole('list', { name: 'Lampiran' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('foto-loket.jpg');
    expect(items[0]).toHaveTextContent('Gambar JPEG, 1,2 megabyte, ditambahkan oleh petugas · 5 Des 2026, 11.00 WITA');
    expect(within(items[0]!).getByRole('button', { name: 'Unduh foto-loket.jpg' })).toBeEnabled();
    expect(items[1]).toHaveTextContent('Dokumen PDF, 48 kilobyte, ditambahkan oleh pelapor');
    expect(items[1]).toHaveTextContent('mengungkap identitas pelapor');
    expect(items[1]).toHaveTextContent(/dihapus bersama identitas pelapor/i);
    expect(within(items[1]!).queryByRole('button')).toBeNull();
    // Without `add-attachment` there is nothing to upload.
    expect(screen.queryByLabelText('Berkas')).toBeNull();
  });

  it('downloads a file with the session’s token and saves it under its name', async () => {
    fetchMock.mockResolvedValue(
      new Response(new Blob(['jpeg bytes'], { type: 'image/jpeg' }), { status: 200, headers: { 'content-disposition': 'attachment; filename="foto-loket.jpg"' } }),
    );
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const user = userEvent.setup();
    renderSection({ detail: detail() });
    await user.click(screen.getByRole('button', { name: 'Unduh foto-loket.jpg' }));
    await vi.waitFor(() => expect(click).toHaveBeenCalled());
    const request = fetchMock.mock.calls[0]![0];
    expect(new URL(request.url).pathname).toBe('/complaints/c-1/attachments/a-1');
    expect(request.headers.get('authorization')).toBe(`Bearer ${TOKEN}`);
    expect((click.mock.contexts[0] as HTMLAnchorElement).download).toBe('foto-loket.jpg');
    click.mockRestore();
  });

  it('uploads a file as multipart with If-Match, never marks it identifying, and shows a refused type as the API names it', async () => {
    let sent: { ifMatch: string | null; form: FormData } | undefined;
    fetchMock.mockImplementation(async (request) => {
      sent = { ifMatch: request.headers.get('if-match'), form: await request.formData() };
      return problem(415, 'ATTACHMENT_TYPE_NOT_ALLOWED');
    });
    const awaitRevision = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderSection({ detail: detail({ allowedActions: ['add-attachment'] }), awaitRevision });
    expect(screen.queryByRole('checkbox')).toBeNull();
    await user.upload(screen.getByLabelText('Berkas'), new File(['%PDF-1.7'], 'surat.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Unggah' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Hanya foto JPEG, PNG atau WebP, serta berkas PDF, Word, Excel atau OpenDocument yang dapat dilampirkan.');
    expect(sent!.ifMatch).toBe('"7"');
    expect([...sent!.form.keys()]).toEqual(['file']);
    expect((sent!.form.get('file') as File).name).toBe('surat.pdf');
    expect(new URL(fetchMock.mock.calls[0]![0].url).pathname).toBe('/complaints/c-1/attachments');
    expect(awaitRevision).not.toHaveBeenCalled();
  });

  it('reads the case again after an upload and says it was added', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ id: 'a-3', href: '/complaints/c-1/attachments/a-3', complaintId: 'c-1', revision: '8' }), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const awaitRevision = vi.fn(async () => undefined);
    const user = userEvent.setup();
    renderSection({ detail: detail({ allowedActions: ['add-attachment'], attachments: [] }), awaitRevision });
    expect(screen.getByText('Belum ada lampiran.')).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Berkas'), new File(['png'], 'foto.png', { type: 'image/png' }));
    await user.click(screen.getByRole('button', { name: 'Unggah' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Lampiran foto.png ditambahkan.');
    expect(awaitRevision).toHaveBeenCalledWith('8');
    expect(fetchMock.mock.calls[0]![0].headers.get('idempotency-key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('A size in words', () => {
  it('says bytes, kilobytes or megabytes in the reader’s language', () => {
    expect(sizeInWords(512, 'id')).toBe('512 byte');
    expect(sizeInWords(2_500_000, 'en')).toBe('2.5 megabytes');
  });
});
