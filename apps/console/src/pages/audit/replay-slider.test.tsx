import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../components/timeline';
import { changeLanguage } from '../../i18n';
import { ReplaySlider } from './replay-slider';

const entry = (revision: string, type: string, occurredAt: string): HistoryEntry => ({
  eventId: `e-${revision}`,
  complaintId: 'c-1',
  revision,
  type,
  actor: { id: null, role: 'national_admin', agencyId: 'national' },
  occurredAt,
  recordedAt: occurredAt,
  correlationId: 'corr',
  summary: type,
  summaryInIndonesian: null,
});

const HISTORY = [
  entry('0', 'ComplaintSubmitted', '2026-03-02T01:30:00Z'),
  entry('1', 'ComplaintVerified', '2026-03-02T03:00:00Z'),
  entry('2', 'ComplaintDisposed', '2026-03-03T08:15:00Z'),
];

describe('The replay slider', () => {
  it('is a labelled range over the events that names the revision’s event, to screen readers too', () => {
    render(<ReplaySlider entries={HISTORY} revision="1" zone="WIB" onChange={() => undefined} />);
    const slider = screen.getByRole('slider', { name: 'Tampilkan pengaduan sebagaimana pada revisi' });
    expect(slider).toHaveAttribute('min', '0');
    expect(slider).toHaveAttribute('max', '2');
    expect(slider).toHaveValue('1');
    expect(slider).toHaveAttribute('aria-valuetext', 'Revisi 1 (2 dari 3): Diverifikasi');
    expect(screen.getByRole('status')).toHaveTextContent('Revisi 1 (2 dari 3): Diverifikasi');
    expect(screen.getByRole('status')).toHaveTextContent('10.00 WIB');
  });

  it('moves to the revision of the event chosen', () => {
    const onChange = vi.fn();
    render(<ReplaySlider entries={HISTORY} revision="2" zone="WIB" onChange={onChange} />);
    fireEvent.change(screen.getByRole('slider'), { target: { value: '0' } });
    expect(onChange).toHaveBeenCalledWith('0');
  });

  it('names the event in English when asked', async () => {
    await changeLanguage('en');
    try {
      render(<ReplaySlider entries={HISTORY} revision="2" zone="WIB" onChange={() => undefined} />);
      expect(screen.getByRole('slider', { name: 'Show the complaint as it stood at revision' })).toHaveAttribute('aria-valuetext', 'Revision 2 (3 of 3): Disposed');
    } finally {
      await changeLanguage('id');
    }
  });
});
