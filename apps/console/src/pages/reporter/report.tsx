import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useOrganisationTree } from '../../api/agencies';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/session';
import { AgencyTreePicker } from '../../components/agency-tree-picker';
import { ProblemMessage } from '../../components/problem-message';
import { formatDateTime } from '../../format';
import { CopyButton } from './copy-button';
import { type IdentityChoice, IdentityChoiceFields, NO_CONTACT, reporterOf } from './identity-choice';
import { publicStatusOf } from './public-status';
import { rememberSecret } from './tracking-secret';
import './reporter.css';

type Submitted = components['schemas']['SubmitComplaintResponse'];
type SubmitBody = components['schemas']['SubmitComplaintRequest'];

/** Topics reporters commonly pick; any other words are accepted too. */
const CATEGORY_SUGGESTIONS = ['kesehatan', 'pendidikan', 'kependudukan', 'infrastruktur', 'perizinan', 'lingkungan', 'transportasi', 'sosial'] as const;

/** A fresh key for one filling of the form: a double click, or a retry after a lost answer, files the complaint once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Today on the reporter's own calendar (an ISO date in UTC would still be yesterday before 07.00 WIB). */
const today = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

interface Draft {
  title: string;
  description: string;
  category: string;
  location: string;
  incidentDate: string;
  targetAgencyId: string | null;
  identity: IdentityChoice;
}

const EMPTY: Draft = {
  title: '',
  description: '',
  category: '',
  location: '',
  incidentDate: '',
  targetAgencyId: null,
  identity: { anonymous: false, confidential: false, contact: NO_CONTACT },
};

/** The body the API takes: optional fields only when filled. */
export function submissionOf(draft: Draft): SubmitBody {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  return {
    title: draft.title.trim(),
    description: draft.description.trim(),
    channel: 'web',
    category: optional(draft.category),
    location: optional(draft.location),
    incidentDate: optional(draft.incidentDate),
    targetAgencyId: draft.targetAgencyId ?? undefined,
    anonymous: draft.identity.anonymous,
    confidential: draft.identity.confidential,
    reporter: reporterOf(draft.identity),
  };
}

function SignInNeeded({ signedInAs }: { signedInAs: string | null }) {
  const { t } = useTranslation('reporter');
  return (
    <section className="narrow stack reporter">
      <h1>{t('report.title')}</h1>
      {signedInAs && <p className="alert alert-warn">{t('signIn.otherRole', { role: signedInAs })}</p>}
      <div className="card stack">
        <h2>{t('signIn.whyTitle')}</h2>
        <p>{t('signIn.why')}</p>
        <p>{t('signIn.private')}</p>
        <p>
          <Link className="button-link primary" to={`/masuk?next=${encodeURIComponent('/lapor')}`}>
            {t('signIn.action')}
          </Link>
        </p>
      </div>
      <div className="card stack">
        <h2>{t('signIn.trackTitle')}</h2>
        <p>{t('signIn.track')}</p>
        <p>
          <Link className="button-link" to="/lacak">
            {t('signIn.trackAction')}
          </Link>
        </p>
      </div>
    </section>
  );
}

