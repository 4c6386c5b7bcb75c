import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { type Actor, actorAgencyProblem, type OrganisationTree } from '@lacak/domain';
import { ORGANISATION_TREE } from '../infrastructure/tokens';
import { IS_PUBLIC } from './public.decorator';
import { IdentityProviderUnavailableError, InvalidTokenError, TokenVerifier } from './token-verifier';

export type AuthenticatedRequest = FastifyRequest & { actor?: Actor };

/** Global guard: every endpoint not marked @Public() needs a valid bearer JWT. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenVerifier,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('A bearer token is required (Authorization: Bearer <jwt>)');
    try {
      request.actor = this.withKnownAgency(await this.tokens.verify(match[1]));
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException({ message: error.message, code: error.code });
      if (error instanceof IdentityProviderUnavailableError) {
        // The cause may name internal hosts: it goes to the log, the caller gets a generic 503.
        this.logger.error({ message: error.message, cause: String(error.cause) });
        throw new ServiceUnavailableException('The identity provider is unavailable; try again shortly');
      }
      throw error;
    }
    return true;
  }

  /** A well-signed token for a node the tree does not hold would see an empty world instead of failing. */
  private withKnownAgency(actor: Actor): Actor {
    const problem = actorAgencyProblem(actor, this.tree);
    if (problem) {
      throw new InvalidTokenError(`The bearer token cannot be used: ${problem}. Ask for a token naming your agency's node in the organisation tree`, 'TOKEN_AGENCY_INVALID');
    }
    return actor;
  }
}
