import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ifMatch, unwrap } from '../../api/client';
import { isProblem } from '../../api/problem';
import type { components } from '../../api/schema';
import { ProblemMessage } from '../../components/problem-message';
import { formatDateTime, type ZoneName } from '../../format';
import { saveDownload } from '../dashboard/download';
import type { CaseDetail } from './commands';

type Attachment = components['schemas']['AttachmentRecord'];

/** What the file input offers: the types the API keeps (it detects the real type from the content). */
export const ACCEPTED_FILES = 'image/jpeg,image/png,image/webp,application/pdf,.docx,.xlsx,.odt,.ods';

const TYPE_WORDS: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
};

const UNITS = [
  { unit: 'megabyte', bytes: 1_000_000 },
  { unit: 'kilobyte', bytes: 1_000 },
] as const;

/** A size as people say it ("1,2 megabyte"), in the reader's language. */
export function sizeInWords(bytes: number, language: string): string {
  const { unit, bytes: per } = UNITS.find((candidate) => bytes >= candidate.bytes) ?? { unit: 'byte', bytes: 1 };
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 }).format(bytes / per);
}

/** A key repeated by a retry of the same upload, so the API records it once. */
const newIdempotencyKey = (): string | undefined => globalThis.crypto?.randomUUID?.();

/**
 * The complaint's evidence: each file named, typed and sized, by whom and when, downloadable with
 * the session's token (a plain link cannot carry it); and, when the API offers `add-attachment`, a
 * form to add one. Officers never mark a file as identifying: only the reporter knows it is.
 */
export function AttachmentsSection({
  detail,
  revision,
  zone,
  awaitRevision,
}: {
  detail: CaseDetail;
  revision: string;
  zone: ZoneName;
  /** Reads the complaint again until it shows `revision`. */
  awaitRevision: (revision: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation('case');
  const attachments = detail.attachments ?? [];
  const download = useMutation({
    mutationFn: (attachment: Attachment) =>
      saveDownload(
        api.GET('/complaints/{id}/attachments/{attachmentId}', { params: { path: { id: detail.id, attachmentId: attachment.attachmentId } }, parseAs: 'blob' }),
        attachment.fileName,
      ),
  });
  const mayAdd = detail.allowedActions.includes('add-attachment');
  if (attachments.length === 0 && !mayAdd) return null;
  return (
    <section className="card" aria-labelledby="case-attachments-title">
      <h2 id="case-attachments-title">{t('attachments.title')}</h2>
      {attachments.length === 0 ? (
        <p className="muted">{t('attachments.none')}</p>
      ) : (
        <ul className="case-records" aria-labelledby="case-attachments-title">
          {attachments.map((attachment) => (
            <li key={attachment.attachmentId} className="case-attachment">
              <div>
                <p>
                  <strong>{attachment.fileName}</strong>
                </p>
                <p className="muted">
                  {t('attachments.facts', {
                    type: t(`attachments.types.${TYPE_WORDS[attachment.mediaType] ?? 'other'}`, { mediaType: attachment.mediaType }),
                    size: sizeInWords(attachment.size, i18n.language),
                    by: t(`attachments.addedBy.${attachment.addedBy}`),
                  })}{' '}
                  · <time dateTime={attachment.at}>{formatDateTime(attachment.at, zone, i18n.language)}</time>
                  {attachment.identifying ? <> · {t('attachments.identifying')}</> : null}
                </p>
              </div>
              {attachment.erasedAt ? (
                <p className="badge">{t('attachments.erased')}</p>
              ) : (
                <button type="button" onClick={() => download.mutate(attachment)} disabled={download.isPending && download.variables === attachment}>
                  {t('attachments.download', { name: attachment.fileName })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage error={download.error} />
      {mayAdd ? <UploadForm complaintId={detail.id} revision={revision} awaitRevision={awaitRevision} /> : null}
    </section>
  );
}

function UploadForm({ complaintId, revision, awaitRevision }: { complaintId: string; revision: string; awaitRevision: (revision: string) => Promise<void> }) {
  const { t } = useTranslation('case');
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState<string | undefined>();
  const [added, setAdded] = useState<string | null>(null);
  const upload = useMutation({
    mutationFn: async (chosen: File) => {
      const form = new FormData();
      form.append('file', chosen, chosen.name);
      const headers = { ...ifMatch(revision), ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}) };
      const answer = await unwrap(api.POST('/complaints/{id}/attachments', { params: { path: { id: complaintId } }, headers, body: form as never }));
      await awaitRevision(answer.revision).catch(() => undefined);
      return chosen.name;
    },
    onSuccess: (name) => {
      setAdded(name);
      setFile(null);
      if (input.current) input.current.value = '';
    },
    onError: (error) => {
      // Someone changed the complaint meanwhile: show it as it is now, so a second try is decided on it.
      if (isProblem(error, 412)) void awaitRevision(String(error.body.currentRevision ?? revision)).catch(() => undefined);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file && !upload.isPending) upload.mutate(file);
  };
  return (
    <form className="stack case-command" onSubmit={submit} aria-labelledby="case-attachment-add-title">
      <h3 id="case-attachment-add-title">{t('attachments.add')}</h3>
      <div className="field">
        <label htmlFor="case-attachment-file">{t('attachments.file')}</label>
        <input
          ref={input}
          id="case-attachment-file"
          type="file"
          accept={ACCEPTED_FILES}
          aria-describedby="case-attachment-help"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setIdempotencyKey(newIdempotencyKey());
            setAdded(null);
            upload.reset();
          }}
        />
        <p id="case-attachment-help" className="muted">
          {t('attachments.help')}
        </p>
      </div>
      <ProblemMessage error={upload.error} />
      {added ? (
        <p role="status" className="alert alert-ok">
          {t('attachments.added', { name: added })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={!file || upload.isPending}>
          {upload.isPending ? t('attachments.sending') : t('attachments.send')}
        </button>
      </div>
    </form>
  );
}
