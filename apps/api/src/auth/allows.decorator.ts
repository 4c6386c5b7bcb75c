import { SetMetadata } from '@nestjs/common';
import type { QueryName } from '@lacak/domain';

export const ALLOWS = 'lacak:allows';

/** The use case of the access matrix an endpoint runs: the role guard refuses every role its row leaves out (403). */
export const Allows = (useCase: QueryName) => SetMetadata(ALLOWS, useCase);
