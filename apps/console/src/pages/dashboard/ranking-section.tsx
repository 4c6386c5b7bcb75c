import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { components } from '../../api/schema';
import { formatNumber } from '../../format';
import { ScoreChart } from './score-chart';

export type Ranking = components['schemas']['MonevRankingResponse'];
type Entry = Ranking['agencies'][number];

function Trend({ entry }: { entry: Entry }) {
  const { t, i18n } = useTranslation('dashboard');
  const { previousRank, scoreChange } = entry.trend;
  if (previousRank === null || entry.rank === null) return <>{t('rankings.trendNew')}</>;
  const moved = previousRank - entry.rank;
  const rank = moved > 0 ? t('rankings.trendUp', { count: moved }) : moved < 0 ? t('rankings.trendDown', { count: -moved }) : t('rankings.trendSame');
  const points =
    scoreChange === null ? '' : ` (${t('rankings.points', { value: `${scoreChange > 0 ? '+' : ''}${formatNumber(scoreChange, i18n.language, 1)}` })})`;
  return (
    <>
      <span aria-hidden="true">{moved > 0 ? '▲ ' : moved < 0 ? '▼ ' : '■ '}</span>
      {rank}
      {points}
    </>
  );
}

/**
 * The node's children ranked by score: a bar chart, and the table with the same figures (rank,
 * score, complaints received, trend) for every reader. Each child opens its own dashboard.
 */
export function RankingSection({ ranking, linkTo, onOpen }: { ranking: Ranking; linkTo: (id: string) => string; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation('dashboard');
  // Only scored units are drawn: a unit without data has no bar to compare, and the table still lists it.
  const bars = useMemo(
    () => ranking.agencies.flatMap((entry) => (entry.score === null ? [] : [{ id: entry.nodeId, name: entry.agency.name, score: entry.score }])),
    [ranking],
  );
  if (ranking.agencies.length === 0) return <p className="muted">{t('rankings.none')}</p>;
  return (
    <div className="stack">
      <p className="muted">{t('rankings.policy', { version: ranking.scoringPolicy.version, previous: ranking.previousPeriod })}</p>
      {bars.length > 0 ? (
        <ScoreChart bars={bars} label={t('rankings.chartLabel', { parent: ranking.parent.name })} onOpen={onOpen} />
      ) : (
        <p className="muted">{t('rankings.noScores')}</p>
      )}
      <div className="table-scroll">
        <table>
          <caption>{t('rankings.caption', { parent: ranking.parent.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rankings.rank')}</th>
              <th scope="col">{t('rankings.agency')}</th>
              <th scope="col">{t('rankings.score')}</th>
              <th scope="col">{t('rankings.received')}</th>
              <th scope="col">{t('rankings.trend')}</th>
            </tr>
          </thead>
          <tbody>
            {ranking.agencies.map((entry) => (
              <tr key={entry.nodeId}>
                <td>{entry.rank ?? '—'}</td>
                <th scope="row">
                  <Link to={linkTo(entry.nodeId)}>{entry.agency.name}</Link>
                </th>
                <td>{entry.score === null ? t('noData') : formatNumber(entry.score, i18n.language, 1)}</td>
                <td>{formatNumber(entry.received, i18n.language)}</td>
                <td>
                  <Trend entry={entry} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
