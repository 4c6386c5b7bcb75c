import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type OrganisationTree, useOrganisationTree } from '../../api/agencies';
import { everyValueOf } from '../../api/enums';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { ProblemMessage } from '../../components/problem-message';
import { formatDate, formatDateTime, formatNumber } from '../../format';
import { nearestClock, RemainingDaysBadge } from './deadline-badge';
import './inbox.css';

type Complaint = components['schemas']['ComplaintDetail'];
type Status = Complaint['status'];

/** The filter's choices in lifecycle order. */
const STATUSES = everyValueOf<Status>()(['SUBMITTED', 'VERIFIED', 'AWAITING_REPORTER', 'DISPOSED', 'IN_PROGRESS', 'MEDIATION', 'INVESTIGATION', 'RESPONDED', 'CLOSED', 'REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE']);
const SORTS = ['due', 'oldest', 'newest'] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZE = 50;

/** The queue's filter as the URL carries it, so Back and reload return to the same page. */
function filterFrom(params: URLSearchParams) {
  const status = params.get('status');
  const sort = params.get('sort') as Sort | null;
  const page = Number(params.get('page'));
  return {
    status: status && STATUSES.includes(status as Status) ? (status as Status) : null,
    q: params.get('q') ?? '',
    overdue: params.get('overdue') === '1',
    escalated: params.get('escalated') === '1',
    sort: sort && SORTS.includes(sort) ? sort : 'due',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}
type Filter = ReturnType<typeof filterFrom>;

function paramsOf(filter: Filter): URLSearchParams {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.q) params.set('q', filter.q);
  if (filter.overdue) params.set('overdue', '1');
  if (filter.escalated) params.set('escalated', '1');
  if (filter.sort !== 'due') params.set('sort', filter.sort);
  if (filter.page > 1) params.set('page', String(filter.page));
  return params;
}

