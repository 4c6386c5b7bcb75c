import { ConflictException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { LogVerification, VerifyEventLog } from '@lacak/application';
import { ProjectorThreadDownError } from '@lacak/processes';
import { type ReadModelProjector, UnknownProjectionError } from '@lacak/projections';
import { ProjectionsController } from './projections.controller';

const projectorFailingWith = (error: Error): ReadModelProjector =>
  ({ rebuild: () => Promise.reject(error), status: () => [] }) as unknown as ReadModelProjector;

const verifiedLog = (faults: LogVerification['faults'] = []) =>
  ({ run: async () => ({ faults, ok: faults.length === 0 }) }) as unknown as VerifyEventLog;

describe('ProjectionsController', () => {
  it('answers 404 for an unknown projection and 503 while the projector thread is down, not 500', async () => {
    const unknown = new ProjectionsController(projectorFailingWith(new UnknownProjectionError('No projection named nope')), verifiedLog());
    await expect(unknown.rebuild({ projection: 'nope' })).rejects.toBeInstanceOf(NotFoundException);

    const down = new ProjectionsController(projectorFailingWith(new ProjectorThreadDownError('The projector thread crashed: Error: boom')), verifiedLog());
    const answer = down.rebuild({});
    await expect(answer).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(answer).rejects.toThrow('The projector thread crashed: Error: boom');
  });

  it('refuses to rebuild over a log that fails its integrity check, naming the faults, unless told to', async () => {
    let rebuilt = 0;
    const projector = { rebuild: async () => void (rebuilt += 1), status: () => [] } as unknown as ReadModelProjector;
    const fault = { streamId: 'complaint-1', revision: '1', kind: 'content-changed' as const, detail: 'edited' };
    const controller = new ProjectionsController(projector, verifiedLog([fault]));
    const refused = controller.rebuild({});
    await expect(refused).rejects.toBeInstanceOf(ConflictException);
    await expect(refused).rejects.toThrow('complaint-1 revision 1: content-changed');
    expect(rebuilt).toBe(0);
    await controller.rebuild({ acceptBrokenChains: true });
    expect(rebuilt).toBe(1);
  });
});
