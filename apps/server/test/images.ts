import sharp from 'sharp';

/**
 * An image's pixels as RGBA: what a re-encoded image keeps of the one sent, byte for byte
 * when the encoding is lossless (PNG).
 */
export const pixelsOf = (image: Buffer) => sharp(image).ensureAlpha().raw().toBuffer();

/** The pixels of a `data:image/png;base64,…` URL. */
export const pixelsOfDataUrl = (dataUrl: string) => pixelsOf(Buffer.from(dataUrl.split(',')[1] ?? '', 'base64'));
