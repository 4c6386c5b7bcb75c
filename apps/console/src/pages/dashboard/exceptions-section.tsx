import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ProblemMessage } from '../../components/problem-message';
import { formatDate, formatLocalDate, type ZoneName } from '../../format';

type ComplaintKind = components['schemas']['MonevExceptionPageAnswer']['kind'];
type ExceptionEntry = components['schemas']['ComplaintExceptionEntry'];
type ExceptionList = components['schemas']['ExceptionListAnswer'];

const COMPLAINT_KINDS: readonly ComplaintKind[] = ['no-follow-up-overdue', 'escalated', 'bouncing', 'disputed', 'ombudsman'];
const FIRST = 5;
const PAGE = 20;

function ComplaintItems({ items, zone }: { items: readonly ExceptionEntry[]; zone: ZoneName }) {
  const { t, i18n } = useTranslation('dashboard');
  return (
    <ul className="exception-items">
      {items.map((item) => (
        <li key={item.complaintId}>
          <Link to={`/kasus/${item.complaintId}`}>{item.title}</Link>{' '}
          <span className="muted">
            {item.trackingId} · {item.agency.name} · {t(`common:statuses.${item.status}`)} ·{' '}
            {t('exceptions.age', { count: item.ageDays, since: formatDate(item.since, zone, i18n.language) })} ·{' '}
          </span>
          <Link to={`/jejak/${item.complaintId}`} aria-label={t('exceptions.trailOf', { title: item.title })}>
            {t('exceptions.trail')}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** One kind's oldest complaints, and more of them a page at a time. */
function ComplaintKindList({ node, kind, first, zone }: { node: string; kind: ComplaintKind; first: ExceptionList; zone: ZoneName }) {
  const { t } = useTranslation('dashboard');
  const [more, setMore] = useState<{ items: ExceptionEntry[]; cursor: string | null }>({ items: [], cursor: first.nextCursor });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const loadMore = async () => {
    if (!more.cursor) return;
    setLoading(true);
    setError(null);
    try {
      const page = await unwrap(api.GET('/monev/exceptions', { params: { query: { node, kind, limit: PAGE, cursor: more.cursor } } }));
      if (!('nextCursor' in page)) return;
      setMore((current) => ({ items: [...current.items, ...page.items], cursor: page.nextCursor }));
    } catch (problem) {
      setError(problem);
    } finally {
      setLoading(false);
    }
  };
  const shown = first.items.length + more.items.length;
  return (
    <section className="card exception-kind" aria-labelledby={`exceptions-${kind}`}>
      <h3 id={`exceptions-${kind}`}>
        {t(`exceptions.kinds.${kind}`)} <span className="badge">{first.count}</span>
      </h3>
      {first.count === 0 ? (
        <p className="muted">{t('exceptions.none')}</p>
      ) : (
        <>
          <ComplaintItems items={[...first.items, ...more.items]} zone={zone} />
          {shown < first.count && !more.cursor && <p className="muted">{t('exceptions.unlisted', { count: first.count - shown })}</p>}
          {more.cursor && (
            <button type="button" onClick={() => void loadMore()} disabled={loading} aria-describedby={`exceptions-${kind}`}>
              {loading ? t('common:loading') : t('exceptions.more')}
            </button>
          )}
          <ProblemMessage error={error} />
        </>
      )}
    </section>
  );
}

/**
 * What a coordinator acts on in the node's subtree: each kind's count and oldest complaints (each a
 * link to the case), and overdue action-plan items where the reader may list them.
 */
export function ExceptionsSection({ node, zone, nameOf }: { node: string; zone: ZoneName; nameOf: (id: string) => string }) {
  const { t, i18n } = useTranslation('dashboard');
  const overview = useQuery({
    queryKey: ['monev', 'exceptions', node],
    queryFn: () => unwrap(api.GET('/monev/exceptions', { params: { query: { node, limit: FIRST } } })),
  });
  if (overview.isPending) return <p aria-live="polite">{t('common:loading')}</p>;
  if (overview.isError) return <ProblemMessage error={overview.error} />;
  if (!('kinds' in overview.data)) return null;
  const { kinds } = overview.data;
  const actions = kinds['overdue-action-items'];
  return (
    <div className="exception-grid">
      {COMPLAINT_KINDS.map((kind) => (
        <ComplaintKindList key={kind} node={node} kind={kind} first={kinds[kind]} zone={zone} />
      ))}
      {actions && (
        <section className="card exception-kind" aria-labelledby="exceptions-overdue-action-items">
          <h3 id="exceptions-overdue-action-items">
            {t('exceptions.kinds.overdue-action-items')} <span className="badge">{actions.count}</span>
          </h3>
          {actions.count === 0 ? (
            <p className="muted">{t('exceptions.none')}</p>
          ) : (
            <ul className="exception-items">
              {actions.items.map((item) => (
                <li key={`${item.evaluationId}-${item.actionId}`}>
                  <strong>{item.actionId}</strong> {item.description}{' '}
                  <span className="muted">
                    {nameOf(item.agencyId)} · {t('exceptions.due', { date: formatLocalDate(item.dueDate, i18n.language), percent: item.percent })} ·{' '}
                    {t('exceptions.overdue', { count: item.daysOverdue })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
