import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AttachmentUpload } from '@lacak/application';
import { type AttachmentContent, GetAttachment } from '@lacak/application/queries';
import { ALLOWED_ATTACHMENT_TYPES } from '@lacak/attachments';
import type { AppConfig } from '@lacak/config';
import type { Actor } from '@lacak/domain';
import { Allows } from '../../auth/allows.decorator';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { entityTag, readPreconditions } from '../../http/preconditions';
import { APP_CONFIG } from '../../infrastructure/tokens';
import { ApiProblems, ApiQueryProblems } from '../../openapi/problem-responses';
import { REVISION } from '../queries/complaint-queries.responses';
import { type UploadedAttachment, readAttachmentUpload } from './attachment-upload';

export class AttachmentCreated {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Where to read the attachment back', example: '/complaints/2b9d2c2e-9a5f-4a55-9f43-4d1e1f1b7a10/attachments/7c1e…' })
  href!: string;
  @ApiProperty({ format: 'uuid' }) complaintId!: string;
  @ApiProperty({ ...REVISION, description: 'The complaint’s revision after the attachment was added, a string of digits' }) revision!: string;
}

export const UPLOAD_SCHEMA = {
  type: 'object',
  required: ['file'],
  properties: {
    file: { type: 'string', format: 'binary', description: `One file; its type is detected from its content: ${ALLOWED_ATTACHMENT_TYPES.join(', ')}` },
    identifying: {
      type: 'string',
      enum: ['true', 'false'],
      default: 'false',
      description: 'The reporter marks the document as revealing who they are (an ID card, a letter with their name): it is then sealed as their identity is, and erased with it. Sent before `file`.',
    },
  },
};

/** The OpenAPI answer of a download. */
export const ApiAttachmentDownload = () =>
  ApiOkResponse({
    description: 'The stored bytes, served as the type detected at upload, always as a download',
    content: Object.fromEntries(ALLOWED_ATTACHMENT_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    headers: {
      'Content-Disposition': { description: 'Always `attachment`, with the name it was uploaded with', schema: { type: 'string' } },
      'X-Content-Type-Options': { description: '`nosniff`', schema: { type: 'string' } },
    },
  });

/**
 * Evidence on a complaint: upload (multipart) and read back. Who may add and who may read are the
 * domain's and GetComplaint's rules; this controller only maps HTTP.
 */
@ApiTags('complaint attachments')
@ApiBearerAuth()
@Controller('complaints/:id/attachments')
export class AttachmentsController {
  constructor(
    private readonly upload: AttachmentUpload,
    private readonly attachments: GetAttachment,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Attach a photo or document: its type is detected from its content, images are re-encoded without EXIF, GPS or XMP',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: UPLOAD_SCHEMA })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The revision (ETag) the upload was decided on' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key returns the first result' })
  @ApiCreatedResponse({ type: AttachmentCreated, headers: { Location: { description: 'The attachment', schema: { type: 'string' } } } })
  @ApiProblems(
    'UNAUTHENTICATED',
    'VALIDATION_FAILED',
    'MALFORMED_REQUEST',
    'CONTENT_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'ROLE_NOT_ALLOWED',
    'NOT_THE_REPORTER',
    'NOT_CURRENT_ASSIGNEE',
    'COMPLAINT_NOT_FOUND',
    'INVALID_TRANSITION',
    'CONCURRENT_MODIFICATION',
    'INTEGRITY_VIOLATION',
    'IDEMPOTENCY_KEY_REUSED',
    'REVISION_MISMATCH',
    'ATTACHMENT_TOO_LARGE',
    'ATTACHMENT_TYPE_NOT_ALLOWED',
    'ATTACHMENT_UNREADABLE',
  )
  async add(
    @Param('id') id: string,
    @CurrentActor() actor: Actor,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AttachmentCreated> {
    const preconditions = readPreconditions(req.headers, String(req.id));
    const uploaded: UploadedAttachment = await readAttachmentUpload(req, this.config.attachments.maxBytes);
    const outcome = await this.upload.add({ complaintId: id, ...uploaded }, actor, preconditions);
    const href = `/complaints/${encodeURIComponent(id)}/attachments/${outcome.attachmentId}`;
    reply.header('location', href).header('etag', entityTag(outcome.revision));
    return { id: outcome.attachmentId, href, complaintId: outcome.complaintId, revision: outcome.revision.toString() };
  }

  @Get(':attachmentId')
  @Allows('get-attachment')
  @ApiOperation({ summary: 'Read an attachment back, as a download, where the complaint (and, for an identifying one, the identity) may be read' })
  @ApiAttachmentDownload()
  @ApiQueryProblems('NOT_FOUND', 'ATTACHMENT_ERASED')
  async read(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const content = await this.attachments.run(actor, id, attachmentId);
    if (!content) throw new NotFoundException(`No attachment ${attachmentId} on complaint ${id}`);
    return served(content, reply);
  }
}

/** A download that no browser renders in place or sniffs as another type, and no cache keeps. */
export function served(content: AttachmentContent, reply: FastifyReply): Buffer {
  reply
    .header('content-type', content.mediaType)
    .header('content-disposition', downloadAs(content.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store');
  return content.bytes;
}

/** `attachment` with the name: an ASCII fallback, and the name itself as RFC 8187 UTF-8. */
function downloadAs(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
