import { Body, Controller, ForbiddenException, Get, Inject, Post, UnprocessableEntityException } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { decodeJwt } from 'jose';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { type AppConfig, allowsDevelopmentSignIn } from '@lacak/config';
import { ACTOR_ROLES, type ActorRole, AGENCY_NEED, actorAgencyProblem, type OrganisationTree } from '@lacak/domain';
import { RateLimited } from '../http/rate-limit';
import { APP_CONFIG, ORGANISATION_TREE } from '../infrastructure/tokens';
import { ApiBodyProblems } from '../openapi/problem-responses';
import { Public } from './public.decorator';
import { TokenService } from './token.service';

/** The roles a person signs in as; `system` is the engine's own processes, never a person. */
const PERSON_ROLES = ACTOR_ROLES.filter((role) => role !== 'system');
type PersonRole = Exclude<ActorRole, 'system'>;

/** How long a development sign-in lasts: a working day. */
const DEV_TOKEN_HOURS = 8;

export class DevTokenRequest {
  @ApiProperty({ enum: PERSON_ROLES, description: 'The role to act in; `system` is the engine’s own and cannot sign in' })
  @IsIn(PERSON_ROLES, { message: `role must be one of: ${PERSON_ROLES.join(', ')}` })
  role!: PersonRole;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'The organisation node acted for (`GET /agencies` lists them): required for agency roles, left out (or null) for reporters',
    example: 'id-32.01-dinkes',
  })
  @IsOptional() @IsString() @Length(1, 100)
  agencyId?: string | null;

  @ApiPropertyOptional({ description: 'Names the actor (the token’s `sub`), e.g. a reporter’s account; by default the role and agency', example: 'warga-001' })
  @IsOptional() @IsString() @Length(1, 200)
  sub?: string;
}

export class DevTokenResponse {
  @ApiProperty({ description: 'A bearer token, signed with the local development secret as `npm run token` signs' }) token!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}

export class DevelopmentSignIn {
  @ApiProperty({ enum: ['development'], description: 'Tokens come from `POST /auth/dev-token`' }) mode!: 'development';
}

export class OidcSignIn {
  @ApiProperty({ enum: ['oidc'], description: 'Tokens come from the identity provider (authorization code with PKCE)' }) mode!: 'oidc';
  @ApiProperty({ type: String, nullable: true, description: 'The provider’s issuer URL (OIDC_AUTHORITY, by default JWT_ISSUER)', example: 'https://sso.example.go.id/realms/lacak' })
  authority!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The console’s client id (OIDC_CLIENT_ID); null: sign-in is not configured' }) clientId!: string | null;
  @ApiProperty({ example: 'openid profile' }) scope!: string;
  @ApiProperty({ description: 'The claim (or dotted path) holding the role', example: 'realm_access.roles' }) roleClaim!: string;
  @ApiProperty({ description: 'The claim (or dotted path) holding the organisation node id', example: 'agencyId' }) agencyClaim!: string;
}

export class NoSignIn {
  @ApiProperty({ enum: ['none'], description: 'Tokens are signed with a JWT_SECRET of this deployment and handed out elsewhere' }) mode!: 'none';
}

export type SignInConfig = DevelopmentSignIn | OidcSignIn | NoSignIn;

/**
 * How a client such as the web console gets a bearer token here: from the API itself while it runs on
 * the public development secret, from the identity provider in production.
 */
@ApiTags('sign-in')
@Public()
@Controller('auth')
export class SignInController {
  private readonly tokens: TokenService | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ORGANISATION_TREE) private readonly tree: OrganisationTree,
  ) {
    this.tokens = allowsDevelopmentSignIn(config) && config.tokens.kind === 'local-secret' ? new TokenService(config.tokens.secret, config.claims) : null;
  }

  @Get('config')
  @ApiOperation({ summary: 'How to get a bearer token: development sign-in, the identity provider, or neither', security: [] })
  @ApiExtraModels(DevelopmentSignIn, OidcSignIn, NoSignIn)
  @ApiOkResponse({
    schema: {
      oneOf: [DevelopmentSignIn, OidcSignIn, NoSignIn].map((model) => ({ $ref: getSchemaPath(model) })),
      discriminator: {
        propertyName: 'mode',
        mapping: { development: getSchemaPath(DevelopmentSignIn), oidc: getSchemaPath(OidcSignIn), none: getSchemaPath(NoSignIn) },
      },
    },
  })
  signInConfig(): SignInConfig {
    if (this.tokens) return { mode: 'development' };
    if (this.config.tokens.kind !== 'jwks') return { mode: 'none' };
    const { oidc, claims } = this.config;
    return { mode: 'oidc', authority: oidc.authority ?? null, clientId: oidc.clientId ?? null, scope: oidc.scope, roleClaim: claims.role, agencyClaim: claims.agencyId };
  }

  /** `npm run token` over HTTP, for the console's development sign-in: the same checks, the same signature. */
  @Post('dev-token')
  @RateLimited('submission')
  @ApiOperation({ summary: 'Get a bearer token signed with the local development secret (development only)', security: [] })
  @ApiCreatedResponse({ type: DevTokenResponse })
  @ApiBodyProblems('DEV_SIGN_IN_DISABLED', 'AGENCY_DOES_NOT_FIT_ROLE', 'RATE_LIMITED')
  async devToken(@Body() body: DevTokenRequest): Promise<DevTokenResponse> {
    if (!this.tokens) {
      throw new ForbiddenException({
        code: 'DEV_SIGN_IN_DISABLED',
        message:
          this.config.tokens.kind === 'jwks'
            ? 'Development sign-in is off: JWT_JWKS_URL is set, so tokens come from the identity provider'
            : 'Development sign-in is off: JWT_SECRET is set, so tokens are signed and handed out elsewhere',
      });
    }
    const agencyId = body.agencyId ?? null;
    // The API refuses a token whose agency does not fit the role or the tree; better not to sign one.
    const problem = actorAgencyProblem({ role: body.role, agencyId }, this.tree);
    if (problem) {
      const fix = AGENCY_NEED[body.role] === 'none' ? 'leave agencyId out' : 'give agencyId, a node of the organisation tree (GET /agencies lists them)';
      throw new UnprocessableEntityException({ code: 'AGENCY_DOES_NOT_FIT_ROLE', message: `Cannot sign this token: ${problem}. For ${body.role}, ${fix}` });
    }
    const token = await this.tokens.sign({ id: body.sub ?? `${body.role}${agencyId ? `@${agencyId}` : ''}`, role: body.role, agencyId }, `${DEV_TOKEN_HOURS}h`);
    return { token, expiresAt: new Date(decodeJwt(token).exp! * 1000).toISOString() };
  }
}
