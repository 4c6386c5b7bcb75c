import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api, ifMatch, unwrap } from '../../api/client';
import { isProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { ProblemMessage } from '../../components/problem-message';
import { formatDateTime } from '../../format';
import { AttachmentForm } from './attachment-form';
import { publicStatusOf } from './public-status';
import { type Rating, RatingInput } from './rating-input';
import { forgetSecret, rememberSecret, rememberedSecret, secretHeader } from './tracking-secret';
import './reporter.css';

type TrackingView = components['schemas']['TrackingView'];
type Action = TrackingView['allowedActions'][number];

/** The reporter's commands, each with the body its endpoint takes. */
export type TrackedCommand =
  | { action: 'answer-clarification'; body: components['schemas']['TrackedAnswerRequest'] }
  | { action: 'accept'; body: components['schemas']['TrackedAcceptRequest'] }
  | { action: 'rate'; body: components['schemas']['RateComplaintRequest'] }
  | { action: 'dispute'; body: components['schemas']['DisputeFollowUpRequest'] };

const normalised = (text: string) => text.trim().toUpperCase();
/** A secret copied by hand may come with the spaces it was shown grouped by. */
const normalisedSecret = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/** Sends a command decided on `revision`; answers the complaint's revision after it. */
async function sendCommand(trackingId: string, secret: string, revision: string, command: TrackedCommand): Promise<string> {
  const params = { path: { trackingId }, header: secretHeader(secret) };
  const headers = ifMatch(revision);
  switch (command.action) {
    case 'answer-clarification':
      return (await unwrap(api.POST('/track/{trackingId}/answer-clarification', { params, headers, body: command.body }))).revision;
    case 'accept':
      return (await unwrap(api.POST('/track/{trackingId}/accept', { params, headers, body: command.body }))).revision;
    case 'rate':
      return (await unwrap(api.POST('/track/{trackingId}/rate', { params, headers, body: command.body }))).revision;
    case 'dispute':
      return (await unwrap(api.POST('/track/{trackingId}/dispute', { params, headers, body: command.body }))).revision;
  }
}

/** Sends one file as multipart (the identifying mark before the file, as the API reads it); answers the complaint's revision after it. */
async function sendAttachment(trackingId: string, secret: string, revision: string, file: File, identifying: boolean): Promise<string> {
  const form = new FormData();
  form.append('identifying', String(identifying));
  form.append('file', file, file.name);
  const answer = await unwrap(
    api.POST('/track/{trackingId}/attachments', { params: { path: { trackingId }, header: secretHeader(secret) }, headers: ifMatch(revision), body: form as never }),
  );
  return answer.revision;
}

/** Statuses in which the report takes no more evidence. */
const ENDED: readonly TrackingView['status'][] = ['CLOSED', 'REJECTED', 'ARCHIVED_INVALID', 'DUPLICATE'];

interface Tracked {
  view: TrackingView;
  /** Runs a command on the view's current revision; a refusal for a stale revision reloads the view first. */
  send(command: TrackedCommand): Promise<void>;
  /** Adds a file the same way. */
  attach(file: File, identifying: boolean): Promise<void>;
  when(instant: string): string;
}

const TrackedContext = createContext<Tracked | null>(null);
const useTracked = (): Tracked => {
  const tracked = useContext(TrackedContext);
  if (!tracked) throw new Error('useTracked outside a tracked complaint');
  return tracked;
};

/** A command's failure: a stale revision says the view was reloaded and the typed text kept; anything else as the API named it. */
function CommandProblem({ error }: { error: unknown }) {
  const { t } = useTranslation('reporter');
  if (isProblem(error, 412)) {
    return (
      <div role="alert" className="alert alert-warn">
        <p>{t('track.stale')}</p>
      </div>
    );
  }
  return <ProblemMessage error={error} />;
}

/** A form for one command: its mutation, sent on the latest revision, and its problem shown beside it. */
function useCommand(make: () => TrackedCommand, onSent?: () => void) {
  const { send } = useTracked();
  return useMutation({ mutationFn: () => send(make()), onSuccess: onSent });
}

function AnswerForm({ question }: { question: components['schemas']['OpenQuestion'] }) {
  const { t } = useTranslation('reporter');
  const { view, when } = useTracked();
  const [answer, setAnswer] = useState('');
  const command = useCommand(() => ({ action: 'answer-clarification', body: { clarificationId: question.clarificationId, answer: answer.trim() } }));
  const may = view.allowedActions.includes('answer-clarification');
  const id = `answer-${question.clarificationId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!command.isPending) command.mutate();
  };
  return (
    <li className="card stack">
      <p className="question">{question.question}</p>
      <p className="muted">{t('track.askedAt', { at: when(question.requestedAt) })}</p>
      {may ? (
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor={id}>{t('track.answerLabel')}</label>
            <textarea id={id} required maxLength={4000} rows={4} value={answer} onChange={(event) => setAnswer(event.target.value)} />
          </div>
          <CommandProblem error={command.error} />
          <button type="submit" className="primary touch" disabled={command.isPending || answer.trim() === ''}>
            {t('track.answerSubmit')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('track.answerNotNow')}</p>
      )}
    </li>
  );
}

function AcceptForm() {
  const { t } = useTranslation('reporter');
  const [note, setNote] = useState('');
  const command = useCommand(() => ({ action: 'accept', body: note.trim() ? { note: note.trim() } : {} }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!command.isPending) command.mutate();
  };
  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="accept-heading">
      <h3 id="accept-heading">{t('accept.title')}</h3>
      <p>{t('accept.help')}</p>
      <div className="field">
        <label htmlFor="accept-note">{t('accept.note')}</label>
        <textarea id="accept-note" maxLength={2000} rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <CommandProblem error={command.error} />
      <button type="submit" className="primary touch" disabled={command.isPending}>
        {t('accept.submit')}
      </button>
    </form>
  );
}

function RateForm() {
  const { t } = useTranslation('reporter');
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const command = useCommand(() => ({ action: 'rate', body: { rating: rating!, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating && !command.isPending) command.mutate();
  };
  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="rate-heading">
      <h3 id="rate-heading">{t('rate.title')}</h3>
      <p>{t('rate.help')}</p>
      <RatingInput value={rating} onChange={setRating} name="rating" />
      <div className="field">
        <label htmlFor="rate-comment">{t('rate.comment')}</label>
        <textarea id="rate-comment" maxLength={2000} rows={3} value={comment} onChange={(event) => setComment(event.target.value)} />
      </div>
      <CommandProblem error={command.error} />
      <button type="submit" className="primary touch" disabled={command.isPending || rating === null}>
        {t('rate.submit')}
      </button>
    </form>
  );
}

function DisputeForm() {
  const { t } = useTranslation('reporter');
  const { view, when } = useTracked();
  const [reason, setReason] = useState('');
  const [normative, setNormative] = useState(false);
  const command = useCommand(() => ({ action: 'dispute', body: { reason: reason.trim(), normative } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!command.isPending) command.mutate();
  };
  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="dispute-heading">
      <h3 id="dispute-heading">{t('dispute.title')}</h3>
      <p>{t('dispute.help')}</p>
      {view.disputeWindowEndsAt && <p className="muted">{t('dispute.until', { at: when(view.disputeWindowEndsAt) })}</p>}
      <div className="field">
        <label htmlFor="dispute-reason">{t('dispute.reason')}</label>
        <textarea id="dispute-reason" required maxLength={4000} rows={4} value={reason} onChange={(event) => setReason(event.target.value)} />
      </div>
      <div className="field">
        <label className="choice touch">
          <input type="checkbox" checked={normative} onChange={(event) => setNormative(event.target.checked)} aria-describedby="dispute-normative-help" />
          <span>{t('dispute.normative')}</span>
        </label>
        <p id="dispute-normative-help" className="choice-help">
          {t('dispute.normativeHelp')}
        </p>
      </div>
      <CommandProblem error={command.error} />
      <button type="submit" className="touch" disabled={command.isPending || reason.trim() === ''}>
        {t('dispute.submit')}
      </button>
    </form>
  );
}

const ACTION_FORMS: Partial<Record<Action, () => ReactNode>> = {
  accept: () => <AcceptForm key="accept" />,
  rate: () => <RateForm key="rate" />,
  dispute: () => <DisputeForm key="dispute" />,
};

function TrackingDetails({ view, onLeave }: { view: TrackingView; onLeave: () => void }) {
  const { t } = useTranslation('reporter');
  const { when, attach } = useTracked();
  const actions = view.allowedActions.filter((action) => ACTION_FORMS[action]);
  return (
    <div className="stack">
      <h1>{t('track.viewTitle', { trackingId: view.trackingId })}</h1>
      <section className="card stack" aria-labelledby="status-heading">
        <h2 id="status-heading">{t('track.status')}</h2>
        <p className="public-status" data-testid="public-status">
          {publicStatusOf(view, t)}
        </p>
        <dl className="facts">
          <dt>{t('track.submittedAt')}</dt>
          <dd>{when(view.submittedAt)}</dd>
          <dt>{t('track.updatedAt')}</dt>
          <dd>{when(view.updatedAt)}</dd>
          {view.closure && (
            <>
              <dt>{t('track.closedAt')}</dt>
              <dd>
                {when(view.closure.at)} · {t(`track.closure.${view.closure.reasonCode}`)}
              </dd>
            </>
          )}
          {view.rating && (
            <>
              <dt>{t('track.yourRating')}</dt>
              <dd>
                {t('track.ratingValue', { rating: view.rating.rating, words: t(`rate.scale.${view.rating.rating}`) })}
                {view.rating.comment && <> — “{view.rating.comment}”</>}
              </dd>
            </>
          )}
        </dl>
      </section>

      {view.openQuestions.length > 0 && (
        <section className="stack" aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t('track.openQuestions')}</h2>
          <p>{t('track.openQuestionsHelp')}</p>
          <ul className="plain-list stack">
            {view.openQuestions.map((question) => (
              <AnswerForm key={question.clarificationId} question={question} />
            ))}
          </ul>
        </section>
      )}

      <section className="stack" aria-labelledby="follow-ups-heading">
        <h2 id="follow-ups-heading">{t('track.followUps')}</h2>
        {view.followUps.length === 0 ? (
          <p className="muted">{t('track.noFollowUps')}</p>
        ) : (
          <ol className="plain-list stack">
            {view.followUps.map((followUp) => (
              <li key={followUp.at} className="card">
                <p className="muted">{when(followUp.at)}</p>
                <p className="follow-up">{followUp.followUp}</p>
              </li>
            ))}
          </ol>
        )}
      </section>

      {view.answeredQuestions.length > 0 && (
        <section className="stack" aria-labelledby="answered-heading">
          <h2 id="answered-heading">{t('track.answeredQuestions')}</h2>
          <ul className="plain-list stack">
            {view.answeredQuestions.map((question) => (
              <li key={question.clarificationId} className="card answered">
                <p className="question">{question.question}</p>
                <p>
                  <strong>{t('track.yourAnswer')}</strong> {question.answer ?? '—'}
                </p>
                <p className="muted">
                  {question.answeredAt && t('track.answeredAt', { at: when(question.answeredAt) })}
                  {question.recordedOnBehalfVia && <> · {t(`track.recordedVia.${question.recordedOnBehalfVia}`)}</>}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}

      {actions.length > 0 && (
        <section className="stack" aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t('track.actions')}</h2>
          {actions.map((action) => ACTION_FORMS[action]!())}
        </section>
      )}

      {!ENDED.includes(view.status) && (
        <section className="stack" aria-labelledby="attachments-heading">
          <h2 id="attachments-heading">{t('attach.heading')}</h2>
          <AttachmentForm send={attach} />
        </section>
      )}

      <div className="actions">
        <button type="button" className="touch" onClick={onLeave}>
          {t('track.leave')}
        </button>
      </div>
      <p className="muted">{t('track.leaveHelp')}</p>
    </div>
  );
}

const later = (revision: string, than: string) => BigInt(revision) >= BigInt(than);

/**
 * The view of one complaint opened with its secret; after a command it is read again until it shows
 * the revision the command produced. Times are shown in the zone of the agency holding it, named.
 */
function TrackedComplaint({ trackingId, secret, onNotFound, onLeave }: { trackingId: string; secret: string; onNotFound: () => void; onLeave: () => void }) {
  const { t, i18n } = useTranslation('reporter');
  const queryClient = useQueryClient();
  const [awaiting, setAwaiting] = useState<string | null>(null);
  const queryKey = ['track', trackingId];
  const tracking = useQuery({
    queryKey,
    queryFn: () => unwrap(api.GET('/track/{trackingId}', { params: { path: { trackingId }, header: secretHeader(secret) } })),
    // The read model catches up with a command shortly after it; ask again until it has.
    refetchInterval: (query) => (awaiting && query.state.data && !later(query.state.data.revision, awaiting) ? 400 : false),
  });
  const view = tracking.data;
  const latest = useRef(view);
  latest.current = view;
  useEffect(() => {
    if (isProblem(tracking.error, 404)) onNotFound();
  }, [tracking.error, onNotFound]);
  useEffect(() => {
    if (awaiting && view && later(view.revision, awaiting)) setAwaiting(null);
  }, [awaiting, view]);

  if (tracking.isPending) return <p aria-live="polite">{t('common:loading')}</p>;
  // The form comes back with its own plain message; the API's generic one would only flash by.
  if (isProblem(tracking.error, 404)) return null;
  if (!view) return <ProblemMessage error={tracking.error} />;
  /** Sends on the view's current revision, then reads the view again until it shows the result. */
  const decideOnLatest = async (sendOn: (revision: string) => Promise<string>) => {
    try {
      setAwaiting(await sendOn(latest.current!.revision));
      void queryClient.invalidateQueries({ queryKey });
    } catch (error) {
      // Someone changed the complaint meanwhile: show what it is now; the forms keep what was typed.
      if (isProblem(error, 412)) await queryClient.refetchQueries({ queryKey });
      throw error;
    }
  };
  const tracked: Tracked = {
    view,
    when: (instant) => formatDateTime(instant, view.zone, i18n.language),
    send: (command) => decideOnLatest((revision) => sendCommand(trackingId, secret, revision, command)),
    attach: (file, identifying) => decideOnLatest((revision) => sendAttachment(trackingId, secret, revision, file, identifying)),
  };
  return (
    <TrackedContext.Provider value={tracked}>
      {awaiting && (
        <p role="status" className="alert alert-ok">
          {t('track.sent')}
        </p>
      )}
      <TrackingDetails view={view} onLeave={onLeave} />
    </TrackedContext.Provider>
  );
}

function OpenForm({ initialId, notFound, onOpen }: { initialId: string; notFound: boolean; onOpen: (trackingId: string, secret: string) => void }) {
  const { t } = useTranslation('reporter');
  const [trackingId, setTrackingId] = useState(initialId);
  const [secret, setSecret] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onOpen(normalised(trackingId), normalisedSecret(secret));
  };
  return (
    <form onSubmit={submit} className="stack" aria-labelledby="track-heading">
      <h1 id="track-heading">{t('track.title')}</h1>
      <p>{t('track.intro')}</p>
      {notFound && (
        <div role="alert" className="alert alert-error">
          <p>{t('track.notFound')}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor="track-id">{t('track.trackingId')}</label>
        <input
          id="track-id"
          type="text"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder="LPR-…"
          value={trackingId}
          onChange={(event) => setTrackingId(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="track-secret">{t('track.secret')}</label>
        <input
          id="track-secret"
          type="password"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="track-secret-help"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
        />
        <p id="track-secret-help" className="muted">
          {t('track.secretHelp')}
        </p>
      </div>
      <button type="submit" className="primary touch">
        {t('track.open')}
      </button>
    </form>
  );
}

/**
 * `/lacak` and `/lacak/:trackingId`: a reporter, with no account, opens a complaint with its tracking
 * id and secret. The id may be in the address; the secret never is, and stays in this tab only.
 */
export function TrackPage() {
  const { trackingId: routeId } = useParams();
  const navigate = useNavigate();
  const current = routeId ? normalised(routeId) : null;
  const [secret, setSecret] = useState<string | null>(() => (current ? rememberedSecret(current) : null));
  const [notFound, setNotFound] = useState(false);
  useEffect(() => {
    setSecret(current ? rememberedSecret(current) : null);
  }, [current]);
  const onNotFound = useCallback(() => setNotFound(true), []);
  useEffect(() => {
    if (notFound && current) {
      forgetSecret(current);
      setSecret(null);
    }
  }, [notFound, current]);

  return (
    <div className="narrow stack reporter">
      {current && secret ? (
        <TrackedComplaint
          key={`${current}|${secret}`}
          trackingId={current}
          secret={secret}
          onNotFound={onNotFound}
          onLeave={() => {
            forgetSecret(current);
            setSecret(null);
            navigate('/lacak');
          }}
        />
      ) : (
        <OpenForm
          key={current ?? ''}
          initialId={current ?? ''}
          notFound={notFound}
          onOpen={(trackingId, typed) => {
            rememberSecret(trackingId, typed);
            setNotFound(false);
            // Another id: the address changes and the secret is picked up from the tab's storage for it.
            if (trackingId === current) setSecret(typed);
            else navigate(`/lacak/${encodeURIComponent(trackingId)}`);
          }}
        />
      )}
    </div>
  );
}
