import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useOrganisationTree } from '../../api/agencies';
import { api, ifMatch, revisionOf, unwrap } from '../../api/client';
import { isProblem } from '../../api/problem';
import { useSession } from '../../auth/session';
import { ProblemMessage } from '../../components/problem-message';
import { Timeline } from '../../components/timeline';
import { formatDateTime, formatLocalDate, type ZoneName } from '../../format';
import { clocksOf, RemainingDaysBadge } from '../inbox/deadline-badge';
import { NotFound } from '../not-found';
import { ConflictPanel, CommandForm } from './command-form';
import { AttachmentsSection } from './attachments';
import { ReporterSection } from './reporter';
import { bodyOf, type CaseDetail, type CommandName, COMMANDS, initialValues, offeredCommands, type Values } from './commands';
import './case.css';

interface LoadedCase {
  detail: CaseDetail;
  /** The revision the ETag carries, which the next command's If-Match repeats. */
  revision: string;
}

async function fetchCase(id: string): Promise<LoadedCase> {
  let etag: string | null = null;
  const detail = await unwrap(
    api.GET('/complaints/{id}', { params: { path: { id } } }).then((answer) => {
      etag = revisionOf(answer.response);
      return answer;
    }),
  );
  const officerView = detail as CaseDetail;
  return { detail: officerView, revision: etag ?? officerView.revision };
}

