import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../api/problem';

/** A problem from the API in the reader's language, keyed by its `code`; the API's own detail when the catalogue has no entry. */
export function useProblemText() {
  const { t, i18n } = useTranslation('problems');
  return (error: unknown): string => {
    if (!(error instanceof ApiProblem)) return t('UNKNOWN', { status: '?' });
    const key = error.code;
    if (i18n.exists(`problems:${key}`)) return t(key);
    return error.body.detail ?? t('UNKNOWN', { status: error.status });
  };
}

/** An alert naming what went wrong, and each bad field the API named. */
export function ProblemMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const text = useProblemText();
  if (!error) return null;
  const fields = error instanceof ApiProblem ? (error.body.errors ?? []) : [];
  return (
    <div role="alert" className="alert alert-error">
      <p>{text(error)}</p>
      {fields.length > 0 && (
        <>
          <p>{t('errors.fields')}</p>
          <ul>
            {fields.map((field) => (
              <li key={field.field}>
                <code>{field.field}</code>: {field.messages.join('; ')}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
