import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';

/**
 * The types an attachment may have, as detected from its content, never from its name or the type
 * it was sent with: photos (re-encoded) and documents. Anything else, an executable named
 * `photo.jpg` included, is refused.
 */
export const ALLOWED_ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
export type AttachmentType = (typeof ALLOWED_ATTACHMENT_TYPES)[number];

const IMAGE_FORMATS = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;

export type AttachmentRejection = 'ATTACHMENT_TYPE_NOT_ALLOWED' | 'ATTACHMENT_TOO_LARGE' | 'ATTACHMENT_UNREADABLE';

/** An upload that will not be kept, and why; it says nothing of the content. */
export class AttachmentRejectedError extends Error {
  override readonly name = 'AttachmentRejectedError';
  constructor(
    readonly code: AttachmentRejection,
    message: string,
  ) {
    super(message);
  }
}

export interface AttachmentLimits {
  /** The most pixels an image may decode to: a small file can hold a huge image (a decompression bomb). */
  maxPixels: number;
}

/** What is kept of an upload: the bytes to store and their detected type. */
export interface CleanAttachment {
  bytes: Buffer;
  mediaType: AttachmentType;
}

const isAllowed = (mime: string | undefined): mime is AttachmentType => ALLOWED_ATTACHMENT_TYPES.some((allowed) => allowed === mime);

/**
 * Detects the type from the bytes and refuses what is not allowed. Images are decoded and encoded
 * again in their own format, oriented as their EXIF said and without any of their metadata (EXIF,
 * GPS, XMP, IPTC): a photo must not tell where or on what device it was taken.
 */
export async function cleanAttachment(bytes: Buffer, limits: AttachmentLimits): Promise<CleanAttachment> {
  const detected = await fileTypeFromBuffer(bytes);
  if (!isAllowed(detected?.mime)) {
    throw new AttachmentRejectedError(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `Attachments may be JPEG, PNG or WebP images, PDF, or Word, Excel or OpenDocument files; this content is ${detected ? detected.mime : 'of no known type'}`,
    );
  }
  const mediaType = detected.mime;
  if (!(mediaType in IMAGE_FORMATS)) return { bytes, mediaType };
  return { bytes: await reencoded(bytes, IMAGE_FORMATS[mediaType as keyof typeof IMAGE_FORMATS], limits), mediaType };
}

async function reencoded(bytes: Buffer, format: 'jpeg' | 'png' | 'webp', limits: AttachmentLimits): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => ({ width: 0, height: 0 }));
  if (width * height > limits.maxPixels) {
    throw new AttachmentRejectedError('ATTACHMENT_TOO_LARGE', `Images may have at most ${limits.maxPixels} pixels`);
  }
  try {
    // sharp keeps no metadata unless told to; autoOrient applies the EXIF orientation before it goes.
    return await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'error' }).autoOrient().toFormat(format).toBuffer();
  } catch (error) {
    if (/pixel limit/i.test((error as Error).message)) {
      throw new AttachmentRejectedError('ATTACHMENT_TOO_LARGE', `Images may have at most ${limits.maxPixels} pixels`);
    }
    throw new AttachmentRejectedError('ATTACHMENT_UNREADABLE', 'The image could not be decoded');
  }
}
