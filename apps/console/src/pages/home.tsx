import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { useSession } from '../auth/session';
import { homeOf } from './sign-in';

/** Signed in: straight to the role's own start. Otherwise the three ways in. */
export function HomePage() {
  const { t } = useTranslation();
  const { session } = useSession();
  if (session) return <Navigate to={homeOf(session.role)} replace />;
  return (
    <section className="narrow stack">
      <h1>{t('home.title')}</h1>
      <p>
        <Link to="/lapor">{t('nav.report')}</Link> — {t('home.reporter')}
      </p>
      <p>
        <Link to="/lacak">{t('nav.track')}</Link> — {t('home.track')}
      </p>
      <p>
        <Link to="/masuk">{t('nav.signIn')}</Link> — {t('home.staff')}
      </p>
    </section>
  );
}
