import { COMMAND_ACCESS } from '@lacak/domain';
import { TestApp } from '../support/test-app';
import { verifiedComplaint } from '../support/complaint-stages';
import { aSubmission, aVerification } from '../support/http-steps';

describe('Bad requests get problem details and write nothing', () => {
  let t: TestApp;
  let reporter: string;
  let admin: string;
  let complaintId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    reporter = await t.token('reporter', null, 'reporter-1');
    admin = await t.token('national_admin', 'national');
    complaintId = await verifiedComplaint(t);
  });
  afterAll(() => t.stop());

  /** Sends the request and asserts a problem-details answer with the status and no new event. */
  async function expectProblem(status: number, send: () => Promise<{ status: number; headers: Record<string, unknown>; body: any }>) {
    const before = (await t.allEvents()).length;
    const response = await send();
    expect({ status: response.status, body: response.body }).toMatchObject({ status, body: { status, type: expect.any(String), title: expect.any(String) } });
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.correlationId).toEqual(expect.any(String));
    expect((await t.allEvents()).length).toBe(before);
    return response.body;
  }

  it.each([
    ['a missing token', null],
    ['a malformed token', 'not-a-jwt'],
    ['a token signed with another secret', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6InJlcG9ydGVyIn0.c2lnbmF0dXJl'],
  ])('refuses %s with 401', async (_label, token) => {
    const body = await expectProblem(401, () => t.request('POST', '/complaints', { token, body: aSubmission() }));
    expect(body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose role is unknown', async () => {
    const { TokenService } = await import('../../apps/api/src/auth/token.service');
    const forged = await new TokenService(t.config.jwtSecret).sign({ id: 'x', role: 'mayor' as never, agencyId: null });
    await expectProblem(401, () => t.request('GET', '/complaints', { token: forged }));
  });

  it.each([
    ['an agency the organisation tree does not hold', 'agency_admin', 'nowhere', 'agency "nowhere" is not in the organisation tree'],
    ['no agency, for a role that acts for one', 'agency_admin', null, 'the role agency_admin acts for an agency, and none is given'],
    ['an agency, for a reporter', 'reporter', 'national', 'the role reporter acts for no agency, yet agency "national" is given'],
  ] as const)('refuses a token naming %s with 401 TOKEN_AGENCY_INVALID', async (_label, role, agencyId, problem) => {
    const body = await expectProblem(401, async () => t.request('GET', '/complaints', { token: await t.token(role, agencyId) }));
    expect(body).toMatchObject({ code: 'TOKEN_AGENCY_INVALID', detail: expect.stringContaining(`The bearer token cannot be used: ${problem}.`) });
  });

  it('refuses an expired token with 401 TOKEN_EXPIRED, in words that say how to get a new one', async () => {
    const { TokenService } = await import('../../apps/api/src/auth/token.service');
    const expired = await new TokenService(t.config.jwtSecret).sign({ id: 'admin', role: 'national_admin', agencyId: 'national' }, '1 hour ago');
    const body = await expectProblem(401, () => t.request('GET', '/complaints', { token: expired }));
    expect(body).toMatchObject({ code: 'TOKEN_EXPIRED', detail: expect.stringMatching(/^The bearer token has expired; get a new one with `npm run token/) });
    expect(body.detail).not.toMatch(/claim|timestamp check/);
  });

  it('answers malformed JSON with 400', async () => {
    const body = await expectProblem(400, () => t.request('POST', '/complaints', { token: reporter, rawBody: '{"title": "x",' }));
    expect(body.code).toBe('MALFORMED_REQUEST');
  });

  it('names every bad field: unknown, wrong type, missing, out of range', async () => {
    const body = await expectProblem(400, () =>
      t.request('POST', '/complaints', {
        token: reporter,
        body: { description: 42, channel: 'pigeon', anonymous: 'yes', isAdmin: true, reporter: { email: 'not-an-email', nik: '1' } },
      }),
    );
    expect(body.code).toBe('VALIDATION_FAILED');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['anonymous', 'channel', 'description', 'isAdmin', 'reporter.email', 'reporter.nik', 'title']);
  });

  it('validates lifecycle bodies the same way', async () => {
    const body = await expectProblem(400, () =>
      t.request('POST', `/complaints/${complaintId}/verify`, { token: admin, body: { classification: 'gossip', slaClass: 'ordinary' } }),
    );
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['anonymous', 'category', 'classification', 'confidential']);
  });

  it('rejects an If-Match that is not an entity tag', async () => {
    const body = await expectProblem(400, () =>
      t.request('POST', `/complaints/${complaintId}/dispose`, { token: admin, headers: { 'if-match': 'yesterday' }, body: { agencyId: 'id-32', note: 'x' } }),
    );
    expect(body.errors).toEqual([{ field: 'If-Match', messages: [expect.any(String)] }]);
  });

  it('answers an unknown agency with 422', async () => {
    const body = await expectProblem(422, () =>
      t.request('POST', `/complaints/${complaintId}/dispose`, { token: admin, body: { agencyId: 'atlantis', note: 'x' } }),
    );
    expect(body.errors[0].field).toBe('agencyId');
  });

  it('answers an unknown complaint with 404, for commands and queries', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    // A command the national admin may issue: one it may never issue is 403 before the complaint is looked up.
    expect((await expectProblem(404, () => t.request('POST', `/complaints/${id}/verify`, { token: admin, body: aVerification }))).code).toBe('COMPLAINT_NOT_FOUND');
    await expectProblem(404, () => t.request('GET', `/complaints/${id}`, { token: admin }));
    await expectProblem(404, () => t.request('GET', `/complaints/${id}/history`, { token: admin }));
    await expectProblem(404, () => t.request('GET', '/agencies/atlantis/stats', { token: admin }));
  });

  it('names the broken rule with 409 for a domain refusal, and 403 for the wrong actor', async () => {
    const refusal = await expectProblem(409, () =>
      t.request('POST', `/complaints/${complaintId}/close`, { token: reporter, body: { reasonCode: 'accepted_by_reporter' } }),
    );
    expect(refusal).toMatchObject({ code: 'CLOSE_REQUIRES_FOLLOW_UP', type: '/problems/close-requires-follow-up', detail: expect.any(String) });

    // A national-level inspector sees the complaint but never issues lifecycle commands.
    const inspector = await t.token('apip_inspector', 'national');
    const forbidden = await expectProblem(403, () =>
      t.request('POST', `/complaints/${complaintId}/dispose`, { token: inspector, body: { agencyId: 'id-32', note: 'x' } }),
    );
    expect(forbidden.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('rejects bad query parameters with 400', async () => {
    const body = await expectProblem(400, () => t.request('GET', '/complaints?status=LOST&pageSize=1000&page=0', { token: admin }));
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['page', 'pageSize', 'status']);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'application/xml'])('answers a %s body with 415, asking for JSON', async (contentType) => {
    const body = await expectProblem(415, () =>
      t.request('POST', '/complaints', { token: reporter, headers: { 'content-type': contentType }, rawBody: 'title=Jalan&description=Rusak' }),
    );
    expect(body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The request body must be JSON, sent with Content-Type: application/json' });
  });

  it('answers an unknown command with a 404 that lists the commands of the access matrix', async () => {
    // Each at its path: an upload of evidence goes to the attachments.
    const commands = Object.keys(COMMAND_ACCESS)
      .filter((command) => command !== 'submit')
      .map((command) => (command === 'add-attachment' ? 'attachments' : command));
    const body = await expectProblem(404, () => t.request('POST', `/complaints/${complaintId}/approve`, { token: admin, body: {} }));
    expect(body).toMatchObject({ code: 'UNKNOWN_COMMAND', detail: `There is no command "approve" on a complaint. The commands are: ${commands.join(', ')}` });
    // Every command it lists is one: none of them is answered as unknown.
    for (const command of commands) {
      const response = await t.request('POST', `/complaints/00000000-0000-4000-8000-000000000000/${command}`, { token: admin, body: {} });
      expect({ command, code: response.body.code }).not.toEqual({ command, code: 'UNKNOWN_COMMAND' });
    }
  });

  it('answers an unknown route with a 404 problem', async () => {
    await expectProblem(404, () => t.request('GET', '/nowhere', { token: admin }));
  });
});
