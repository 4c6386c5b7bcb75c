import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useOrganisationTree } from '../../api/agencies';
import { api, unwrap } from '../../api/client';
import { isProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { ProblemMessage } from '../../components/problem-message';
import { Timeline } from '../../components/timeline';
import { formatDateTime, type ZoneName } from '../../format';
import { saveDownload } from '../dashboard/download';
import { NotFound } from '../not-found';
import './audit.css';
import { IntegrityStatus } from './integrity-status';
import { ReplaySlider } from './replay-slider';

type Complaint = components['schemas']['ComplaintDetail'];
type FieldChange = components['schemas']['FieldChangeRecord'];


function ComplaintState({ complaint, zone, nameOf }: { complaint: Complaint; zone: ZoneName; nameOf: (id: string | null) => string }) {
  const { t, i18n } = useTranslation('audit');
  const flags = [complaint.confidential && t('state.confidential'), complaint.anonymous && t('state.anonymous')].filter(Boolean).join(', ');
  const rows: [string, string][] = [
    [t('state.status'), t(`common:statuses.${complaint.status}`)],
    [t('state.holder'), nameOf(complaint.currentAgencyId)],
    [t('state.target'), complaint.targetAgencyId ? nameOf(complaint.targetAgencyId) : t('state.nationalRouter')],
    [t('state.assignee'), complaint.assigneeAgencyId ? nameOf(complaint.assigneeAgencyId) : '—'],
    [t('state.classification'), complaint.classification ? t(`state.classifications.${complaint.classification}`) : '—'],
    [t('state.slaClass'), complaint.slaClass ? t(`state.slaClasses.${complaint.slaClass}`) : '—'],
    [t('state.category'), complaint.category ?? '—'],
    [t('state.flags'), flags || '—'],
    [t('state.submittedAt'), formatDateTime(complaint.submittedAt, zone, i18n.language)],
    [t('state.updatedAt'), formatDateTime(complaint.updatedAt, zone, i18n.language)],
  ];
  return (
    <dl className="audit-state">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const shownValue = (value: FieldChange['before']): string => (value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function ChangesTable({ changes }: { changes: readonly FieldChange[] }) {
  const { t } = useTranslation('audit');
  if (changes.length === 0) return <p className="muted">{t('changes.none')}</p>;
  return (
    <div className="table-scroll">
      <table aria-labelledby="audit-changes">
        <thead>
          <tr>
            <th scope="col">{t('changes.field')}</th>
            <th scope="col">{t('changes.before')}</th>
            <th scope="col">{t('changes.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.path}>
              <th scope="row">
                <code>{change.path}</code>
              </th>
              <td className="audit-value">{shownValue(change.before)}</td>
              <td className="audit-value">{shownValue(change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DossierButtons({ id }: { id: string }) {
  const { t } = useTranslation('audit');
  const [busy, setBusy] = useState<'json' | 'pdf' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const download = async (format: 'json' | 'pdf') => {
    setBusy(format);
    setError(null);
    try {
      await saveDownload(
        api.GET('/complaints/{id}/dossier', {
          params: { path: { id } },
          headers: { Accept: format === 'pdf' ? 'application/pdf' : 'application/json' },
          parseAs: 'blob',
        }),
        `dossier-${id}.${format}`,
      );
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card stack" aria-labelledby="audit-dossier">
      <h2 id="audit-dossier">{t('dossier.heading')}</h2>
      <p className="muted">{t('dossier.intro')}</p>
      <div className="actions">
        <button type="button" onClick={() => void download('json')} disabled={busy !== null} aria-busy={busy === 'json'}>
          {t('dossier.json')}
        </button>
        <button type="button" onClick={() => void download('pdf')} disabled={busy !== null} aria-busy={busy === 'pdf'}>
          {t('dossier.pdf')}
        </button>
      </div>
      {busy && <p aria-live="polite">{t('dossier.preparing')}</p>}
      <ProblemMessage error={error} />
    </section>
  );
}

/**
 * The auditor's view of one complaint: its whole history, replayed as of any revision (the state
 * then, what that revision changed, and whether the stored record is intact), and its dossier.
 * The chosen revision is in the address (`?revisi=`), so a finding can be pointed at.
 */
export function AuditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('audit');
  const tree = useOrganisationTree();
  const [params, setParams] = useSearchParams();

  const history = useQuery({
    queryKey: ['complaint', id, 'history'],
    queryFn: () => unwrap(api.GET('/complaints/{id}/history', { params: { path: { id } } })),
  });
  const entries = history.data ?? [];
  const latest = entries.at(-1)?.revision;
  const asked = params.get('revisi');
  const revision = asked !== null && entries.some((entry) => entry.revision === asked) ? asked : latest;
  const index = entries.findIndex((entry) => entry.revision === revision);
  const previous = index > 0 ? entries[index - 1]!.revision : undefined;

  const asOf = useQuery({
    queryKey: ['complaint', id, 'as-of', revision],
    queryFn: () => unwrap(api.GET('/complaints/{id}/as-of', { params: { path: { id }, query: { revision } } })),
    enabled: revision !== undefined,
    placeholderData: keepPreviousData,
  });
  const changes = useQuery({
    queryKey: ['complaint', id, 'changes', previous, revision],
    queryFn: () => unwrap(api.GET('/complaints/{id}/changes', { params: { path: { id }, query: { from: previous!, to: revision! } } })),
    enabled: previous !== undefined && revision !== undefined,
    placeholderData: keepPreviousData,
  });

  if (history.isError && isProblem(history.error, 404)) return <NotFound />;
  if (history.isError) return <ProblemMessage error={history.error} />;
  if (history.isPending || revision === undefined) return <p aria-live="polite">{t('common:loading')}</p>;

  const complaint = asOf.data?.complaint;
  const zone = tree.data?.zoneOf(complaint?.currentAgencyId ?? null) ?? 'WIB';
  const nameOf = (agency: string | null) => tree.data?.nameOf(agency) ?? agency ?? '—';
  const step = changes.data?.events.at(-1);

  return (
    <div className="stack audit">
      <h1>{t('title', { title: complaint?.title ?? id })}</h1>
      <p className="muted">
        {complaint && t('subtitle', { trackingId: complaint.trackingId })} <Link to={`/kasus/${id}`}>{t('openCase')}</Link>
      </p>

      <section className="card stack" aria-labelledby="audit-replay">
        <h2 id="audit-replay">{t('replay.heading')}</h2>
        <ReplaySlider entries={entries} revision={revision} zone={zone} onChange={(next) => setParams({ revisi: next }, { replace: true })} />
      </section>

      <div className="audit-columns">
        <div className="stack">
          <section className="card stack" aria-labelledby="audit-integrity">
            <h2 id="audit-integrity">{t('integrity.heading')}</h2>
            {asOf.data ? <IntegrityStatus integrity={asOf.data.integrity} /> : asOf.isError ? null : <p>{t('common:loading')}</p>}
          </section>

          <section className="card stack" aria-labelledby="audit-state" aria-busy={asOf.isFetching}>
            <h2 id="audit-state">{t('state.heading', { revision })}</h2>
            {asOf.isError ? (
              <ProblemMessage error={asOf.error} />
            ) : complaint && asOf.data?.revision === revision ? (
              <ComplaintState complaint={complaint} zone={zone} nameOf={nameOf} />
            ) : (
              <p aria-live="polite">{t('common:loading')}</p>
            )}
          </section>

          <section className="card stack" aria-labelledby="audit-changes">
            <h2 id="audit-changes">{t('changes.heading', { revision })}</h2>
            {previous === undefined ? (
              <p className="muted">{t('changes.first')}</p>
            ) : changes.isError ? (
              <ProblemMessage error={changes.error} />
            ) : changes.data && changes.data.to === revision ? (
              <>
                {step && (
                  <p>
                    {t('changes.by', {
                      role: t(`common:roles.${step.actor.role}`),
                      agency: step.actor.agencyId ? nameOf(step.actor.agencyId) : '—',
                      at: formatDateTime(step.occurredAt, zone, i18n.language),
                    })}
                  </p>
                )}
                <ChangesTable changes={changes.data.changes} />
              </>
            ) : (
              <p aria-live="polite">{t('common:loading')}</p>
            )}
          </section>

          {/* Offered to every reader: the API decides who may take a dossier away, and a refusal is shown. */}
          <DossierButtons id={id} />
        </div>

        <section className="card stack" aria-labelledby="audit-history">
          <h2 id="audit-history">{t('history')}</h2>
          <Timeline entries={entries} zone={zone} upTo={revision} agencyName={nameOf} />
        </section>
      </div>
    </div>
  );
}
