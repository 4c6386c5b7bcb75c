import { Controller, Get, Headers, HttpCode, NotFoundException, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { Dossier, LogConsistencyProof } from '@lacak/application';
import type { Actor } from '@lacak/domain';
import { Allows } from '../auth/allows.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Public } from '../auth/public.decorator';
import { ApiBodyProblems, ApiQueryProblems } from '../openapi/problem-responses';
import { RequestValidationError } from '../problem-details/request-validation.error';
import { renderDossierPdf } from './dossier-pdf';
import { ExportDossierQuery, GetAuditPublicKeyQuery, ProveLogConsistencyQuery, SignTreeHeadCommand } from './audit.bus';

export class AuditPublicKeyView {
  @ApiProperty({ enum: ['Ed25519'] }) algorithm!: 'Ed25519';
  @ApiProperty({ description: 'SubjectPublicKeyInfo, PEM' }) publicKey!: string;
  @ApiProperty({ description: 'SHA-256 of the key’s DER form, hex; the heads name it as keyId' }) keyId!: string;
}

export class SignedTreeHeadView {
  @ApiProperty({ description: 'How many events of the log, in global order, the head covers' }) size!: number;
  @ApiProperty({ description: 'RFC 9162 Merkle tree hash of those events, hex' }) rootHash!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ description: 'Ed25519 over the canonical JSON of {rootHash, signedAt, size}, base64' }) signature!: string;
}

export class LogConsistencyProofView {
  @ApiProperty({ description: 'The size of the older head' }) from!: number;
  @ApiProperty({ type: SignedTreeHeadView }) treeHead!: SignedTreeHeadView;
  @ApiProperty({ type: [String], description: 'Subtree hashes, hex, as RFC 9162 §2.1.4 lists them' }) proof!: string[];
}

/**
 * The record's proofs: the notary's public key, signed heads of the log's Merkle tree, and a
 * complaint's dossier (its events with inclusion proofs against a signed head), which
 * `tools/verify-dossier.mjs` checks offline with nothing but Node.
 */
@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly commandBus: CommandBus,
  ) {}

  @Get('audit/public-key')
  @Public()
  @ApiOperation({ summary: 'The Ed25519 public key tree heads are signed with', security: [] })
  @ApiOkResponse({ type: AuditPublicKeyView })
  publicKey(): Promise<AuditPublicKeyView> {
    return this.queryBus.execute(new GetAuditPublicKeyQuery());
  }

  @Post('audit/tree-heads')
  @HttpCode(201)
  @ApiBearerAuth()
  @Allows('sign-tree-head')
  @ApiOperation({ summary: 'Sign a head of the log’s Merkle tree now and append it to the log (national admin, auditors)' })
  @ApiCreatedResponse({ type: SignedTreeHeadView })
  @ApiBodyProblems('UNAUTHENTICATED', 'TOKEN_EXPIRED', 'TOKEN_AGENCY_INVALID', 'ROLE_NOT_ALLOWED', 'INTEGRITY_VIOLATION')
  signHead(@CurrentActor() actor: Actor): Promise<SignedTreeHeadView> {
    return this.commandBus.execute(new SignTreeHeadCommand(actor));
  }

  @Get('audit/consistency')
  @ApiBearerAuth()
  @Allows('prove-log-consistency')
  @ApiOperation({ summary: 'The latest signed tree head and the RFC 9162 consistency proof from the tree of an older head’s size to it' })
  @ApiOkResponse({ type: LogConsistencyProofView })
  @ApiQueryProblems('ROLE_NOT_ALLOWED', 'VALIDATION_FAILED', 'UNKNOWN_REFERENCE', 'INTEGRITY_VIOLATION')
  consistency(@Query('from') raw: string | undefined, @CurrentActor() actor: Actor): Promise<LogConsistencyProof> {
    if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) throw new RequestValidationError([{ field: 'from', messages: ['from must be the size of a signed tree head, a positive integer'] }]);
    return this.queryBus.execute(new ProveLogConsistencyQuery(actor, Number(raw)));
  }

  @Get('complaints/:id/dossier')
  @ApiBearerAuth()
  @Allows('export-dossier')
  @ApiOperation({
    summary:
      'The complaint’s whole record with inclusion proofs against a signed tree head, as one JSON file (inspectors, auditors, national admin); with Accept: application/pdf, a rendering for reading in Bahasa Indonesia; the export is recorded',
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ description: 'format lacak-dossier/1: complaintId, exportedAt, exportedBy, events (each with leafIndex and inclusionProof), treeHead, publicKey' })
  @ApiQueryProblems('ROLE_NOT_ALLOWED', 'NOT_FOUND', 'INTEGRITY_VIOLATION', 'UNAVAILABLE')
  async dossier(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Dossier | Buffer> {
    const dossier = await this.queryBus.execute(new ExportDossierQuery(actor, id));
    if (!dossier) throw new NotFoundException(`No complaint ${id}`);
    const pdf = accept?.includes('application/pdf') ?? false;
    reply.header('content-disposition', `attachment; filename="dossier-${id}.${pdf ? 'pdf' : 'json'}"`);
    if (!pdf) return dossier;
    reply.type('application/pdf');
    return renderDossierPdf(dossier);
  }
}
