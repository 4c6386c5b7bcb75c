import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';

/** How this server lets the console sign in (`GET /auth/config`). */
export type SignInConfig = components['schemas']['DevelopmentSignIn'] | components['schemas']['OidcSignIn'] | components['schemas']['NoSignIn'];

export const fetchSignInConfig = (): Promise<SignInConfig> => unwrap(api.GET('/auth/config'));

/** A development token for a role and node, from the API (only while it uses the local development secret). */
export async function fetchDevelopmentToken(role: components['schemas']['DevTokenRequest']['role'], agencyId: string | null, sub?: string): Promise<string> {
  return (await unwrap(api.POST('/auth/dev-token', { body: { role, ...(agencyId ? { agencyId } : {}), ...(sub ? { sub } : {}) } }))).token;
}
