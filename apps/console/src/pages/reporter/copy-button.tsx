import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a text to the clipboard and says so where a screen reader hears it. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation('reporter');
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Without clipboard access (an insecure origin, a refused permission) the reader copies by hand.
      setState('failed');
    }
  };
  return (
    <span className="copy">
      <button type="button" className="touch" onClick={() => void copy()}>
        {label}
      </button>
      <span role="status" className="muted">
        {state === 'copied' ? t('copy.done') : state === 'failed' ? t('copy.failed') : ''}
      </span>
    </span>
  );
}
