import { useTranslation } from 'react-i18next';
import type { components } from '../../api/schema';

type Integrity = components['schemas']['RecordIntegrityAnswer'];

/** Whether the complaint's stored record still hashes as it was written, and if not, where it broke. */
export function IntegrityStatus({ integrity }: { integrity: Integrity }) {
  const { t, i18n } = useTranslation('audit');
  if (integrity.intact) {
    return (
      <div className="alert alert-ok" role="status">
        <p>
          <span className="badge badge-ok">{t('integrity.intact')}</span> {t('integrity.intactDetail')}
        </p>
      </div>
    );
  }
  return (
    <div className="alert alert-error" role="status">
      <p>
        <span className="badge badge-danger">{t('integrity.broken')}</span> {t('integrity.brokenDetail')}
      </p>
      <ul>
        {integrity.faults.map((fault) => (
          <li key={`${fault.revision}-${fault.kind}`}>
            {t('integrity.fault', {
              revision: fault.revision,
              kind: i18n.exists(`audit:integrity.kinds.${fault.kind}`) ? t(`integrity.kinds.${fault.kind}`) : fault.kind,
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
