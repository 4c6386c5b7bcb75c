import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useOrganisationTree } from '../api/agencies';
import { ApiProblem } from '../api/problem';
import { fetchDevelopmentToken, fetchSignInConfig, type SignInConfig } from '../auth/auth-api';
import { ROLES, type Role, sessionFromToken, useSession } from '../auth/session';
import { AgencyTreePicker } from '../components/agency-tree-picker';
import { ProblemMessage } from '../components/problem-message';

/** Roles that act for one node of the tree; the reporter acts for nobody, the national admin for everyone. */
const NEEDS_AGENCY: readonly Role[] = ['agency_admin', 'unit_officer', 'apip_inspector', 'auditor'];
const SUGGESTED_AGENCY: Partial<Record<Role, string>> = {
  agency_admin: 'id-32.01-dinkes',
  unit_officer: 'id-32.01-dinkes',
  apip_inspector: 'id-32',
  auditor: 'national',
};

/** Where a role starts: its work queue, the monev dashboard, or the reporter's form. */
export function homeOf(role: Role): string {
  if (role === 'reporter') return '/lapor';
  if (role === 'apip_inspector') return '/dasbor';
  return '/kotak-masuk';
}

function DevelopmentSignIn({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  // The tree is for signed-in actors; before anyone is signed in, the development sign-in reads it with a
  // reporter's development token, which this server hands to anyone anyway.
  const tree = useOrganisationTree(() => fetchDevelopmentToken('reporter', null));
  // The national admin sees every complaint, so a newcomer on seeded data starts where there is work.
  const [role, setRole] = useState<Role>('national_admin');
  const [agencyId, setAgencyId] = useState<string | null>('national');
  const [account, setAccount] = useState('warga-001');
  const needsAgency = NEEDS_AGENCY.includes(role);
  const mutation = useMutation({
    mutationFn: () =>
      fetchDevelopmentToken(role, needsAgency ? agencyId : role === 'national_admin' ? 'national' : null, role === 'reporter' ? account.trim() || undefined : undefined),
    onSuccess: (token) => {
      const session = sessionFromToken(token, 'development');
      if (!session) throw new ApiProblem(500, { code: 'UNKNOWN' });
      signIn(session);
      navigate(next ?? homeOf(session.role), { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} className="stack" aria-describedby="dev-intro">
      <p id="dev-intro">{t('signIn.devIntro')}</p>
      <div className="field">
        <label htmlFor="sign-in-role">{t('signIn.role')}</label>
        <select
          id="sign-in-role"
          value={role}
          onChange={(event) => {
            const next = event.target.value as Role;
            setRole(next);
            setAgencyId(SUGGESTED_AGENCY[next] ?? (next === 'national_admin' ? 'national' : null));
          }}
        >
          {ROLES.map((option) => (
            <option key={option} value={option}>
              {t(`roles.${option}`)}
            </option>
          ))}
        </select>
      </div>
      {needsAgency ? (
        <fieldset className="field">
          <legend>{t('signIn.agency')}</legend>
          <p className="muted">{t('signIn.agencyHint')}</p>
          {tree.data ? (
            <AgencyTreePicker tree={tree.data} value={agencyId} onChange={setAgencyId} label={t('signIn.agency')} />
          ) : (
            <p>{t('loading')}</p>
          )}
        </fieldset>
      ) : (
        <p className="muted">{t('signIn.noAgency')}</p>
      )}
      {role === 'reporter' && (
        <div className="field">
          <label htmlFor="sign-in-account">{t('signIn.account')}</label>
          <input id="sign-in-account" type="text" value={account} onChange={(event) => setAccount(event.target.value)} aria-describedby="sign-in-account-hint" />
          <p id="sign-in-account-hint" className="muted">
            {t('signIn.accountHint')}
          </p>
        </div>
      )}
      <ProblemMessage error={mutation.error} />
      <button type="submit" className="primary" disabled={mutation.isPending || (needsAgency && !agencyId)}>
        {t('signIn.submit')}
      </button>
    </form>
  );
}

function OidcSignIn({ config, next }: { config: Extract<SignInConfig, { mode: 'oidc' }>; next: string | null }) {
  const { t } = useTranslation();
  const { clientId, authority } = config;
  const start = useMutation({
    mutationFn: async () => {
      if (!clientId || !authority) return;
      const { userManager } = await import('../auth/oidc');
      await userManager({ ...config, clientId, authority }).signinRedirect({ state: next ?? undefined });
    },
  });
  if (!clientId || !authority) return <p role="alert">{t('signIn.oidcNotConfigured')}</p>;
  return (
    <div className="stack">
      <p>{t('signIn.oidcIntro')}</p>
      <ProblemMessage error={start.error} />
      <button type="button" className="primary" onClick={() => start.mutate()} disabled={start.isPending}>
        {t('signIn.oidcButton')}
      </button>
    </div>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = params.get('next');
  const config = useQuery({ queryKey: ['auth-config'], queryFn: fetchSignInConfig, staleTime: Number.POSITIVE_INFINITY });
  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      {config.isPending && <p>{t('loading')}</p>}
      <ProblemMessage error={config.error} />
      {config.data?.mode === 'development' && <DevelopmentSignIn next={next} />}
      {config.data?.mode === 'oidc' && <OidcSignIn config={config.data} next={next} />}
      {config.data?.mode === 'none' && <p>{t('signIn.noneIntro')}</p>}
    </section>
  );
}

/** Where the provider sends the browser back: the code is exchanged (with the PKCE verifier) for tokens. */
export function SignInCallbackPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  // A code is exchanged once: the provider and the stored PKCE state accept it only once, so a second
  // run of this effect (a re-render giving a new navigate) must not start another exchange.
  const exchanging = useRef(false);
  useEffect(() => {
    if (exchanging.current) return;
    exchanging.current = true;
    (async () => {
      const config = await fetchSignInConfig();
      if (config.mode !== 'oidc' || !config.clientId || !config.authority) throw new ApiProblem(400, { code: 'DEV_SIGN_IN_DISABLED' });
      const { userManager } = await import('../auth/oidc');
      const user = await userManager({ ...config, clientId: config.clientId, authority: config.authority }).signinRedirectCallback();
      const session = sessionFromToken(user.access_token, 'oidc', { role: config.roleClaim, agency: config.agencyClaim });
      if (!session) throw new ApiProblem(401, { code: 'UNAUTHENTICATED' });
      signIn(session);
      const state = typeof user.state === 'string' ? user.state : null;
      navigate(state ?? homeOf(session.role), { replace: true });
    })().catch((failure: unknown) => setError(failure));
  }, [navigate, signIn]);
  return (
    <section className="narrow">
      <h1>{t('signIn.title')}</h1>
      {error ? <ProblemMessage error={error} /> : <p>{t('signIn.completing')}</p>}
    </section>
  );
}
