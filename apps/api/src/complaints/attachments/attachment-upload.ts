import type { MultipartFile } from '@fastify/multipart';
import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AttachmentRejectedError } from '@lacak/attachments';
import { RequestValidationError } from '../../problem-details/request-validation.error';

/** What the multipart body said: one file and the reporter's flag. */
export interface UploadedAttachment {
  fileName: string;
  bytes: Buffer;
  identifying: boolean;
}

const FIELDS = ['identifying', 'file'];

/**
 * Reads `identifying` (optional, `true` or `false`) and one `file` part, the file into memory up to
 * `maxBytes`. The name is kept only as a label: without any path, control characters or more than
 * 200 characters.
 */
export async function readAttachmentUpload(req: FastifyRequest, maxBytes: number): Promise<UploadedAttachment> {
  if (!req.isMultipart()) {
    throw new UnsupportedMediaTypeException({ message: 'The body must be multipart/form-data with one part named file', code: 'UNSUPPORTED_MEDIA_TYPE' });
  }
  let identifying: boolean | undefined;
  let file: { fileName: string; bytes: Buffer } | undefined;
  const problems: { field: string; messages: string[] }[] = [];
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 1, parts: 2, fieldSize: 16 } })) {
      if (!FIELDS.includes(part.fieldname) || (part.type === 'file') !== (part.fieldname === 'file')) {
        if (part.type === 'file') await part.toBuffer().catch(() => undefined);
        problems.push({ field: part.fieldname, messages: [`${part.fieldname} is not a field of an attachment: send identifying, then file`] });
        continue;
      }
      if (part.type === 'field') {
        if (part.value !== 'true' && part.value !== 'false') problems.push({ field: 'identifying', messages: ['identifying must be true or false'] });
        else identifying = part.value === 'true';
        continue;
      }
      file = { fileName: labelOf(part), bytes: await part.toBuffer() };
    }
  } catch (error) {
    const { code, statusCode } = error as { code?: string; statusCode?: number };
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AttachmentRejectedError('ATTACHMENT_TOO_LARGE', `Attachments may be at most ${maxBytes} bytes`);
    }
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) throw error;
    // The parser's own errors ("Unexpected end of multipart data", "Boundary not found") are plain: the body is at fault, not the server.
    throw new BadRequestException({ message: `The multipart body could not be read: ${(error as Error).message}`, code: 'MALFORMED_REQUEST' });
  }
  if (!file) problems.push({ field: 'file', messages: ['file is required: one file part'] });
  else if (file.bytes.length === 0) problems.push({ field: 'file', messages: ['file must not be empty'] });
  if (problems.length > 0) throw new RequestValidationError(problems);
  return { ...file!, identifying: identifying ?? false };
}

const labelOf = (part: MultipartFile): string => {
  const base = (part.filename ?? '').split(/[\\/]/).pop() ?? '';
  const label = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return label.length > 0 ? label : 'lampiran';
};
