import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type OrganisationTree, useOrganisationTree } from '../../api/agencies';
import { api, unwrap } from '../../api/client';
import { isProblem } from '../../api/problem';
import { useSession } from '../../auth/session';
import { AgencyTreePicker } from '../../components/agency-tree-picker';
import { ProblemMessage } from '../../components/problem-message';
import { formatDateTime, type ZoneName } from '../../format';
import './dashboard.css';
import { ExceptionsSection } from './exceptions-section';
import { ExportButtons } from './export-buttons';
import { IndicatorCards } from './indicator-cards';
import { currentYear, parsePeriod, type PeriodChoice, type PeriodKind, periodId } from './period';
import { RankingSection } from './ranking-section';

const YEARS_BACK = 5;
const locale = (language: string) => (language === 'en' ? 'en-GB' : 'id-ID');

function PeriodPicker({ value, latestYear, onChange }: { value: PeriodChoice; latestYear: number; onChange: (next: PeriodChoice) => void }) {
  const { t, i18n } = useTranslation('dashboard');
  const id = useId();
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, index) => latestYear - index);
  if (!years.includes(value.year)) years.push(value.year);
  const monthName = new Intl.DateTimeFormat(locale(i18n.language), { month: 'long', timeZone: 'UTC' });
  return (
    <fieldset className="period-picker">
      <legend>{t('period.label')}</legend>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('period.kind')}</label>
        <select id={`${id}-kind`} value={value.kind} onChange={(event) => onChange({ ...value, kind: event.target.value as PeriodKind, part: 1 })}>
          {(['year', 'quarter', 'month'] as const).map((kind) => (
            <option key={kind} value={kind}>
              {t(`period.kinds.${kind}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-year`}>{t('period.year')}</label>
        <select id={`${id}-year`} value={value.year} onChange={(event) => onChange({ ...value, year: Number(event.target.value) })}>
          {years.map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </div>
      {value.kind !== 'year' && (
        <div className="field">
          <label htmlFor={`${id}-part`}>{t(`period.${value.kind}`)}</label>
          <select id={`${id}-part`} value={value.part} onChange={(event) => onChange({ ...value, part: Number(event.target.value) })}>
            {Array.from({ length: value.kind === 'quarter' ? 4 : 12 }, (_, index) => index + 1).map((part) => (
              <option key={part} value={part}>
                {value.kind === 'quarter' ? t('period.quarterName', { quarter: part }) : monthName.format(new Date(Date.UTC(2000, part - 1, 1)))}
              </option>
            ))}
          </select>
        </div>
      )}
    </fieldset>
  );
}

/** The node's place in the tree, from the top of the reader's reach down, each step a way back up. */
function Trail({ tree, node, reach, linkTo }: { tree: OrganisationTree; node: string; reach: string | null; linkTo: (id: string) => string }) {
  const { t } = useTranslation('dashboard');
  const path = tree.pathOf(node);
  const from = reach ? Math.max(0, path.indexOf(reach)) : 0;
  const steps = path.slice(from);
  if (steps.length < 2) return null;
  return (
    <nav aria-label={t('trail')}>
      <ol className="trail">
        {steps.map((id, index) => (
          <li key={id}>{index === steps.length - 1 ? <span aria-current="page">{tree.nameOf(id)}</span> : <Link to={linkTo(id)}>{tree.nameOf(id)}</Link>}</li>
        ))}
      </ol>
    </nav>
  );
}

/**
 * The monitoring and evaluation dashboard of one node and period (both in the address, so a view can
 * be shared and the back button climbs back up): indicators for the node and its subtree, its
 * children ranked, the exceptions to act on, and the same figures as files.
 */
export function DashboardPage() {
  const { t, i18n } = useTranslation('dashboard');
  const { session } = useSession();
  const tree = useOrganisationTree();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [choosing, setChoosing] = useState(false);

  const reach = session?.role === 'national_admin' ? null : (session?.agencyId ?? null);
  const home = session?.agencyId ?? 'national';
  const node = params.get('node') ?? home;
  const zone: ZoneName = tree.data?.zoneOf(node) ?? 'WIB';
  const latestYear = currentYear(zone);
  const choice = parsePeriod(params.get('period')) ?? { kind: 'year', year: latestYear, part: 1 };
  const period = periodId(choice);

  const linkTo = (id: string) => `/dasbor?${new URLSearchParams({ node: id, period })}`;
  const show = (id: string, at = period) => {
    setChoosing(false);
    setParams({ node: id, period: at });
  };

  const indicators = useQuery({
    queryKey: ['monev', 'indicators', node, period],
    queryFn: () => unwrap(api.GET('/monev/indicators', { params: { query: { node, period } } })),
    placeholderData: keepPreviousData,
  });
  const hasChildren = (tree.data?.children.get(node)?.length ?? 0) > 0;
  const ranking = useQuery({
    queryKey: ['monev', 'rankings', node, period],
    queryFn: () => unwrap(api.GET('/monev/rankings', { params: { query: { parent: node, period } } })),
    enabled: hasChildren,
    placeholderData: keepPreviousData,
  });
  const [showRestatement, setShowRestatement] = useState(false);

  const figures = indicators.data;
  // While another node's figures load, the previous ones stay on screen: the name comes from the tree.
  const name = tree.data?.nodes.get(node)?.name ?? (figures?.node.id === node ? figures.node.name : node);
  const shown = showRestatement && figures?.restatement ? figures.restatement : figures;

  return (
    <div className="stack dashboard">
      <h1>{t('title', { name })}</h1>
      {tree.data && <Trail tree={tree.data} node={node} reach={reach} linkTo={linkTo} />}

      <section className="card stack dashboard-view" aria-labelledby="dashboard-view">
        <h2 id="dashboard-view">{t('view')}</h2>
        <div className="dashboard-filters">
          <PeriodPicker value={choice} latestYear={latestYear} onChange={(next) => show(node, periodId(next))} />
          <div className="dashboard-node">
            <p>
              {t('node.current')} <strong>{name}</strong>
            </p>
            <button type="button" aria-expanded={choosing} onClick={() => setChoosing((open) => !open)}>
              {t('node.change')}
            </button>
          </div>
        </div>
        {choosing && tree.data && <AgencyTreePicker tree={tree.data} value={node} onChange={(id) => show(id)} label={t('node.picker')} rootIds={reach ? [reach] : undefined} />}
        <ExportButtons node={node} period={period} withRanking={hasChildren} />
      </section>

      {indicators.isError ? (
        <div className="stack">
          <ProblemMessage error={indicators.error} />
          {(isProblem(indicators.error, 403) || isProblem(indicators.error, 404)) && (
            <p>
              {t('outOfReach')} <Link to={linkTo(home)}>{t('backHome', { name: tree.data?.nameOf(home) ?? home })}</Link>
            </p>
          )}
        </div>
      ) : !figures || !shown ? (
        <p aria-live="polite">{t('common:loading')}</p>
      ) : (
        <>
          <section className="stack" aria-labelledby="dashboard-indicators" aria-busy={indicators.isPlaceholderData}>
            <h2 id="dashboard-indicators">{t('indicatorsHeading', { period: figures.period })}</h2>
            <p className="muted">
              {t('periodBounds', {
                start: formatDateTime(figures.periodStart, figures.zone, i18n.language),
                end: formatDateTime(figures.periodEnd, figures.zone, i18n.language),
                asOf: formatDateTime(figures.asOf, figures.zone, i18n.language),
              })}
            </p>
            {figures.source === 'snapshot' && figures.snapshot ? (
              <div className="alert alert-warn" role="note">
                <p>
                  {t('snapshot.closed', {
                    closedAt: formatDateTime(figures.snapshot.closedAt, figures.zone, i18n.language),
                    position: figures.snapshot.position,
                    version: figures.snapshot.scoringPolicyVersion,
                  })}
                </p>
                {figures.restatement && (
                  <>
                    <p>{t('snapshot.restated')}</p>
                    <label className="choice">
                      <input type="checkbox" checked={showRestatement} onChange={(event) => setShowRestatement(event.target.checked)} />
                      {t('snapshot.showRestatement')}
                    </label>
                  </>
                )}
              </div>
            ) : (
              <p className="muted">{t('snapshot.live')}</p>
            )}
            <IndicatorCards own={shown.own} subtree={shown.subtree} label={t('indicatorsLabel', { name })} />
          </section>

          {hasChildren && (
            <section className="stack" aria-labelledby="dashboard-rankings">
              <h2 id="dashboard-rankings">{t('rankings.heading')}</h2>
              {ranking.isError ? (
                <ProblemMessage error={ranking.error} />
              ) : ranking.data ? (
                <RankingSection ranking={ranking.data} linkTo={linkTo} onOpen={(id) => navigate(linkTo(id))} />
              ) : (
                <p aria-live="polite">{t('common:loading')}</p>
              )}
            </section>
          )}

          <section className="stack" aria-labelledby="dashboard-exceptions">
            <h2 id="dashboard-exceptions">{t('exceptions.heading')}</h2>
            <p className="muted">{t('exceptions.intro')}</p>
            <ExceptionsSection key={node} node={node} zone={zone} nameOf={(id) => tree.data?.nameOf(id) ?? id} />
          </section>
        </>
      )}
    </div>
  );
}
