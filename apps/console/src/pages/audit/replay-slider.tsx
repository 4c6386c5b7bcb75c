import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../components/timeline';
import { formatDateTime, type ZoneName } from '../../format';

/**
 * Chooses the revision to replay the complaint to: a range over its events, oldest to newest, that
 * names the event it stands on (to screen readers too, through `aria-valuetext`). Arrow keys step
 * one event, Home and End go to the first and the last.
 */
export function ReplaySlider({
  entries,
  revision,
  zone,
  onChange,
}: {
  entries: readonly HistoryEntry[];
  revision: string;
  zone: ZoneName;
  onChange: (revision: string) => void;
}) {
  const { t, i18n } = useTranslation('audit');
  const id = useId();
  const index = Math.max(0, entries.findIndex((entry) => entry.revision === revision));
  const entry = entries[index];
  if (!entry) return null;
  const event = i18n.exists(`common:events.${entry.type}`) ? t(`common:events.${entry.type}`) : entry.type;
  const text = t('replay.position', { revision: entry.revision, position: index + 1, total: entries.length, event });
  return (
    <div className="replay-slider field">
      <label htmlFor={id}>{t('replay.label')}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={entries.length - 1}
        step={1}
        value={index}
        aria-valuetext={text}
        onChange={(change) => onChange(entries[Number(change.target.value)]!.revision)}
      />
      <output htmlFor={id} aria-live="polite">
        <strong>{text}</strong> <span className="muted">{formatDateTime(entry.occurredAt, zone, i18n.language)}</span>
      </output>
    </div>
  );
}
