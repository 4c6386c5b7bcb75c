import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';
import { formatNumber, formatPercent } from '../../format';

export type Indicators = components['schemas']['MonevIndicatorsBody'];
type Translate = ReturnType<typeof useTranslation<'dashboard'>>['t'];

interface Card {
  id: string;
  /** The figure, as the card shows it big for the subtree and small for the node's own complaints. */
  value(figures: Indicators): string;
  /** Counts behind the figure, for the subtree. */
  detail?(figures: Indicators): ReactNode;
}

const SLA_CLASSES = ['information', 'ordinary', 'supervisory'] as const;
const AGEING = ['0-7', '8-30', '31-60', '>60'] as const;

function cards(t: Translate, language: string): Card[] {
  const count = (value: number) => formatNumber(value, language);
  const rate = (value: number | null) => (value === null ? t('noData') : formatPercent(value, language, 1));
  const days = (value: number | null) => (value === null ? '—' : formatNumber(value, language, 1));
  return [
    {
      id: 'received',
      value: (f) => count(f.received),
      detail: (f) => t('detail.received', { verified: count(f.verified), disposed: count(f.disposed), duplicates: count(f.duplicates) }),
    },
    { id: 'followUpRate', value: (f) => rate(f.followUpRate), detail: (f) => t('detail.ofDisposed', { value: count(f.disposed) }) },
    { id: 'completionRate', value: (f) => rate(f.completionRate), detail: (f) => t('detail.ofDisposed', { value: count(f.disposed) }) },
    { id: 'verifiedWithinSlaRate', value: (f) => rate(f.verifiedWithinSlaRate), detail: (f) => t('detail.ofVerified', { value: count(f.verified) }) },
    { id: 'disposedWithinSlaRate', value: (f) => rate(f.disposedWithinSlaRate), detail: (f) => t('detail.ofDisposed', { value: count(f.disposed) }) },
    { id: 'followedUpWithinSlaRate', value: (f) => rate(f.followedUpWithinSlaRate), detail: (f) => t('detail.ofFollowedUp', { value: count(f.followedUp) }) },
    {
      id: 'daysToFirstFollowUp',
      value: (f) =>
        f.daysToFirstFollowUp.median === null ? t('noData') : t('detail.medianP90', { median: days(f.daysToFirstFollowUp.median), p90: days(f.daysToFirstFollowUp.p90) }),
      detail: (f) => t('detail.firstFollowUps', { value: count(f.daysToFirstFollowUp.count) }),
    },
    {
      id: 'slaCompliance',
      value: (f) => {
        const responded = SLA_CLASSES.reduce((sum, key) => sum + f.slaCompliance[key].responded, 0);
        const within = SLA_CLASSES.reduce((sum, key) => sum + f.slaCompliance[key].withinSla, 0);
        return rate(responded === 0 ? null : within / responded);
      },
      detail: (f) => (
        <ul className="indicator-breakdown">
          {SLA_CLASSES.map((key) => (
            <li key={key}>
              {t(`slaClass.${key}`)}: {rate(f.slaCompliance[key].rate)} ({t('detail.withinOf', { within: count(f.slaCompliance[key].withinSla), of: count(f.slaCompliance[key].responded) })})
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: 'backlog',
      value: (f) => count(f.backlog.open),
      detail: (f) => (
        <ul className="indicator-breakdown">
          {AGEING.map((band) => (
            <li key={band}>
              {t(`ageing.${band}`)}: {count(f.backlog.ageing[band])}
            </li>
          ))}
        </ul>
      ),
    },
    { id: 'bounceRate', value: (f) => rate(f.bounceRate), detail: (f) => t('detail.ofDisposed', { value: count(f.disposed) }) },
    { id: 'disputeRate', value: (f) => rate(f.disputeRate), detail: (f) => t('detail.disputes', { value: count(f.disputes) }) },
    { id: 'normativeRate', value: (f) => rate(f.normativeRate), detail: (f) => t('detail.normative', { value: count(f.normativeAnswers) }) },
    {
      id: 'rating',
      value: (f) => (f.rating.average === null ? t('noData') : t('detail.ratingOutOf', { value: formatNumber(f.rating.average, language, 2) })),
      detail: (f) => t('detail.ratings', { value: count(f.rating.count) }),
    },
    {
      id: 'leadership',
      value: (f) => count(f.leadershipReviews),
      detail: (f) => t('detail.policyImprovements', { value: count(f.policyImprovements) }),
    },
    {
      id: 'escalations',
      value: (f) => count(f.escalations),
      detail: (f) => t('detail.ombudsman', { value: count(f.ombudsmanReferrals) }),
    },
  ];
}

/**
 * The node's indicators as cards: each figure for the whole subtree, the counts behind it, and the
 * same figure for the complaints the node holds itself. Numbers and percentages in the reader's language.
 */
export function IndicatorCards({ own, subtree, label }: { own: Indicators; subtree: Indicators; label: string }) {
  const { t, i18n } = useTranslation('dashboard');
  return (
    <ul className="indicator-grid" aria-label={label}>
      {cards(t, i18n.language).map((card) => (
        <li key={card.id} className="card indicator" data-indicator={card.id}>
          <h3>{t(`indicators.${card.id}`)}</h3>
          <p className="indicator-value">{card.value(subtree)}</p>
          {card.detail && <div className="muted">{card.detail(subtree)}</div>}
          <p className="muted indicator-own">{t('ownValue', { value: card.value(own) })}</p>
        </li>
      ))}
    </ul>
  );
}
