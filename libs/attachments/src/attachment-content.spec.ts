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

  it('keeps a PDF as it is, typed from its content', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    expect(await cleanAttachment(pdf, LIMITS)).toEqual({ bytes: pdf, mediaType: 'application/pdf' });
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
