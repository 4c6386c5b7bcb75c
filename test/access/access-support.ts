/**
 * Shared steps of the access suites: an app without rate limits, waiting for the projections, and
 * problem bodies reduced to what must not differ between an out-of-scope and an unknown complaint.
 * Complaints are brought to a stage by `test/support/complaint-stages`.
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { ActorRole, OrganisationTree } from '@lacak/domain';
import { type Projector, createProjections } from '@lacak/projections';
import { eventually } from '@lacak/testing';
import { ORGANISATION_TREE, PROJECTOR } from '../../apps/api/src/infrastructure/tokens';
import type { Identity } from '../support/complaint-stages';
import { type HttpResponse, TestApp } from '../support/test-app';

export const startAccessApp = (overrides: Record<string, string> = {}, options: Parameters<typeof TestApp.start>[1] = {}): Promise<TestApp> =>
  TestApp.start({ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '100000', RATE_LIMIT_TRACKING_PER_MINUTE: '100000', ...overrides }, options);

/**
 * Resolves once every projection has handled every event stored so far that it subscribes to.
 * (Projector.waitFor(lastPosition) is not enough: a projection filtered to complaint streams never
 * reaches the position of a later identity-access event.)
 */
export async function projectionsCaughtUp(t: TestApp, timeoutMs = 10_000): Promise<void> {
  const projector = t.app.get<Projector>(PROJECTOR);
  const prefixes = new Map(createProjections(t.app.get<OrganisationTree>(ORGANISATION_TREE)).map((p) => [p.name, p.streamPrefixes]));
  const events = await t.allEvents();
  const goal = (name: string) => {
    const relevant = events.filter((e) => (prefixes.get(name) ?? []).some((prefix) => e.streamId.startsWith(prefix)));
    return relevant.length > 0 ? relevant[relevant.length - 1].position : null;
  };
  const done = () =>
    projector.status().every((s) => {
      const target = goal(s.name);
      return target === null || (s.position !== null && BigInt(s.position) >= target);
    });
  await eventually(done, { timeoutMs, intervalMs: 5, description: `Projections catching up (${JSON.stringify(projector.status())} at the start)` });
}

/**
 * What an answer reveals: status, content type, which headers are sent, and the problem body
 * without its per-request field (correlationId), with the complaint or agency id in `detail` and
 * `instance` replaced.
 */
export function revealed(response: HttpResponse, id: string) {
  const scrub = (value: unknown) => (typeof value === 'string' ? value.split(id).join('<id>') : value);
  const body = typeof response.body === 'object' && response.body !== null ? { ...response.body } : { text: response.body };
  delete body.correlationId;
  for (const key of ['detail', 'instance']) if (key in body) body[key] = scrub(body[key]);
  return {
    status: response.status,
    contentType: response.headers['content-type'],
    headerNames: Object.keys(response.headers).sort(),
    keys: Object.keys(body).sort(),
    body,
  };
}

export const unknownComplaintId = (): string => randomUUID();

/** A marker no other text in the app can contain by chance. */
export const marker = (): string => randomBytes(6).toString('hex').toUpperCase();

export const digits = (count: number): string => Array.from({ length: count }, () => randomInt(10)).join('');

/** An identity every field of which carries a unique marker. */
export function canaryIdentity(): { identity: Required<Identity>; markers: string[] } {
  const tag = marker();
  const idNumber = `9${digits(15)}`;
  const phoneDigits = `8${digits(10)}`;
  const identity = {
    name: `Warga CANARY-${tag}`,
    idNumber,
    email: `canary-${tag.toLowerCase()}@example.id`,
    phone: `+62${phoneDigits}`,
  };
  return { identity, markers: [tag, idNumber, phoneDigits] };
}

/** The markers found in `text`, case-insensitively. */
export const markersIn = (text: string, markers: readonly string[]): string[] =>
  markers.filter((m) => text.toLowerCase().includes(m.toLowerCase()));

export const asJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v));

export type { ActorRole };
