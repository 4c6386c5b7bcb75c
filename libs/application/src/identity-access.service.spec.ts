import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Actor, type ComplaintEvent, identityAccessStreamId } from '@lacak/domain';
import { SqliteEventStore } from '@lacak/event-store';
import { SqliteReporterIdentityStore } from '@lacak/reporter-identity';
import { AGENCY, AT, COMPLAINT_ID, actors, aComplaint, testOrganisation } from '@lacak/domain/testing';
import { complaintStreamId, toEventsToAppend } from './complaint-stream';
import { CommandRefusedError } from './errors';
import { IdentityAccessService, type IdentityRequest } from './identity-access.service';

describe('IdentityAccessService', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let identities: SqliteReporterIdentityStore;
  let service: IdentityAccessService;
  const REF = 'reporter-ref-1';
  let requests = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'identity-access-'));
    eventStore = SqliteEventStore.open({ file: join(dir, 'events.db') });
    identities = SqliteReporterIdentityStore.open({ identitiesFile: join(dir, 'identities.db'), keysFile: join(dir, 'keys.db'), masterKey: randomBytes(32) });
    service = new IdentityAccessService(eventStore, identities, testOrganisation);
  });

  afterEach(async () => {
    await eventStore.close();
    await identities.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function given(history: ComplaintEvent[], identity = true): Promise<void> {
    await eventStore.appendToStream(complaintStreamId(COMPLAINT_ID), toEventsToAppend(history, actors.reporter(), AT, { commandId: 'submit-1', correlationId: 'c-0' }), {
      expectedState: 'no_stream',
    });
    if (identity) await identities.save(REF, { name: 'Siti' });
  }

  const request = (actor: Actor, complaintId = COMPLAINT_ID): IdentityRequest => {
    requests += 1;
    return { complaintId, actor, reason: 'Konfirmasi untuk mediasi', at: AT, commandId: `read-${requests}`, correlationId: `c-${requests}` };
  };

  /** What the identity-access stream holds: type, who, and the refusal code of a refused read. */
  async function recorded(complaintId = COMPLAINT_ID) {
    const stream = await eventStore.readStream(identityAccessStreamId(complaintId)).catch(() => []);
    return stream.map((e) => ({ type: e.type, actor: e.metadata.actor.id, refusal: e.data.refusal }));
  }

  async function refusalOf(read: Promise<unknown>): Promise<string> {
    const error = await read.catch((e: unknown) => e);
    if (!(error instanceof CommandRefusedError)) throw new Error(`expected a refusal, got ${String(error)}`);
    return error.refusal.code;
  }

  it('records a granted read, with who read it', async () => {
    await given(aComplaint().submitted({ reporterRef: REF }).verified().disposedTo(AGENCY).events());
    expect(await service.read(request(actors.agencyAdmin()))).toEqual({ name: 'Siti' });
    expect(await recorded()).toEqual([{ type: 'ReporterIdentityRead', actor: `admin-${AGENCY}`, refusal: undefined }]);
  });

  it('records every refused read of a complaint that exists, with the refusal the requester got', async () => {
    await given(aComplaint().submitted({ reporterRef: REF, anonymous: true }).verified({ anonymous: true }).disposedTo(AGENCY).events());
    const sealed = await refusalOf(service.read(request(actors.agencyAdmin())));
    const roleNeverSees = await refusalOf(service.read(request(actors.system)));
    const outOfScope = await refusalOf(service.read(request(actors.agencyAdmin('agency-y'))));
    expect([sealed, roleNeverSees, outOfScope]).toEqual(['IDENTITY_SEALED', 'IDENTITY_SEALED', 'COMPLAINT_NOT_FOUND']);
    expect(await recorded()).toEqual([
      { type: 'ReporterIdentityReadRefused', actor: `admin-${AGENCY}`, refusal: 'IDENTITY_SEALED' },
      { type: 'ReporterIdentityReadRefused', actor: 'system', refusal: 'IDENTITY_SEALED' },
      { type: 'ReporterIdentityReadRefused', actor: 'admin-agency-y', refusal: 'COMPLAINT_NOT_FOUND' },
    ]);
  });

  it('records refused reads of an erased identity and of a complaint without one', async () => {
    await given(aComplaint().submitted({ reporterRef: REF }).events());
    await identities.erase(REF);
    expect(await refusalOf(service.read(request(actors.nationalAdmin)))).toBe('IDENTITY_ERASED');

    await eventStore.appendToStream(complaintStreamId('complaint-2'), toEventsToAppend(aComplaint().submitted({ complaintId: 'complaint-2', reporterRef: null }).events(), actors.reporter(), AT, { commandId: 'submit-2', correlationId: 'c' }), {
      expectedState: 'no_stream',
    });
    expect(await refusalOf(service.read(request(actors.nationalAdmin, 'complaint-2')))).toBe('NO_REPORTER_IDENTITY');
    expect((await recorded()).map((r) => r.refusal)).toEqual(['IDENTITY_ERASED']);
    expect((await recorded('complaint-2')).map((r) => r.refusal)).toEqual(['NO_REPORTER_IDENTITY']);
  });

  it('records nothing for a complaint that does not exist', async () => {
    expect(await refusalOf(service.read(request(actors.nationalAdmin, 'complaint-unknown')))).toBe('COMPLAINT_NOT_FOUND');
    expect(await recorded('complaint-unknown')).toEqual([]);
  });

  it('appends nothing for a retried read (same command id): the record is already there', async () => {
    await given(aComplaint().submitted({ reporterRef: REF }).events());
    const read = request(actors.nationalAdmin);
    const append = jest.spyOn(eventStore, 'appendToStream');
    await service.read(read);
    await service.read(read);
    await refusalOf(service.read({ ...read, actor: actors.system, commandId: 'refused-1' }));
    await refusalOf(service.read({ ...read, actor: actors.system, commandId: 'refused-1' }));
    expect(append).toHaveBeenCalledTimes(2);
    expect((await recorded()).map((r) => r.type)).toEqual(['ReporterIdentityRead', 'ReporterIdentityReadRefused']);
  });

  it('appends each record at the revision it read: the only state under which the store recognises a retry', async () => {
    await given(aComplaint().submitted({ reporterRef: REF }).events());
    const append = jest.spyOn(eventStore, 'appendToStream');
    await service.read(request(actors.nationalAdmin));
    await service.erase(request(actors.nationalAdmin));
    expect(append.mock.calls.map(([, , options]) => options.expectedState)).toEqual(['no_stream', 0n]);
  });

  it('records reads that arrive at the same time, each once, although they raced for the same revision', async () => {
    await given(aComplaint().submitted({ reporterRef: REF }).events());
    await Promise.all([service.read(request(actors.nationalAdmin)), service.read(request(actors.nationalAdmin))]);
    expect((await recorded()).map((r) => r.type)).toEqual(['ReporterIdentityRead', 'ReporterIdentityRead']);
  });
});
