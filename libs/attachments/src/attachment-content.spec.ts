import { PDFDocument, PDFName } from '@cantoo/pdf-lib';
import JSZip from 'jszip';
import sharp from 'sharp';
import { AttachmentRejectedError, cleanAttachment } from './attachment-content';

const LIMITS = { maxPixels: 1_000_000 };

/** A photo as a phone takes it: EXIF with GPS, a camera, and an orientation to apply. */
const photoWithGps = (options: { orientation?: number } = {}) =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'KameraPelapor', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 35/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 48/1 0/1' },
    })
    .withMetadata({ orientation: options.orientation ?? 1 })
    .toBuffer();

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => (error instanceof AttachmentRejectedError ? error.code : String(error)),
  );

describe('cleanAttachment', () => {
  describe('given a JPEG carrying GPS EXIF', () => {
    it('then it comes back a JPEG without EXIF, GPS, XMP or ICC data', async () => {
      const photo = await photoWithGps();
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      expect(photo.includes(Buffer.from('KameraPelapor'))).toBe(true);
      const clean = await cleanAttachment(photo, LIMITS);
      expect(clean.mediaType).toBe('image/jpeg');
      const metadata = await sharp(clean.bytes).metadata();
      expect(metadata.format).toBe('jpeg');
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(clean.bytes.includes(Buffer.from('KameraPelapor'))).toBe(false);
    });

    it('then its orientation is applied to the pixels before the EXIF goes', async () => {
      // Orientation 6: the stored 40×20 image is shown rotated a quarter turn, 20×40.
      const clean = await cleanAttachment(await photoWithGps({ orientation: 6 }), LIMITS);
      const metadata = await sharp(clean.bytes).metadata();
      expect([metadata.width, metadata.height, metadata.orientation]).toEqual([20, 40, undefined]);
    });
  });

  it('re-encodes PNG and WebP in their own format', async () => {
    const base = sharp({ create: { width: 8, height: 8, channels: 4, background: '#00ff0080' } });
    for (const [format, mediaType] of [['png', 'image/png'], ['webp', 'image/webp']] as const) {
      const clean = await cleanAttachment(await base.clone().toFormat(format).toBuffer(), LIMITS);
      expect([clean.mediaType, (await sharp(clean.bytes).metadata()).format]).toEqual([mediaType, format]);
    }
  });

  describe('given documents naming their author', () => {
    const AUTHOR = 'Budi Santoso';

    it('then a PDF loses its Info dictionary and XMP packet, and stays a PDF', async () => {
      const doc = await PDFDocument.create();
      doc.setAuthor(AUTHOR);
      doc.addPage();
      const xmp = doc.context.stream(`<x:xmpmeta><dc:creator>${AUTHOR}</dc:creator></x:xmpmeta>`, { Type: 'Metadata', Subtype: 'XML' });
      doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
      const pdf = Buffer.from(await doc.save({ useObjectStreams: false }));
      expect(pdf.includes(Buffer.from(AUTHOR))).toBe(true);

      const clean = await cleanAttachment(pdf, LIMITS);
      expect(clean.mediaType).toBe('application/pdf');
      const reread = await PDFDocument.load(clean.bytes, { updateMetadata: false });
      expect([reread.getAuthor(), reread.catalog.get(PDFName.of('Metadata')), reread.getPageCount()]).toEqual([undefined, undefined, 1]);
      expect(clean.bytes.includes(Buffer.from(AUTHOR))).toBe(false);
    });

    it('then a DOCX loses creator, last editor and company, and keeps its text', async () => {
      const zip = new JSZip();
      zip.file(
        '[Content_Types].xml',
        '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      );
      zip.file('word/document.xml', '<w:document><w:body>Jalan berlubang</w:body></w:document>');
      zip.file('docProps/core.xml', `<cp:coreProperties><dc:creator>${AUTHOR}</dc:creator><cp:lastModifiedBy>${AUTHOR}</cp:lastModifiedBy></cp:coreProperties>`);
      zip.file('docProps/app.xml', '<Properties><Application>Word</Application><Company>PT Budi</Company><Manager>Ani</Manager></Properties>');
      const docx = await zip.generateAsync({ type: 'nodebuffer' });

      const clean = await cleanAttachment(docx, LIMITS);
      expect(clean.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const reread = await JSZip.loadAsync(clean.bytes);
      const text = async (name: string) => reread.file(name)!.async('string');
      expect(await text('docProps/core.xml')).not.toContain(AUTHOR);
      expect(await text('docProps/app.xml')).toBe('<Properties><Application>Word</Application></Properties>');
      expect(await text('word/document.xml')).toContain('Jalan berlubang');
    });

    it('then an ODT loses its meta.xml and stays an ODT', async () => {
      const zip = new JSZip();
      zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
      zip.file('content.xml', '<office:document-content>Jalan berlubang</office:document-content>');
      zip.file('meta.xml', `<office:document-meta><office:meta><meta:initial-creator>${AUTHOR}</meta:initial-creator></office:meta></office:document-meta>`);
      const odt = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
      expect((await cleanAttachment(odt, LIMITS)).mediaType).toBe('application/vnd.oasis.opendocument.text');

      const reread = await JSZip.loadAsync((await cleanAttachment(odt, LIMITS)).bytes);
      expect(await reread.file('meta.xml')!.async('string')).not.toContain(AUTHOR);
      expect(Object.keys(reread.files)[0]).toBe('mimetype');
    });

    it('then a PDF that cannot be parsed is ATTACHMENT_UNREADABLE', async () => {
      expect(await rejection(cleanAttachment(Buffer.from('%PDF-1.4\n\u0000garbage'), LIMITS))).toBe('ATTACHMENT_UNREADABLE');
    });
  });

  describe('refuses by content, whatever the name or declared type', () => {
    it.each([
      ['an ELF executable', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)])],
      ['a Windows executable (MZ)', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
      ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
      ['a ZIP archive', Buffer.from('504b0304140000000000', 'hex')],
      ['an SVG image', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
      ['nothing known', Buffer.from('just some text')],
    ])('%s is ATTACHMENT_TYPE_NOT_ALLOWED', async (_name, bytes) => {
      expect(await rejection(cleanAttachment(bytes, LIMITS))).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    });
  });

  it('refuses an image with more pixels than allowed (a decompression bomb) as ATTACHMENT_TOO_LARGE', async () => {
    const bomb = await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#ffffff' } }).png().toBuffer();
    expect(bomb.length).toBeLessThan(100_000);
    expect(await rejection(cleanAttachment(bomb, LIMITS))).toBe('ATTACHMENT_TOO_LARGE');
  });

  it('refuses a truncated JPEG as ATTACHMENT_UNREADABLE', async () => {
    const photo = await photoWithGps();
    expect(await rejection(cleanAttachment(photo.subarray(0, 200), LIMITS))).toBe('ATTACHMENT_UNREADABLE');
  });
});
