import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../i18n';
import { type HistoryEntry, Timeline } from './timeline';

const entry = (
  revision: string,
  type: string,
  role: HistoryEntry['actor']['role'],
  occurredAt: string,
  summary: string,
  summaryInIndonesian: string | null,
): HistoryEntry => ({
  eventId: `e-${revision}`,
  complaintId: 'c-1',
  revision,
  type,
  actor: { id: null, role, agencyId: role === 'reporter' ? null : 'id-32.01-dinkes' },
  occurredAt,
  recordedAt: occurredAt,
  correlationId: 'corr',
  summary,
  summaryInIndonesian,
});

const HISTORY = [
  entry('0', 'ComplaintSubmitted', 'reporter', '2026-03-02T01:30:00Z', 'Complaint LPR-1 submitted via web', 'Pengaduan LPR-1 disampaikan melalui situs web'),
  entry('1', 'ComplaintVerified', 'national_admin', '2026-03-02T03:00:00Z', 'Verified as pengaduan', 'Diverifikasi sebagai pengaduan'),
  entry('2', 'SomethingNew', 'agency_admin', '2026-03-03T08:15:00Z', 'A future event', 'Peristiwa baru'),
];

describe('The case timeline', () => {
  it('names each event in Bahasa Indonesia with who did it and when, in the agency’s zone', () => {
    render(<Timeline entries={HISTORY} zone="WITA" agencyName={(id) => (id === 'id-32.01-dinkes' ? 'Dinkes Bogor' : String(id))} />);
    const items = within(screen.getByRole('list', { name: 'Riwayat' })).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('Pengaduan diterima');
    expect(items[0]).toHaveTextContent('oleh Pelapor');
    // 01:30 UTC is 09:30 in WITA (UTC+8).
    expect(items[0]!.querySelector('time')).toHaveTextContent(/09\.30 WITA$/);
    expect(items[1]).toHaveTextContent('Diverifikasi');
    expect(items[1]).toHaveTextContent('Admin nasional · Dinkes Bogor');
    // An event type the console does not know yet still shows, by its name and the API's summary.
    expect(items[2]).toHaveTextContent('SomethingNew');
    expect(items[2]).toHaveTextContent('Peristiwa baru');
  });

  it('gives the particulars in Bahasa Indonesia, never the English summary beside them', () => {
    render(<Timeline entries={HISTORY.slice(0, 1)} zone="WIB" />);
    const item = screen.getByRole('listitem');
    expect(within(item).getByText('Pengaduan LPR-1 disampaikan melalui situs web')).not.toHaveAttribute('lang');
    expect(item).not.toHaveTextContent('submitted via web');
  });

  it('falls back to the English summary, marked as English, for an entry recorded before the Indonesian one was kept', () => {
    const older = entry('0', 'ComplaintDisposed', 'national_admin', '2026-03-02T01:30:00Z', 'Disposed to Dinas Kesehatan Kabupaten Bogor', null);
    render(<Timeline entries={[older]} zone="WIB" />);
    expect(screen.getByText('Disposed to Dinas Kesehatan Kabupaten Bogor')).toHaveAttribute('lang', 'en');
    expect(screen.getByRole('listitem')).toHaveTextContent('Didisposisikan');
  });

  it('marks the replayed revision and dims what came after it', () => {
    render(<Timeline entries={HISTORY} zone="WIB" upTo="1" />);
    const items = screen.getAllByRole('listitem');
    expect(items[1]).toHaveAttribute('aria-current', 'step');
    expect(items[0]).not.toHaveClass('timeline-later');
    expect(items[2]).toHaveClass('timeline-later');
  });

  it('speaks English when asked', async () => {
    await changeLanguage('en');
    try {
      render(<Timeline entries={HISTORY.slice(0, 1)} zone="WIB" />);
      const item = screen.getByRole('listitem');
      expect(item).toHaveTextContent('Complaint received');
      expect(item).toHaveTextContent('by Reporter');
      expect(within(item).getByText('Complaint LPR-1 submitted via web')).not.toHaveAttribute('lang');
      expect(item).not.toHaveTextContent('disampaikan');
    } finally {
      await changeLanguage('id');
    }
  });
});
