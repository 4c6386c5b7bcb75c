import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationTree } from '../../api/agencies';
import { ApiProblem } from '../../api/problem';
import { AgencyTreePicker } from '../../components/agency-tree-picker';
import { ProblemMessage } from '../../components/problem-message';
import type { HistoryEntry } from '../../components/timeline';
import { formatDateTime, type ZoneName } from '../../format';
import { type CaseDetail, COMMANDS, type CommandName, type Field, isShown, openReporterQuestions, type Values } from './commands';

/**
 * The form of one command. Its values live with the caller, so a reload of the case (after a conflict)
 * keeps what was typed; `error` is the API's last answer, its field errors shown beside their inputs.
 */
export function CommandForm({
  name,
  detail,
  values,
  onValues,
  onSubmit,
  onCancel,
  pending,
  error,
  tree,
  rootIds,
  stillOffered,
}: {
  name: CommandName;
  detail: CaseDetail;
  values: Values;
  onValues: (values: Values) => void;
  onSubmit: () => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
  tree: OrganisationTree | undefined;
  /** The subtrees a disposition may go to. */
  rootIds?: readonly string[];
  stillOffered: boolean;
}) {
  const { t } = useTranslation('case');
  const id = useId();
  const spec = COMMANDS[name];
  if (!spec) return null;
  const fieldErrors = error instanceof ApiProblem ? (error.body.errors ?? []) : [];
  const errorOf = (field: string) => fieldErrors.find((problem) => problem.field === field || problem.field.startsWith(`${field}.`));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  const set = (field: string, value: string | boolean) => onValues({ ...values, [field]: value });

  const input = (field: Field) => {
    const inputId = `${id}-${field.name}`;
    const problem = errorOf(field.name);
    const described = problem ? `${inputId}-error` : undefined;
    const label = t(`fields.${field.name}`);
    let control;
    switch (field.kind) {
      case 'checkbox':
        return (
          <div className="field" key={field.name}>
            <label className="choice">
              <input type="checkbox" checked={values[field.name] === true} onChange={(event) => set(field.name, event.target.checked)} aria-describedby={described} />
              {label}
            </label>
            {problem ? <FieldError id={`${inputId}-error`} messages={problem.messages} /> : null}
          </div>
        );
      case 'agency':
        return (
          <div className="field" key={field.name}>
            {tree ? (
              <AgencyTreePicker tree={tree} value={(values[field.name] as string) || null} onChange={(agency) => set(field.name, agency)} label={label} rootIds={field.name === 'agencyId' ? rootIds : undefined} />
            ) : (
              <p>{t('common:loading')}</p>
            )}
            {problem ? <FieldError id={`${inputId}-error`} messages={problem.messages} /> : null}
          </div>
        );
      case 'select':
        control = (
          <select id={inputId} value={values[field.name] as string} onChange={(event) => set(field.name, event.target.value)} aria-describedby={described} required>
            {field.options.map((option) => (
              <option key={option} value={option}>
                {t(`options.${field.name}.${option}`)}
              </option>
            ))}
          </select>
        );
        break;
      case 'clarification':
        control = (
          <select id={inputId} value={values[field.name] as string} onChange={(event) => set(field.name, event.target.value)} aria-describedby={described} required>
            {openReporterQuestions(detail).map((question) => (
              <option key={question.clarificationId} value={question.clarificationId}>
                {question.question}
              </option>
            ))}
          </select>
        );
        break;
      case 'textarea':
        control = (
          <textarea id={inputId} value={values[field.name] as string} onChange={(event) => set(field.name, event.target.value)} aria-describedby={described} required={!field.optional} />
        );
        break;
      default:
        control = (
          <input
            id={inputId}
            type={field.kind === 'date' ? 'date' : 'text'}
            value={values[field.name] as string}
            onChange={(event) => set(field.name, event.target.value)}
            aria-describedby={described}
            required={!('optional' in field && field.optional)}
          />
        );
    }
    return (
      <div className="field" key={field.name}>
        <label htmlFor={inputId}>
          {label}
          {'optional' in field && field.optional ? <span className="muted"> ({t('optional')})</span> : null}
        </label>
        {control}
        {problem ? <FieldError id={`${inputId}-error`} messages={problem.messages} /> : null}
      </div>
    );
  };

  return (
    <form className="card case-command" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(`commands.${name}.title`)}</h3>
      {t(`commands.${name}.hint`, { defaultValue: '' }) ? <p className="muted">{t(`commands.${name}.hint`)}</p> : null}
      {!stillOffered ? (
        <p role="status" className="alert alert-warn">
          {t('notOfferedNow')}
        </p>
      ) : null}
      {error && !(error instanceof ApiProblem && error.code === 'REVISION_MISMATCH') ? <ProblemMessage error={error} /> : null}
      {spec.fields.filter((field) => isShown(field, values)).map(input)}
      <div className="actions">
        <button type="submit" className={spec.tone === 'danger' ? 'danger' : 'primary'} disabled={pending}>
          {pending ? t('sending') : t('send')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common:cancel')}
        </button>
      </div>
    </form>
  );
}

function FieldError({ id, messages }: { id: string; messages: readonly string[] }) {
  return (
    <p id={id} className="case-field-error">
      {messages.join('; ')}
    </p>
  );
}

/**
 * A command refused with 412: someone changed the case after it was shown. Names what happened since the
 * revision the form was decided on, and offers to reload; the open form keeps its text meanwhile.
 */
export function ConflictPanel({
  since,
  history,
  zone,
  agencyName,
  onReload,
  reloading,
}: {
  since: string;
  history: readonly HistoryEntry[] | undefined;
  zone: ZoneName;
  agencyName: (id: string | null) => string;
  onReload: () => void;
  reloading: boolean;
}) {
  const { t, i18n } = useTranslation('case');
  const changes = (history ?? []).filter((entry) => BigInt(entry.revision) > BigInt(since));
  return (
    <section className="alert alert-warn case-conflict" role="alert" aria-labelledby="case-conflict-title">
      <h3 id="case-conflict-title">{t('conflict.title')}</h3>
      <p>{t('conflict.body')}</p>
      {changes.length > 0 ? (
        <ul aria-label={t('conflict.changes')}>
          {changes.map((entry) => (
            <li key={entry.eventId}>
              <strong>{i18n.exists(`common:events.${entry.type}`) ? t(`common:events.${entry.type}`) : entry.type}</strong>
              {' — '}
              {t(`common:roles.${entry.actor.role}`)}
              {entry.actor.agencyId ? `, ${agencyName(entry.actor.agencyId)}` : ''}
              {' · '}
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, zone, i18n.language)}</time>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('conflict.unknown')}</p>
      )}
      <p>{t('conflict.keep')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onReload} disabled={reloading}>
          {reloading ? t('common:loading') : t('conflict.reload')}
        </button>
      </div>
    </section>
  );
}
