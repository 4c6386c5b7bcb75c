import createClient, { type Middleware } from 'openapi-fetch';
import { ApiProblem, type ProblemBody } from './problem';
import type { paths } from './schema';

type TokenSource = () => string | null;
type Unauthorised = () => void;

let currentToken: TokenSource = () => null;
let onUnauthorised: Unauthorised = () => undefined;

/** The session tells the client where its token comes from and what to do when the API refuses it. */
export function connectSession(token: TokenSource, unauthorised: Unauthorised): void {
  currentToken = token;
  onUnauthorised = unauthorised;
}

const bearer: Middleware = {
  onRequest({ request }) {
    const token = currentToken();
    if (token && !request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && request.headers.has('authorization')) onUnauthorised();
    return response;
  },
};

/** The typed API client: paths, bodies and answers come from the OpenAPI document (`schema.d.ts`). */
export const api = createClient<paths>({ baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin });
api.use(bearer);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or an `ApiProblem` with the problem details the API sent. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    throw new ApiProblem(0, { title: 'Network error' });
  }
  if (answer.response.ok) return answer.data as T;
  throw new ApiProblem(answer.response.status, (answer.error ?? {}) as Partial<ProblemBody>);
}

/** The revision an answer's ETag carries (`"3"` → `3`), for the next command's If-Match. */
export const revisionOf = (response: Response): string | null => response.headers.get('etag')?.replace(/^W\//, '').replace(/"/g, '') ?? null;

/** `If-Match` for a revision given as the API gives it, a string of digits. */
export const ifMatch = (revision: string): { 'If-Match': string } => ({ 'If-Match': `"${revision}"` });
