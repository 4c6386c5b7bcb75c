import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const DESCRIPTION = `Event-sourced complaint lifecycle engine: commands, work queues, audit trails and monitoring.

**Tokens.** Every operation but health, sign-in, tracking and the public list needs \`Authorization: Bearer <jwt>\`
(the \`bearer\` scheme below), whose claims name the actor: \`sub\`, \`role\` and \`agencyId\`. In development,
\`npm run token -- --role agency_admin --agency id-32.01-dinkes\` prints one (roles: \`reporter\`,
\`national_admin\`, \`agency_admin\`, \`unit_officer\`, \`apip_inspector\`, \`auditor\`, \`system\`; \`--sub\` names
the actor, e.g. a reporter's account), and \`POST /auth/dev-token\` signs the same over HTTP. In production the
identity provider issues them (\`JWT_JWKS_URL\`); \`GET /auth/config\` tells a client which applies.

**Errors** are RFC 9457 problem details (\`application/problem+json\`, schema \`ProblemDetailsBody\`) with a
machine-readable \`code\`; each operation lists the statuses and codes it can answer with.

**Revisions** are 64-bit stream revisions, given as strings of digits; \`ETag\` carries the same digits
and \`If-Match\` sends them back.`;

/** The OpenAPI document served at /openapi.json and rendered at /docs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Lacak')
      .setDescription(DESCRIPTION)
      .setVersion('0.1.0')
      .addServer('/', 'The server this document came from')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A JWT from `npm run token` (development) or the identity provider' })
      .build(),
  );
}
