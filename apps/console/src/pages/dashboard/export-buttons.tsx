import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemMessage } from '../../components/problem-message';
import { saveDownload } from './download';

type Format = 'csv' | 'xlsx';
type ExportId = `${'indicators' | 'rankings' | 'exceptions'}-${Format}` | 'report-pdf';

/** The dashboard's figures as files an inspector hands over, in the reader's language. */
export function ExportButtons({ node, period, withRanking }: { node: string; period: string; withRanking: boolean }) {
  const { t, i18n } = useTranslation('dashboard');
  const [busy, setBusy] = useState<ExportId | null>(null);
  const [error, setError] = useState<unknown>(null);
  const lang = i18n.language === 'en' ? 'en' : 'id';

  const fetchers: Record<ExportId, () => Promise<void>> = {
    'indicators-csv': () => saveDownload(api.GET('/monev/indicators/export', { params: { query: { node, period, format: 'csv', lang } }, parseAs: 'blob' }), `monev-indicators-${node}-${period}.csv`),
    'indicators-xlsx': () =>
      saveDownload(api.GET('/monev/indicators/export', { params: { query: { node, period, format: 'xlsx', lang } }, parseAs: 'blob' }), `monev-indicators-${node}-${period}.xlsx`),
    'rankings-csv': () =>
      saveDownload(api.GET('/monev/rankings/export', { params: { query: { parent: node, period, format: 'csv', lang } }, parseAs: 'blob' }), `monev-rankings-${node}-${period}.csv`),
    'rankings-xlsx': () =>
      saveDownload(api.GET('/monev/rankings/export', { params: { query: { parent: node, period, format: 'xlsx', lang } }, parseAs: 'blob' }), `monev-rankings-${node}-${period}.xlsx`),
    'exceptions-csv': () => saveDownload(api.GET('/monev/exceptions/export', { params: { query: { node, format: 'csv', lang } }, parseAs: 'blob' }), `monev-exceptions-${node}.csv`),
    'exceptions-xlsx': () => saveDownload(api.GET('/monev/exceptions/export', { params: { query: { node, format: 'xlsx', lang } }, parseAs: 'blob' }), `monev-exceptions-${node}.xlsx`),
    'report-pdf': () =>
      saveDownload(api.GET('/monev/reports/{period}.pdf', { params: { path: { period }, query: { node, lang } }, parseAs: 'blob' }), `monev-report-${node}-${period}.pdf`),
  };
  const ids = (Object.keys(fetchers) as ExportId[]).filter((id) => withRanking || !id.startsWith('rankings'));

  const run = async (id: ExportId) => {
    setBusy(id);
    setError(null);
    try {
      await fetchers[id]();
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <div className="actions dashboard-exports" role="group" aria-labelledby="dashboard-exports">
        <span id="dashboard-exports">{t('exports.label')}</span>
        {ids.map((id) => (
          <button key={id} type="button" onClick={() => void run(id)} disabled={busy !== null} aria-busy={busy === id}>
            {t(`exports.${id}`)}
          </button>
        ))}
      </div>
      {busy && (
        <p className="muted" aria-live="polite">
          {t('exports.preparing')}
        </p>
      )}
      <ProblemMessage error={error} />
    </div>
  );
}
