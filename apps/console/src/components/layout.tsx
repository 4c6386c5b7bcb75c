import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { useOrganisationTree } from '../api/agencies';
import { MONITOR_ROLES, OFFICER_ROLES, useSession } from '../auth/session';
import { changeLanguage, LANGUAGES, type Language } from '../i18n';

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-switch">
      <span>{t('language.label')}</span>
      <select value={i18n.language} onChange={(event) => void changeLanguage(event.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`language.${language}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function SignedIn() {
  const { t } = useTranslation();
  const { session, signOut } = useSession();
  const tree = useOrganisationTree();
  if (!session) return null;
  return (
    <div className="signed-in">
      <span>{t('signedInAs', { role: t(`roles.${session.role}`), agency: session.agencyId ? (tree.data?.nameOf(session.agencyId) ?? session.agencyId) : '—' })}</span>
      <button
        type="button"
        onClick={() => {
          signOut();
          // A fresh page load: nothing the previous actor read stays in memory.
          window.location.assign('/');
        }}
      >
        {t('nav.signOut')}
      </button>
    </div>
  );
}

/** The frame of every page: a skip link, the header with what this actor may open, and the main landmark. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const role = session?.role;
  return (
    <>
      <a href="#main" className="skip-link">
        {t('skipToContent')}
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          {t('appName')}
        </Link>
        <nav aria-label={t('nav.main')}>
          <ul>
            {role && OFFICER_ROLES.includes(role) && (
              <li>
                <NavLink to="/kotak-masuk">{t('nav.inbox')}</NavLink>
              </li>
            )}
            {role && MONITOR_ROLES.includes(role) && (
              <li>
                <NavLink to="/dasbor">{t('nav.dashboard')}</NavLink>
              </li>
            )}
            {(!role || role === 'reporter') && (
              <li>
                <NavLink to="/lapor">{t('nav.report')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/lacak">{t('nav.track')}</NavLink>
            </li>
            {!session && (
              <li>
                <NavLink to="/masuk">{t('nav.signIn')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
        <div className="header-tools">
          <LanguageSwitch />
          <SignedIn />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
