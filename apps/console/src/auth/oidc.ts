import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import type { SignInConfig } from './auth-api';

type OidcConfig = Extract<SignInConfig, { mode: 'oidc' }> & { clientId: string; authority: string };

/**
 * OpenID Connect authorization code with PKCE against the configured provider. Loaded only when the
 * server says it uses one, so the development console carries none of it.
 */
export function userManager(config: OidcConfig): UserManager {
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${window.location.origin}/masuk/callback`,
    post_logout_redirect_uri: `${window.location.origin}/`,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
}
