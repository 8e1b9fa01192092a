import type { AttachmentContentType } from '@purnajual/contract';
import sharp from 'sharp';
import { AppError } from '../errors';
import { createSemaphore, SemaphoreFullError } from './semaphore';

export interface NormalizedImage {
  content: Buffer;
  contentType: AttachmentContentType;
  /** The extension of the name the file is stored under. */
  extension: 'jpg' | 'png';
  width: number;
  height: number;
}

export interface ImageNormalizerSettings {
  /** Width × height a file may state before it is decoded at all. */
  maxPixels: number;
  /** The longest side of what is stored; larger images are scaled down to it. */
  maxSide: number;
  /** Images decoded at once, each on one libuv thread, and how many more may wait for a turn. */
  concurrency: number;
  maxWaiting: number;
}

/*
 * One libvips thread per image, and no operation cache: the semaphore bounds the images in
 * work, so their threads leave the rest of the libuv pool (files, crypto, DNS) to the server,
 * and nothing decoded is kept after its upload.
 */
sharp.concurrency(1);
sharp.cache(false);

const maxSignatureBytes = 512 * 1024;
const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const undecodable = (path: string) =>
  new AppError(
    'validation_failed',
    {
      en: 'The image cannot be decoded: its data is damaged or is not an image',
      id: 'Gambar tidak dapat dibaca: datanya rusak atau bukan gambar',
    },
    { errors: [{ path, message: 'cannot be decoded as an image' }] },
  );

const busy = () =>
  new AppError(
    'service_unavailable',
    {
      en: 'Too many images are being processed just now; retry shortly',
      id: 'Terlalu banyak gambar sedang diproses; coba lagi sebentar lagi',
    },
    { headers: { 'retry-after': '2' } },
  );

/**
 * Uploaded images decoded within a budget and stored in one normal form: turned upright
 * by their EXIF orientation, scaled to at most `maxSide` on the long side, re-encoded, with
 * every piece of metadata (EXIF with its GPS position, XMP, comments) left behind. Data that
 * does not decode is refused (400) however good its header looks.
 */
export function createImageNormalizer(settings: ImageNormalizerSettings) {
  const slots = createSemaphore(settings.concurrency, settings.maxWaiting);

  /** `field`: where the image was in the request, for the problem when it does not decode. */
  async function normalize(input: Uint8Array, output: 'jpeg' | 'png', field: string): Promise<NormalizedImage> {
    const run = async () => {
      // `failOn: 'warning'` (sharp's default, stated here): a truncated or corrupt stream fails.
      const pipeline = sharp(input, { limitInputPixels: settings.maxPixels, failOn: 'warning' })
        .autoOrient()
        .resize({ width: settings.maxSide, height: settings.maxSide, fit: 'inside', withoutEnlargement: true });
      const encoded =
        output === 'jpeg'
          ? pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, chromaSubsampling: '4:2:0' })
          : pipeline.png({ compressionLevel: 9 });
      return encoded.toBuffer({ resolveWithObject: true });
    };
    try {
      const { data, info } = await slots.run(run);
      return output === 'jpeg'
        ? { content: data, contentType: 'image/jpeg', extension: 'jpg', width: info.width, height: info.height }
        : { content: data, contentType: 'image/png', extension: 'png', width: info.width, height: info.height };
    } catch (error) {
      if (error instanceof SemaphoreFullError) throw busy();
      throw undecodable(field);
    }
  }

  return {
    /** A photo becomes a JPEG (transparency on white). */
    normalizePhoto: (input: Uint8Array) => normalize(input, 'jpeg', 'body.file'),
    /**
     * The signature pad's `data:image/png;base64,…`: a PNG of at most 512 KiB, which stays a
     * PNG with its transparency, as the pad draws it, but re-encoded and bounded all the same.
     */
    async readSignature(dataUrl: string): Promise<Buffer> {
      const image = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
      if (image.length > maxSignatureBytes || !image.subarray(0, 8).equals(pngMagic)) {
        throw new AppError('validation_failed', 'must be a PNG image of at most 512 KiB', {
          errors: [{ path: 'body.signature', message: 'must be a PNG image of at most 512 KiB' }],
        });
      }
      return (await normalize(image, 'png', 'body.signature')).content;
    },
  };
}

export type ImageNormalizer = ReturnType<typeof createImageNormalizer>;
