import { useTranslation } from 'react-i18next';

export interface Contact {
  name: string;
  idNumber: string;
  email: string;
  phone: string;
}

export interface IdentityChoice {
  /** Anonim: nobody sees who the reporter is. */
  anonymous: boolean;
  /** Rahasia: the identity is sealed from the agency handling it, and the complaint is never public. */
  confidential: boolean;
  contact: Contact;
}

export const NO_CONTACT: Contact = { name: '', idNumber: '', email: '', phone: '' };

/**
 * The contact details as the API takes them: none at all for an anonim complaint (nobody could ever
 * read them), otherwise only the fields filled in.
 */
export function reporterOf(choice: IdentityChoice): Partial<Contact> | undefined {
  if (choice.anonymous) return undefined;
  const filled = Object.entries(choice.contact)
    .map(([field, value]) => [field, value.trim()] as const)
    .filter(([, value]) => value !== '');
  return filled.length > 0 ? Object.fromEntries(filled) : undefined;
}

/** Who will see the reporter's identity, and whether the complaint may be shown publicly, for the flags chosen. */
function seenBy(choice: IdentityChoice): 'nobody' | 'nationalAdmin' | 'handlers' {
  if (choice.anonymous) return 'nobody';
  return choice.confidential ? 'nationalAdmin' : 'handlers';
}

/**
 * The anonim and rahasia choices in plain words, what they mean together, and the contact fields
 * they leave: an anonim reporter is asked for none.
 */
export function IdentityChoiceFields({ value, onChange }: { value: IdentityChoice; onChange: (next: IdentityChoice) => void }) {
  const { t } = useTranslation('reporter');
  const setContact = (field: keyof Contact, text: string) => onChange({ ...value, contact: { ...value.contact, [field]: text } });
  return (
    <>
      <fieldset className="field card">
        <legend>{t('identity.legend')}</legend>
        <p className="muted">{t('identity.intro')}</p>
        <label className="choice touch">
          <input type="checkbox" checked={value.confidential} onChange={(event) => onChange({ ...value, confidential: event.target.checked })} aria-describedby="identity-confidential-help" />
          <span>{t('identity.confidential')}</span>
        </label>
        <p id="identity-confidential-help" className="choice-help">
          {t('identity.confidentialHelp')}
        </p>
        <label className="choice touch">
          <input type="checkbox" checked={value.anonymous} onChange={(event) => onChange({ ...value, anonymous: event.target.checked })} aria-describedby="identity-anonymous-help" />
          <span>{t('identity.anonymous')}</span>
        </label>
        <p id="identity-anonymous-help" className="choice-help">
          {t('identity.anonymousHelp')}
        </p>
        <div className="alert alert-ok" role="status">
          <p>
            <strong>{t('identity.summaryTitle')}</strong> {t(`identity.seenBy.${seenBy(value)}`)} {t(value.confidential ? 'identity.notPublic' : 'identity.publicWithoutIdentity')}
          </p>
        </div>
        <p className="muted">{t('identity.permanent')}</p>
      </fieldset>
      {value.anonymous ? (
        <p className="card" data-testid="no-contact">
          {t('contact.anonymousNone')}
        </p>
      ) : (
        <fieldset className="field card">
          <legend>{t('contact.legend')}</legend>
          <p className="muted">{t(value.confidential ? 'contact.introConfidential' : 'contact.introNormal')}</p>
          <div className="field">
            <label htmlFor="contact-name">{t('contact.name')}</label>
            <input id="contact-name" type="text" autoComplete="name" maxLength={200} value={value.contact.name} onChange={(event) => setContact('name', event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="contact-phone">{t('contact.phone')}</label>
            <input
              id="contact-phone"
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              pattern="\+?[0-9 \(\)\-]{6,20}"
              aria-describedby="contact-phone-help"
              value={value.contact.phone}
              onChange={(event) => setContact('phone', event.target.value)}
            />
            <p id="contact-phone-help" className="muted">
              {t('contact.phoneHelp')}
            </p>
          </div>
          <div className="field">
            <label htmlFor="contact-email">{t('contact.email')}</label>
            <input id="contact-email" type="email" autoComplete="email" value={value.contact.email} onChange={(event) => setContact('email', event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="contact-nik">{t('contact.idNumber')}</label>
            <input
              id="contact-nik"
              type="text"
              inputMode="numeric"
              pattern="[0-9]{16}"
              maxLength={16}
              aria-describedby="contact-nik-help"
              value={value.contact.idNumber}
              onChange={(event) => setContact('idNumber', event.target.value)}
            />
            <p id="contact-nik-help" className="muted">
              {t('contact.idNumberHelp')}
            </p>
          </div>
        </fieldset>
      )}
    </>
  );
}
