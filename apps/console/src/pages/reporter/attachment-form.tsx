import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isProblem } from '../../api/problem';
import { ProblemMessage } from '../../components/problem-message';

/** What the file input offers: the types the API keeps (it detects the real type from the content). */
const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx,.odt,.ods';

/**
 * The reporter adds a photo or document to their report, and says whether it shows who they are:
 * such a file is then kept as sealed as their identity, and erased with it.
 */
export function AttachmentForm({ send }: { send: (file: File, identifying: boolean) => Promise<void> }) {
  const { t } = useTranslation('reporter');
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [identifying, setIdentifying] = useState(false);
  const upload = useMutation({
    mutationFn: ({ chosen, identifying }: { chosen: File; identifying: boolean }) => send(chosen, identifying),
    onSuccess: () => {
      setFile(null);
      setIdentifying(false);
      if (input.current) input.current.value = '';
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file && !upload.isPending) upload.mutate({ chosen: file, identifying });
  };
  return (
    <form onSubmit={submit} className="card stack" aria-labelledby="attach-heading">
      <h3 id="attach-heading">{t('attach.title')}</h3>
      <p id="attach-help">{t('attach.help')}</p>
      <div className="field">
        <label htmlFor="attach-file">{t('attach.file')}</label>
        <input
          ref={input}
          id="attach-file"
          type="file"
          accept={ACCEPTED_FILES}
          aria-describedby="attach-help"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            upload.reset();
          }}
        />
      </div>
      <div className="field">
        <label className="choice touch">
          <input type="checkbox" checked={identifying} onChange={(event) => setIdentifying(event.target.checked)} aria-describedby="attach-identifying-help" />
          <span>{t('attach.identifying')}</span>
        </label>
        <p id="attach-identifying-help" className="choice-help">
          {t('attach.identifyingHelp')}
        </p>
      </div>
      {isProblem(upload.error, 412) ? (
        <div role="alert" className="alert alert-warn">
          <p>{t('track.stale')}</p>
        </div>
      ) : (
        <ProblemMessage error={upload.error} />
      )}
      {upload.isSuccess ? (
        <p role="status" className="alert alert-ok">
          {t('attach.sent')}
        </p>
      ) : null}
      <button type="submit" className="primary touch" disabled={!file || upload.isPending}>
        {upload.isPending ? t('attach.sending') : t('attach.submit')}
      </button>
    </form>
  );
}
