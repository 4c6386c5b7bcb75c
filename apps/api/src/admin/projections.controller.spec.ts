import { NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ProjectorThreadDownError } from '@lacak/processes';
import { type ReadModelProjector, UnknownProjectionError } from '@lacak/projections';
import { ProjectionsController } from './projections.controller';

const projectorFailingWith = (error: Error): ReadModelProjector =>
  ({ rebuild: () => Promise.reject(error), status: () => [] }) as unknown as ReadModelProjector;

describe('ProjectionsController', () => {
  it('answers 404 for an unknown projection and 503 while the projector thread is down, not 500', async () => {
    const unknown = new ProjectionsController(projectorFailingWith(new UnknownProjectionError('No projection named nope')));
    await expect(unknown.rebuild({ projection: 'nope' })).rejects.toBeInstanceOf(NotFoundException);

    const down = new ProjectionsController(projectorFailingWith(new ProjectorThreadDownError('The projector thread crashed: Error: boom')));
    const answer = down.rebuild({});
    await expect(answer).rejects.toBeInstanceOf(ServiceUnavailableException);
    await expect(answer).rejects.toThrow('The projector thread crashed: Error: boom');
  });
});
