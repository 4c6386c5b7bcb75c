import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'lacak:isPublic';

/** Marks an endpoint that needs no bearer token (health, docs). Everything else is guarded. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
