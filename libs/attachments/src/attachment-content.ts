import type JSZip from 'jszip';

// Loaded on the first upload: together they weigh some 35 MB of memory an engine that takes no
// attachments should not carry.
const fileType = () => import('file-type');
const pdfLib = () => import('@cantoo/pdf-lib');
const zipLib = async () => (await import('jszip')).default;
const imageLib = async () => (await import('sharp')).default;

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
 * GPS, XMP, IPTC): a photo must not tell where or on what device it was taken. Documents lose their
 * properties (author, last editor, company, XMP): a Word file must not name an anonymous reporter.
 */
export async function cleanAttachment(bytes: Buffer, limits: AttachmentLimits): Promise<CleanAttachment> {
  const { fileTypeFromBuffer } = await fileType();
  const detected = await fileTypeFromBuffer(bytes);
  if (!isAllowed(detected?.mime)) {
    throw new AttachmentRejectedError(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
      `Attachments may be JPEG, PNG or WebP images, PDF, or Word, Excel or OpenDocument files; this content is ${detected ? detected.mime : 'of no known type'}`,
    );
  }
  const mediaType = detected.mime;
  if (mediaType in IMAGE_FORMATS) {
    return { bytes: await reencoded(bytes, IMAGE_FORMATS[mediaType as keyof typeof IMAGE_FORMATS], limits), mediaType };
  }
  const clean = mediaType === 'application/pdf' ? await pdfWithoutMetadata(bytes) : await zipWithoutMetadata(bytes);
  // The rewritten file must still be what it was detected as (an ODF's stored mimetype entry first, say).
  if ((await (await fileType()).fileTypeFromBuffer(clean))?.mime !== mediaType) throw unreadable();
  return { bytes: clean, mediaType };
}

const unreadable = () => new AttachmentRejectedError('ATTACHMENT_UNREADABLE', 'The document could not be read');

/**
 * The PDF written again from its objects, without its Info dictionary (Author, Creator, Producer...)
 * and its XMP packet; earlier incremental revisions, which keep their own, are not written at all.
 * An encrypted PDF cannot be cleaned and is refused.
 */
async function pdfWithoutMetadata(bytes: Buffer): Promise<Buffer> {
  const { PDFDocument, PDFName, PDFRef } = await pdfLib();
  try {
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    const info = pdf.context.trailerInfo.Info;
    if (info instanceof PDFRef) pdf.context.delete(info);
    pdf.context.trailerInfo.Info = undefined;
    const xmp = pdf.catalog.get(PDFName.of('Metadata'));
    if (xmp instanceof PDFRef) pdf.context.delete(xmp);
    pdf.catalog.delete(PDFName.of('Metadata'));
    return Buffer.from(await pdf.save({ addDefaultPage: false, updateFieldAppearances: false }));
  } catch {
    throw unreadable();
  }
}

/** Empty property parts that replace the ones a package came with: valid, and naming nobody. */
const EMPTY_PROPERTIES: Record<string, string> = {
  'docProps/core.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>',
  'docProps/custom.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>',
  'meta.xml':
    '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2"><office:meta/></office:document-meta>',
};

/** The application properties that name a person or an organisation, or a path on their machine. */
const IDENTIFYING_APP_PROPERTIES = /<(Company|Manager|HyperlinkBase|Template)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g;

/**
 * An Office Open XML or OpenDocument package with its property parts emptied (docProps/core.xml:
 * creator, last modified by; custom.xml; meta.xml: initial creator, creator) and the identifying
 * application properties (docProps/app.xml: company, manager) removed. Other entries are copied.
 */
async function zipWithoutMetadata(bytes: Buffer): Promise<Buffer> {
  const JSZipLib = await zipLib();
  let zip: JSZip;
  try {
    zip = await JSZipLib.loadAsync(bytes);
  } catch {
    throw unreadable();
  }
  for (const [name, empty] of Object.entries(EMPTY_PROPERTIES)) if (zip.file(name)) zip.file(name, empty);
  const app = zip.file('docProps/app.xml');
  if (app) zip.file('docProps/app.xml', (await app.async('string')).replace(IDENTIFYING_APP_PROPERTIES, ''));
  // OpenDocument wants its mimetype entry stored, not compressed, where readers look for it first.
  const mimetype = zip.file('mimetype');
  if (mimetype) zip.file('mimetype', await mimetype.async('nodebuffer'), { compression: 'STORE' });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function reencoded(bytes: Buffer, format: 'jpeg' | 'png' | 'webp', limits: AttachmentLimits): Promise<Buffer> {
  const sharp = await imageLib();
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
