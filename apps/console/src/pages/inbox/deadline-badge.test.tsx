import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n';
import { clocksOf, nearestClock, RemainingDaysBadge } from './deadline-badge';

describe('The remaining working days badge', () => {
  it('says in words that a clock is overdue, not by colour alone', () => {
    render(<RemainingDaysBadge clock={{ due: '2026-12-01T16:59:59Z', remainingDays: -2 }} />);
    const badge = screen.getByText('Terlambat 2 hari kerja');
    expect(badge).toHaveClass('badge-danger');
  });

  it('warns on the last days and on the due day, and is calm before', () => {
    const { rerender } = render(<RemainingDaysBadge clock={{ due: '2026-12-10T16:59:59Z', remainingDays: 0 }} />);
    expect(screen.getByText('Jatuh tempo hari ini')).toHaveClass('badge-warn');
    rerender(<RemainingDaysBadge clock={{ due: '2026-12-10T16:59:59Z', remainingDays: 2 }} />);
    expect(screen.getByText('Sisa 2 hari kerja')).toHaveClass('badge-warn');
    rerender(<RemainingDaysBadge clock={{ due: '2026-12-10T16:59:59Z', remainingDays: 9 }} />);
    expect(screen.getByText('Sisa 9 hari kerja')).toHaveClass('badge-ok');
  });

  it('shows a paused clock with the days it keeps', () => {
    render(<RemainingDaysBadge clock={{ due: null, remainingDays: 5 }} />);
    expect(screen.getByText('Dijeda · sisa 5 hari kerja')).toBeInTheDocument();
  });

  it('counts in English with singular and plural', async () => {
    await changeLanguage('en');
    try {
      const { rerender } = render(<RemainingDaysBadge clock={{ due: '2026-12-01T16:59:59Z', remainingDays: -1 }} />);
      expect(screen.getByText('Overdue by 1 working day')).toBeInTheDocument();
      rerender(<RemainingDaysBadge clock={{ due: '2026-12-01T16:59:59Z', remainingDays: 3 }} />);
      expect(screen.getByText('3 working days left')).toBeInTheDocument();
    } finally {
      await changeLanguage('id');
    }
  });
});

describe('The clocks of a complaint', () => {
  const complaint = {
    deadlines: {
      resolution: { due: '2026-12-28T16:59:59Z' },
      ombudsmanReferral: { pausedSince: '2026-12-05T03:00:00Z', remainingDays: 60 },
      followUp: { due: '2026-12-11T16:59:59Z' },
    },
    remainingWorkingDays: { resolution: 14, followUp: 5, ombudsmanReferral: 60 },
  };

  it('puts the running clocks first, the one due soonest at the head, then the paused ones', () => {
    expect(clocksOf(complaint).map((clock) => clock.name)).toEqual(['followUp', 'resolution', 'ombudsmanReferral']);
    expect(nearestClock(complaint)).toEqual({ name: 'followUp', due: '2026-12-11T16:59:59Z', pausedSince: null, remainingDays: 5 });
  });

  it('has no nearest clock when none runs or stands', () => {
    expect(nearestClock({ deadlines: {}, remainingWorkingDays: {} })).toBeNull();
  });
});