const caseKey = (id: string) => ['case', id] as const;
const historyKey = (id: string) => ['case-history', id] as const;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One complaint for an officer: what it says, who holds it, its clocks and history, and the commands the officer may run now. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('case');
  const { session } = useSession();
  const queryClient = useQueryClient();
  const tree = useOrganisationTree();
  const loaded = useQuery({ queryKey: caseKey(id), queryFn: () => fetchCase(id) });
  const history = useQuery({ queryKey: historyKey(id), queryFn: () => unwrap(api.GET('/complaints/{id}/history', { params: { path: { id } } })) });

  const [open, setOpen] = useState<CommandName | null>(null);
  const [values, setValues] = useState<Values>({});
  const [conflictSince, setConflictSince] = useState<string | null>(null);
  const [done, setDone] = useState<CommandName | null>(null);
  const [reloading, setReloading] = useState(false);
  const doneMessage = useRef<HTMLParagraphElement>(null);
  // Focus follows the result: the form that had it is gone.
  useEffect(() => {
    if (done) doneMessage.current?.focus();
  }, [done]);

  /** The read model follows the command shortly after: ask again until it shows the command's revision. */
  const awaitRevision = async (target: string) => {
    for (let attempt = 0; attempt < 30; attempt++) {
      const fresh = await queryClient.fetchQuery({ queryKey: caseKey(id), queryFn: () => fetchCase(id), staleTime: 0 });
      if (BigInt(fresh.revision) >= BigInt(target)) break;
      await pause(200);
    }
    await queryClient.invalidateQueries({ queryKey: historyKey(id) });
  };

  const command = useMutation({
    mutationFn: async ({ name, body, revision }: { name: CommandName; body: Record<string, unknown>; revision: string }) => {
      // One typed client, one endpoint per command: the path is chosen at run time.
      const path = `/complaints/{id}/${name}` as '/complaints/{id}/verify';
      const answer = await unwrap(api.POST(path, { params: { path: { id } }, headers: ifMatch(revision), body: body as never }));
      await awaitRevision(answer.revision).catch(() => undefined);
      return answer;
    },
    onSuccess: (_answer, { name }) => {
      setDone(name);
      setOpen(null);
      setValues({});
    },
    onError: (error, { revision }) => {
      if (isProblem(error, 412)) {
        setConflictSince(revision);
        void history.refetch();
      }
    },
  });

  if (loaded.error) return isProblem(loaded.error, 404) ? <NotFound /> : <ProblemMessage error={loaded.error} />;
  if (!loaded.data) return <p aria-live="polite">{t('common:loading')}</p>;

  const { detail, revision } = loaded.data;
  const zone: ZoneName = tree.data?.zoneOf(detail.currentAgencyId) ?? 'WIB';
  const agencyName = (agency: string | null) => (agency ? (tree.data?.nameOf(agency) ?? agency) : '—');
  const offered = offeredCommands(detail);
  const rootIds = session && session.role !== 'national_admin' && session.agencyId ? [session.agencyId] : undefined;

  const openCommand = (name: CommandName) => {
    setDone(null);
    command.reset();
    setConflictSince(null);
    setOpen(name);
    setValues(initialValues(name, detail));
  };
  const reload = async () => {
    setReloading(true);
    try {
      await Promise.all([loaded.refetch(), history.refetch()]);
      setConflictSince(null);
      command.reset();
    } finally {
      setReloading(false);
    }
  };

  return (
    <article className="stack case">
      <p>
        <Link to="/kotak-masuk">{t('back')}</Link>
      </p>
      <header>
        <h1>{detail.title}</h1>
        <p className="case-meta">
          <span>
            {t('trackingId')} <code>{detail.trackingId}</code>
          </span>
          <span className="badge" data-testid="case-status">
            {t('status')}: {t(`common:statuses.${detail.status}`)}
          </span>
          {detail.isOverdue ? <span className="badge badge-danger">{t('overdue')}</span> : null}
          {detail.isEscalated ? <span className="badge badge-warn">{t('escalated')}</span> : null}
          <span>
            {t('holder')}: {agencyName(detail.currentAgencyId)}
          </span>
          <span className="muted">{t('revision', { revision })}</span>
        </p>
      </header>

      {done ? (
        <p role="status" className="alert alert-ok" tabIndex={-1} ref={doneMessage}>
          {t('done', { command: t(`commands.${done}.label`) })}
        </p>
      ) : null}

      <section className="card" aria-labelledby="case-actions-title">
        <h2 id="case-actions-title">{t('actions.title')}</h2>
        {offered.length === 0 ? (
          <p className="muted">{t('actions.none')}</p>
        ) : (
          <div className="actions">
            {offered.map((name) => (
              <button
                key={name}
                type="button"
                aria-expanded={open === name}
                className={open === name ? 'primary' : COMMANDS[name]?.tone === 'danger' ? 'case-danger-outline' : undefined}
                onClick={() => (open === name ? setOpen(null) : openCommand(name))}
              >
                {t(`commands.${name}.label`)}
              </button>
            ))}
          </div>
        )}
        {conflictSince !== null ? (
          <ConflictPanel since={conflictSince} history={history.data} zone={zone} agencyName={agencyName} onReload={() => void reload()} reloading={reloading} />
        ) : null}
        {open ? (
          <CommandForm
            name={open}
            detail={detail}
            values={values}
            onValues={setValues}
            onSubmit={() => command.mutate({ name: open, body: bodyOf(open, values), revision })}
            onCancel={() => {
              setOpen(null);
              setConflictSince(null);
              command.reset();
            }}
            pending={command.isPending}
            error={command.error}
            tree={tree.data}
            rootIds={rootIds}
            stillOffered={detail.allowedActions.includes(open)}
          />
        ) : null}
      </section>

      <div className="case-columns">
        <div className="stack">
          <ContentSection detail={detail} zone={zone} />
          <ReporterSection key={detail.id} detail={detail} />
          <AttachmentsSection detail={detail} revision={revision} zone={zone} awaitRevision={awaitRevision} />
          <ClarificationsSection detail={detail} zone={zone} agencyName={agencyName} />
          <FollowUpsSection detail={detail} zone={zone} agencyName={agencyName} />
          <ExternalSyncSection detail={detail} zone={zone} agencyName={agencyName} />
        </div>
        <div className="stack">
          <ClocksSection detail={detail} zone={zone} />
          <section className="card" aria-labelledby="case-history-title">
            <h2 id="case-history-title">{t('history')}</h2>
            {history.error ? <ProblemMessage error={history.error} /> : null}
            {history.data ? <Timeline entries={history.data} zone={zone} agencyName={agencyName} /> : <p>{t('common:loading')}</p>}
          </section>
        </div>
      </div>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ContentSection({ detail, zone }: { detail: CaseDetail; zone: ZoneName }) {
  const { t, i18n } = useTranslation('case');
  const none = <span className="muted">{t('notSet')}</span>;
  const flags = [detail.confidential && t('confidential'), detail.anonymous && t('anonymous')].filter(Boolean).join(', ');
  return (
    <section className="card" aria-labelledby="case-content-title">
      <h2 id="case-content-title">{t('content')}</h2>
      <p className="case-description">{detail.description}</p>
      <dl className="case-facts">
        <Fact label={t('fields.category')}>{detail.category ?? none}</Fact>
        <Fact label={t('location')}>{detail.location ?? none}</Fact>
        <Fact label={t('incidentDate')}>{detail.incidentDate ? formatLocalDate(detail.incidentDate, i18n.language) : none}</Fact>
        <Fact label={t('fields.channel')}>{t(`options.channel.${detail.channel}`)}</Fact>
        <Fact label={t('fields.classification')}>{detail.classification ? t(`options.classification.${detail.classification}`) : none}</Fact>
        <Fact label={t('fields.slaClass')}>{detail.slaClass ? t(`options.slaClass.${detail.slaClass}`) : none}</Fact>
        <Fact label={t('flags')}>{flags || t('flagsNone')}</Fact>
        <Fact label={t('submitted')}>
          <time dateTime={detail.submittedAt}>{formatDateTime(detail.submittedAt, zone, i18n.language)}</time>
        </Fact>
      </dl>
    </section>
  );
}

function ClocksSection({ detail, zone }: { detail: CaseDetail; zone: ZoneName }) {
  const { t, i18n } = useTranslation('case');
  const clocks = clocksOf(detail);
  return (
    <section className="card" aria-labelledby="case-clocks-title">
      <h2 id="case-clocks-title">{t('clocks')}</h2>
      {clocks.length === 0 ? (
        <p className="muted">{t('inbox:noClock')}</p>
      ) : (
        <ul className="case-clocks">
          {clocks.map((clock) => (
            <li key={clock.name}>
              <strong>{t(`inbox:clocks.${clock.name}`)}</strong>{' '}
              {clock.due ? (
                <span>
                  {t('dueAt')} <time dateTime={clock.due}>{formatDateTime(clock.due, zone, i18n.language)}</time>
                </span>
              ) : clock.pausedSince ? (
                <span>
                  {t('pausedSince')} <time dateTime={clock.pausedSince}>{formatDateTime(clock.pausedSince, zone, i18n.language)}</time>
                </span>
              ) : null}{' '}
              <RemainingDaysBadge clock={clock} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ClarificationsSection({ detail, zone, agencyName }: { detail: CaseDetail; zone: ZoneName; agencyName: (id: string | null) => string }) {
  const { t, i18n } = useTranslation('case');
  if (detail.clarifications.length === 0) return null;
  return (
    <section className="card" aria-labelledby="case-clarifications-title">
      <h2 id="case-clarifications-title">{t('clarifications')}</h2>
      <ul className="case-records">
        {detail.clarifications.map((clarification) => (
          <li key={clarification.clarificationId}>
            <p>
              <strong>{t('question')}</strong> ({t(`options.party.${clarification.party}`)}
              {clarification.partyAgencyId ? ` · ${agencyName(clarification.partyAgencyId)}` : ''},{' '}
              <time dateTime={clarification.requestedAt}>{formatDateTime(clarification.requestedAt, zone, i18n.language)}</time>): {clarification.question}
            </p>
            {clarification.answer !== null && clarification.answeredAt ? (
              <p>
                <strong>{t('answer')}</strong> (<time dateTime={clarification.answeredAt}>{formatDateTime(clarification.answeredAt, zone, i18n.language)}</time>
                {clarification.recordedOnBehalfVia ? ` · ${t(`options.channel.${clarification.recordedOnBehalfVia}`)}` : ''}): {clarification.answer}
              </p>
            ) : clarification.expiredAt ? (
              <p className="muted">{t('expired')}</p>
            ) : (
              <p className="muted">{t('unanswered')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function FollowUpsSection({ detail, zone, agencyName }: { detail: CaseDetail; zone: ZoneName; agencyName: (id: string | null) => string }) {
  const { t, i18n } = useTranslation('case');
  if (detail.followUps.length === 0) return null;
  return (
    <section className="card" aria-labelledby="case-follow-ups-title">
      <h2 id="case-follow-ups-title">{t('followUps')}</h2>
      <ul className="case-records">
        {detail.followUps.map((followUp) => (
          <li key={followUp.at}>
            <p className="muted">
              {agencyName(followUp.agencyId)} · <time dateTime={followUp.at}>{formatDateTime(followUp.at, zone, i18n.language)}</time>
            </p>
            <p>{followUp.followUp}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The complaint's copies elsewhere (SP4N-LAPOR!): its id there and what was last seen, an observation beside our own status. */
function ExternalSyncSection({ detail, zone, agencyName }: { detail: CaseDetail; zone: ZoneName; agencyName: (id: string | null) => string }) {
  const { t, i18n } = useTranslation('case');
  if (!detail.externalSync?.length) return null;
  return (
    <section className="card" aria-labelledby="case-external-title">
      <h2 id="case-external-title">{t('external.title')}</h2>
      <ul className="case-records">
        {detail.externalSync.map((sync) => (
          <li key={`${sync.system}:${sync.externalId}`}>
            <p>
              {t('external.reference', { system: t(`external.systems.${sync.system}`), id: sync.externalId, agency: agencyName(sync.agencyId) })}
            </p>
            {sync.observed ? (
              <p className="muted">
                {t('external.observed', {
                  status: sync.observed.statusName,
                  count: sync.observed.followUpCount,
                })}
                {sync.observed.mappedStatus ? ` ${t('external.mapped', { status: t(`common:statuses.${sync.observed.mappedStatus}`) })}` : ''} ·{' '}
                <time dateTime={sync.observed.at}>{formatDateTime(sync.observed.at, zone, i18n.language)}</time>
              </p>
            ) : (
              <p className="muted">{t('external.notObserved')}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