function ReportForm({ onSubmitted }: { onSubmitted: (submitted: Submitted) => void }) {
  const { t } = useTranslation('reporter');
  const tree = useOrganisationTree();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [agencyOpen, setAgencyOpen] = useState(false);
  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((current) => ({ ...current, [field]: value }));
  const submit = useMutation({
    mutationFn: () => unwrap(api.POST('/complaints', { body: submissionOf(draft), headers: { 'Idempotency-Key': idempotencyKey } })),
    onSuccess: onSubmitted,
  });
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!submit.isPending) submit.mutate();
  };
  return (
    <form onSubmit={send} className="stack" aria-labelledby="report-heading">
      <h1 id="report-heading">{t('report.title')}</h1>
      <p>{t('report.intro')}</p>
      <div className="field">
        <label htmlFor="report-title">{t('report.fields.title')}</label>
        <input id="report-title" type="text" required maxLength={200} value={draft.title} onChange={(event) => set('title', event.target.value)} aria-describedby="report-title-help" />
        <p id="report-title-help" className="muted">
          {t('report.fields.titleHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="report-description">{t('report.fields.description')}</label>
        <textarea
          id="report-description"
          required
          maxLength={4000}
          rows={6}
          value={draft.description}
          onChange={(event) => set('description', event.target.value)}
          aria-describedby="report-description-help"
        />
        <p id="report-description-help" className="muted">
          {t('report.fields.descriptionHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="report-category">{t('report.fields.category')}</label>
        <input id="report-category" type="text" list="report-categories" maxLength={100} value={draft.category} onChange={(event) => set('category', event.target.value)} />
        <datalist id="report-categories">
          {CATEGORY_SUGGESTIONS.map((category) => (
            <option key={category} value={category}>
              {t(`report.categories.${category}`)}
            </option>
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="report-location">{t('report.fields.location')}</label>
        <input id="report-location" type="text" maxLength={300} value={draft.location} onChange={(event) => set('location', event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="report-date">{t('report.fields.incidentDate')}</label>
        <input id="report-date" type="date" max={today()} value={draft.incidentDate} onChange={(event) => set('incidentDate', event.target.value)} />
      </div>
      <details className="card" onToggle={(event) => setAgencyOpen(event.currentTarget.open)}>
        <summary>{t('report.fields.agency')}</summary>
        <p className="muted">{t('report.fields.agencyHelp')}</p>
        {/* The tree is large: built only for a reporter who opens it. */}
        {agencyOpen &&
          (tree.data ? (
            <>
              <AgencyTreePicker tree={tree.data} value={draft.targetAgencyId} onChange={(id) => set('targetAgencyId', id)} label={t('report.fields.agency')} />
              {draft.targetAgencyId && (
                <p className="actions">
                  <button type="button" onClick={() => set('targetAgencyId', null)}>
                    {t('report.fields.agencyClear')}
                  </button>
                </p>
              )}
            </>
          ) : (
            <p>{t('common:loading')}</p>
          ))}
      </details>
      <IdentityChoiceFields value={draft.identity} onChange={(identity) => set('identity', identity)} />
      <ProblemMessage error={submit.error} />
      <div className="actions">
        <button type="submit" className="primary touch" disabled={submit.isPending}>
          {submit.isPending ? t('report.sending') : t('report.submit')}
        </button>
      </div>
    </form>
  );
}

function SubmittedNotice({ submitted, onAnother }: { submitted: Submitted; onAnother: () => void }) {
  const { t } = useTranslation('reporter');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="stack" aria-labelledby="submitted-heading">
      <h1 id="submitted-heading" ref={heading} tabIndex={-1}>
        {t('submitted.title')}
      </h1>
      <p className="alert alert-ok">{t('submitted.intro')}</p>
      <div className="card stack">
        <dl className="credentials">
          <dt>{t('submitted.trackingId')}</dt>
          <dd>
            <code data-testid="tracking-id">{submitted.trackingId}</code>
            <CopyButton text={submitted.trackingId} label={t('submitted.copyId')} />
          </dd>
          <dt>{t('submitted.secret')}</dt>
          <dd>
            <code data-testid="tracking-secret" className="secret">
              {/* Grouped by four to be copied by hand without losing one's place; selected, it is still one word. */}
              {submitted.trackingSecret.match(/.{1,4}/g)!.map((group, index) => (
                <span key={index}>{group}</span>
              ))}
            </code>
            <CopyButton text={submitted.trackingSecret} label={t('submitted.copySecret')} />
          </dd>
        </dl>
        <div className="alert alert-warn">
          <p>
            <strong>{t('submitted.onceTitle')}</strong> {t('submitted.once')}
          </p>
        </div>
      </div>
      <div className="actions">
        <Link className="button-link primary" to={`/lacak/${encodeURIComponent(submitted.trackingId)}`}>
          {t('submitted.track')}
        </Link>
        <button type="button" className="touch" onClick={onAnother}>
          {t('submitted.another')}
        </button>
      </div>
    </section>
  );
}

function MyComplaints() {
  const { t, i18n } = useTranslation('reporter');
  const mine = useQuery({
    queryKey: ['my-complaints'],
    queryFn: () => unwrap(api.GET('/complaints', { params: { query: { sort: 'newest', pageSize: 20 } } })),
  });
  return (
    <section className="stack" aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t('mine.title')}</h2>
      {mine.isPending && <p>{t('common:loading')}</p>}
      <ProblemMessage error={mine.error} />
      {mine.data && mine.data.items.length === 0 && <p className="muted">{t('mine.empty')}</p>}
      {mine.data && mine.data.items.length > 0 && (
        <ul className="my-complaints">
          {mine.data.items.map((item) => (
            <li key={item.id} className="card">
              <p className="my-complaint-title">{item.title}</p>
              <p>
                <span className="badge">{'publicStatus' in item ? publicStatusOf(item, t) : t(`common:statuses.${item.status}`)}</span>{' '}
                <span className="muted">{t('mine.submittedAt', { at: formatDateTime(item.submittedAt, 'WIB', i18n.language) })}</span>
              </p>
              <p>
                <Link to={`/lacak/${encodeURIComponent(item.trackingId)}`}>{t('mine.track', { trackingId: item.trackingId })}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** `/lapor`: a reporter files a complaint and gets the tracking id and secret; anyone else learns why an account is needed. */
export function ReportPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  const queryClient = useQueryClient();
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  const [fill, setFill] = useState(0);
  if (!session || session.role !== 'reporter') return <SignInNeeded signedInAs={session ? t(`roles.${session.role}`) : null} />;
  return (
    <div className="narrow stack reporter">
      {submitted ? (
        <SubmittedNotice
          submitted={submitted}
          onAnother={() => {
            setSubmitted(null);
            setFill((count) => count + 1);
          }}
        />
      ) : (
        <ReportForm
          key={fill}
          onSubmitted={(answer) => {
            rememberSecret(answer.trackingId, answer.trackingSecret);
            void queryClient.invalidateQueries({ queryKey: ['my-complaints'] });
            setSubmitted(answer);
          }}
        />
      )}
      <MyComplaints />
    </div>
  );
}
