import { type Actor, type QueryName, mayQuery, refuse } from '@lacak/domain';
import { CommandRefusedError } from '../errors';

/** A role the access matrix never lets run the query; the API answers it 403 like a refused command. */
export class QueryRefusedError extends CommandRefusedError {}

/**
 * The first rule of every query use case: a role the matrix never lets run it is refused before
 * anything is read. The API's guard answers the same from the same row before the handler runs.
 */
export function assertMayRun(useCase: QueryName, actor: Actor): void {
  if (!mayQuery(useCase, actor.role)) throw new QueryRefusedError(refuse('ROLE_NOT_ALLOWED', `The role ${actor.role} may never run ${useCase}.`));
}
