import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { changeLanguage } from '../../i18n';
import { IndicatorCards, type Indicators } from './indicator-cards';

const sla = (responded: number, withinSla: number) => ({ responded, withinSla, rate: responded === 0 ? null : withinSla / responded });
const figures = (overrides: Partial<Indicators> = {}): Indicators => ({
  received: 1234,
  verified: 1200,
  verifiedWithinSlaRate: 0.9,
  disposed: 1000,
  disposedWithinSlaRate: 0.8,
  followUpRate: 0.875,
  completionRate: 0.5,
  followedUp: 875,
  followedUpWithinSlaRate: 0.75,
  daysToFirstFollowUp: { median: 4.5, p90: 12, count: 875 },
  slaCompliance: { information: sla(0, 0), ordinary: sla(800, 600), supervisory: sla(75, 75) },
  backlog: { open: 300, ageing: { '0-7': 100, '8-30': 120, '31-60': 50, '>60': 30 } },
  bounceRate: 0.05,
  disputes: 20,
  disputeRate: 0.0229,
  normativeAnswers: 10,
  normativeRate: 0.0114,
  rating: { average: 4.25, count: 400 },
  leadershipReviews: 12,
  policyImprovements: 3,
  escalations: 7,
  ombudsmanReferrals: 2,
  duplicates: 9,
  ...overrides,
});

const card = (name: string) => screen.getByRole('heading', { name }).closest('li')!;

describe('The indicator cards', () => {
  it('show the subtree’s figures and the node’s own, written the Indonesian way', () => {
    render(<IndicatorCards subtree={figures()} own={figures({ received: 56, followUpRate: null })} label="Indikator" />);
    expect(screen.getByRole('list', { name: 'Indikator' })).toBeInTheDocument();
    expect(card('Pengaduan diterima')).toHaveTextContent('1.234');
    expect(card('Pengaduan diterima')).toHaveTextContent('Unit ini sendiri: 56');
    expect(card('Tingkat tindak lanjut')).toHaveTextContent('87,5%');
    expect(card('Tingkat tindak lanjut')).toHaveTextContent('Unit ini sendiri: Belum ada data');
    expect(card('Rata-rata penilaian pelapor')).toHaveTextContent('4,25 dari 5');
    expect(card('Hari kerja sampai tindak lanjut pertama')).toHaveTextContent('median 4,5 · p90 12');
    // 675 of 875 followed up without a missed resolution deadline, over the classes with data.
    expect(card('Kepatuhan batas waktu penyelesaian')).toHaveTextContent('77,1%');
    expect(within(card('Tunggakan terbuka')).getByText('lebih dari 60 hari: 30')).toBeInTheDocument();
  });

  it('write numbers and percentages the English way in English', async () => {
    await changeLanguage('en');
    try {
      render(<IndicatorCards subtree={figures()} own={figures()} label="Indicators" />);
      expect(card('Complaints received')).toHaveTextContent('1,234');
      expect(card('Follow-up rate')).toHaveTextContent('87.5%');
      expect(card('Average reporter rating')).toHaveTextContent('4.25 out of 5');
      expect(card('Follow-up rate')).toHaveTextContent('This unit itself: 87.5%');
    } finally {
      await changeLanguage('id');
    }
  });
});