/** The officer's work queue: complaints held by the officer's node and the nodes below it. */
export function InboxPage() {
  const { t, i18n } = useTranslation('inbox');
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params);
  const agency = session?.agencyId ?? 'national';
  const tree = useOrganisationTree();
  const queue = useQuery({
    queryKey: ['complaints', agency, filter],
    queryFn: () =>
      unwrap(
        api.GET('/complaints', {
          params: {
            query: {
              agency,
              status: filter.status ? [filter.status] : undefined,
              q: filter.q || undefined,
              overdue: filter.overdue || undefined,
              escalated: filter.escalated || undefined,
              sort: filter.sort,
              page: filter.page,
              pageSize: PAGE_SIZE,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const change = (next: Partial<Filter>) => setParams(paramsOf({ ...filter, page: 1, ...next }));

  const total = queue.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const items = (queue.data?.items ?? []) as Complaint[];

  return (
    <section className="stack inbox">
      <h1>{t('title')}</h1>
      <p className="muted">{t('scope', { agency: tree.data?.nameOf(agency) ?? agency })}</p>
      <Filters key={filter.q} filter={filter} onChange={change} />
      {queue.error ? <ProblemMessage error={queue.error} /> : null}
      {queue.isPending ? (
        <p aria-live="polite">{t('common:loading')}</p>
      ) : (
        <>
          <p aria-live="polite" className="inbox-count">
            {t('count', { count: total, formatted: formatNumber(total, i18n.language) })}
            {queue.isFetching ? ` · ${t('common:loading')}` : ''}
          </p>
          {filter.sort === 'due' && items.length < Math.min(PAGE_SIZE, total - (filter.page - 1) * PAGE_SIZE) ? (
            // Ordered by due date, the API leaves out complaints with no clock running, yet counts them.
            <p className="alert alert-warn">{t('noClockHidden')}</p>
          ) : null}
          {items.length === 0 ? (
            <p className="card">{filter.status || filter.q || filter.overdue || filter.escalated ? t('emptyFiltered') : t('empty')}</p>
          ) : (
            <div className="table-scroll">
              <QueueTable items={items} tree={tree.data} />
            </div>
          )}
          <Paging page={filter.page} pages={pages} onPage={(page) => change({ page })} />
        </>
      )}
    </section>
  );
}

function Filters({ filter, onChange }: { filter: Filter; onChange: (next: Partial<Filter>) => void }) {
  const { t } = useTranslation('inbox');
  const id = useId();
  const [q, setQ] = useState(filter.q);
  const search = (event: FormEvent) => {
    event.preventDefault();
    onChange({ q: q.trim() });
  };
  return (
    <form className="card inbox-filters" onSubmit={search} role="search" aria-label={t('filters.label')}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('filters.q')}</label>
        <div className="inbox-search">
          <input id={`${id}-q`} type="search" value={q} onChange={(event) => setQ(event.target.value)} />
          <button type="submit">{t('filters.search')}</button>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
        <select id={`${id}-status`} value={filter.status ?? ''} onChange={(event) => onChange({ status: (event.target.value || null) as Status | null })}>
          <option value="">{t('filters.allStatuses')}</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`common:statuses.${status}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-sort`}>{t('filters.sort')}</label>
        <select id={`${id}-sort`} value={filter.sort} onChange={(event) => onChange({ sort: event.target.value as Sort })}>
          {SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`sort.${sort}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field inbox-flags">
        <label className="choice">
          <input type="checkbox" checked={filter.overdue} onChange={(event) => onChange({ overdue: event.target.checked })} />
          {t('filters.overdue')}
        </label>
        <label className="choice">
          <input type="checkbox" checked={filter.escalated} onChange={(event) => onChange({ escalated: event.target.checked })} />
          {t('filters.escalated')}
        </label>
      </div>
    </form>
  );
}

function QueueTable({ items, tree }: { items: readonly Complaint[]; tree: OrganisationTree | undefined }) {
  const { t, i18n } = useTranslation('inbox');
  return (
    <table className="inbox-table">
      <caption>{t('table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('columns.trackingId')}</th>
          <th scope="col">{t('columns.title')}</th>
          <th scope="col">{t('columns.status')}</th>
          <th scope="col">{t('columns.holder')}</th>
          <th scope="col">{t('columns.submitted')}</th>
          <th scope="col">{t('columns.due')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((complaint) => {
          const zone = tree?.zoneOf(complaint.currentAgencyId) ?? 'WIB';
          const clock = nearestClock(complaint);
          return (
            <tr key={complaint.id}>
              <td>
                <code>{complaint.trackingId}</code>
              </td>
              <td>
                <Link to={`/kasus/${complaint.id}`}>{complaint.title}</Link>
              </td>
              <td>
                <span className="badge">{t(`common:statuses.${complaint.status}`)}</span>
              </td>
              <td>{tree?.nameOf(complaint.currentAgencyId) ?? complaint.currentAgencyId}</td>
              <td>
                <time dateTime={complaint.submittedAt}>{formatDateTime(complaint.submittedAt, zone, i18n.language)}</time>
              </td>
              <td>
                <div className="inbox-due">
                {clock ? (
                  <>
                    <span>
                      {t(`clocks.${clock.name}`)}
                      {clock.due ? (
                        <>
                          {' · '}
                          <time dateTime={clock.due}>{formatDate(clock.due, zone, i18n.language)}</time>
                        </>
                      ) : null}
                    </span>{' '}
                    <RemainingDaysBadge clock={clock} />
                  </>
                ) : (
                  <span className="muted">{t('noClock')}</span>
                )}
                {complaint.isOverdue && (clock?.remainingDays ?? 0) >= 0 ? <span className="badge badge-danger">{t('missed')}</span> : null}
                {complaint.isEscalated ? <span className="badge badge-warn">{t('escalated')}</span> : null}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Paging({ page, pages, onPage }: { page: number; pages: number; onPage: (page: number) => void }) {
  const { t } = useTranslation('inbox');
  return (
    <nav className="actions inbox-paging" aria-label={t('paging.label')}>
      <button type="button" onClick={() => onPage(page - 1)} disabled={page <= 1}>
        {t('paging.previous')}
      </button>
      <span>{t('paging.position', { page, pages })}</span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages}>
        {t('paging.next')}
      </button>
    </nav>
  );
}
