import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enAudit from './locales/en/audit.json';
import enCase from './locales/en/case.json';
import enCommon from './locales/en/common.json';
import enDashboard from './locales/en/dashboard.json';
import enInbox from './locales/en/inbox.json';
import enProblems from './locales/en/problems.json';
import enReporter from './locales/en/reporter.json';
import idAudit from './locales/id/audit.json';
import idCase from './locales/id/case.json';
import idCommon from './locales/id/common.json';
import idDashboard from './locales/id/dashboard.json';
import idInbox from './locales/id/inbox.json';
import idProblems from './locales/id/problems.json';
import idReporter from './locales/id/reporter.json';

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One catalogue per area of the console, in each language; a key missing in English falls back to Bahasa Indonesia. */
export const resources = {
  id: { common: idCommon, problems: idProblems, inbox: idInbox, case: idCase, dashboard: idDashboard, audit: idAudit, reporter: idReporter },
  en: { common: enCommon, problems: enProblems, inbox: enInbox, case: enCase, dashboard: enDashboard, audit: enAudit, reporter: enReporter },
} as const;

const STORAGE_KEY = 'lacak.language';

export function storedLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' ? 'en' : 'id';
}

export function initI18n(language: Language = storedLanguage()) {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'id',
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  await i18next.changeLanguage(language);
}
