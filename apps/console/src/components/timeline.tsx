import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDateTime, type ZoneName } from '../format';

export type HistoryEntry = components['schemas']['HistoryEntry'];

/**
 * A complaint's history, oldest first: what happened (named in the reader's language; the API's summary
 * carries the particulars, in the reader's language where the entry has it), who did it, and when in the
 * agency's zone. `upTo` dims what came after a revision, for a replay; `agencyName` names the actor's node.
 */
export function Timeline({
  entries,
  zone,
  upTo,
  agencyName,
}: {
  entries: readonly HistoryEntry[];
  zone: ZoneName;
  upTo?: string;
  agencyName?: (id: string | null) => string;
}) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  const limit = upTo === undefined ? null : BigInt(upTo);
  return (
    <ol className="timeline" aria-label={t('timeline.label')}>
      {entries.map((entry) => {
        const later = limit !== null && BigInt(entry.revision) > limit;
        const title = i18n.exists(`common:events.${entry.type}`) ? t(`events.${entry.type}`) : entry.type;
        return (
          <li key={entry.eventId} className={later ? 'timeline-later' : undefined} aria-current={limit !== null && BigInt(entry.revision) === limit ? 'step' : undefined}>
            <div className="timeline-head">
              <strong>{title}</strong>
              <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, zone, i18n.language)}</time>
            </div>
            <Summary entry={entry} language={i18n.language} />
            <p className="muted">
              {t('timeline.by', { role: t(`roles.${entry.actor.role}`) })}
              {entry.actor.agencyId && agencyName ? ` · ${agencyName(entry.actor.agencyId)}` : ''} · {t('timeline.revision', { revision: entry.revision })}
            </p>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The summary in Bahasa Indonesia for its readers; an entry projected before that was kept has only the
 * English one, shown marked as English so a screen reader pronounces it right.
 */
function Summary({ entry, language }: { entry: HistoryEntry; language: string }) {
  if (language === 'id' && entry.summaryInIndonesian) return <p>{entry.summaryInIndonesian}</p>;
  return <p lang={language === 'en' ? undefined : 'en'}>{entry.summary}</p>;
}
