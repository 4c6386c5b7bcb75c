import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { isProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/problem-message';
import type { CaseDetail } from './commands';

const REFUSALS: Record<string, string> = { IDENTITY_SEALED: 'reporter.sealed', IDENTITY_ERASED: 'reporter.erased', NO_REPORTER_IDENTITY: 'reporter.none' };

/**
 * Who sent the complaint, as far as the seal allows. Reading the identity is recorded with its reason,
 * so it is never fetched on its own: the officer asks, giving the reason, and the API decides.
 */
export function ReporterSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('case');
  const id = useId();
  const [reason, setReason] = useState('');
  const read = useMutation({
    mutationFn: (why: string) => unwrap(api.GET('/complaints/{id}/reporter-identity', { params: { path: { id: detail.id }, query: { reason: why } } })),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    read.mutate(reason.trim());
  };

  let body;
  if (detail.anonymous) body = <p>{t('reporter.anonymous')}</p>;
  else if (!detail.hasReporterIdentity) body = <p>{t('reporter.none')}</p>;
  else if (read.data) {
    const identity = read.data;
    body = (
      <dl className="case-facts">
        {(['name', 'idNumber', 'email', 'phone'] as const).map((key) =>
          identity[key] ? (
            <div key={key}>
              <dt>{t(`reporter.${key}`)}</dt>
              <dd>{identity[key]}</dd>
            </div>
          ) : null,
        )}
      </dl>
    );
  } else {
    const refusal = isProblem(read.error) ? REFUSALS[read.error.code] : undefined;
    body = (
      <>
        {detail.confidential ? <p>{t('reporter.confidential')}</p> : null}
        {refusal ? (
          <p role="status" className="alert alert-warn">
            {t(refusal)}
          </p>
        ) : (
          <form onSubmit={submit} className="stack">
            <div className="field">
              <label htmlFor={`${id}-reason`}>{t('reporter.reason')}</label>
              <input id={`${id}-reason`} type="text" value={reason} onChange={(event) => setReason(event.target.value)} required aria-describedby={`${id}-note`} />
              <p id={`${id}-note`} className="muted">
                {t('reporter.recorded')}
              </p>
            </div>
            {read.error ? <ProblemMessage error={read.error} /> : null}
            <div className="actions">
              <button type="submit" disabled={read.isPending}>
                {t('reporter.show')}
              </button>
            </div>
          </form>
        )}
      </>
    );
  }
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reporter.title')}</h2>
      {body}
    </section>
  );
}
