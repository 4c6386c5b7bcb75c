import { ApiProblem } from '../api/problem';

/** How this server lets the console sign in (`GET /auth/config`). */
export type SignInConfig =
  | { mode: 'development' }
  | { mode: 'oidc'; authority: string; clientId: string | null; scope: string; roleClaim: string; agencyClaim: string }
  | { mode: 'none' };

async function json<T>(response: Response): Promise<T> {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiProblem(response.status, body);
  return body as T;
}

export async function fetchSignInConfig(): Promise<SignInConfig> {
  return json<SignInConfig>(await fetch('/auth/config'));
}

/** A development token for a role and node, from the API (only while it uses the local development secret). */
export async function fetchDevelopmentToken(role: string, agencyId: string | null): Promise<string> {
  const response = await fetch('/auth/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(agencyId ? { role, agencyId } : { role }),
  });
  return (await json<{ token: string }>(response)).token;
}
