import type { AttachmentContentType } from '@purnajual/contract';
import { imageSize } from 'image-size';

type ImageFormat = 'jpg' | 'png' | 'webp';

export interface ImageInfo {
  contentType: AttachmentContentType;
  /** The extension of the name the file is stored under. */
  extension: ImageFormat;
  /** As displayed: a JPEG that its EXIF orientation turns a quarter reports its turned size. */
  width: number;
  height: number;
}

export type ImageInspection =
  | { outcome: 'image'; image: ImageInfo }
  /** Not a JPEG, PNG or WebP by its leading bytes. */
  | { outcome: 'unsupported' }
  /** Starts like one, but its header cannot be read or the file stops before its end. */
  | { outcome: 'damaged'; formatName: string };

const contentTypes: Record<ImageFormat, AttachmentContentType> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};
const formatNames: Record<ImageFormat, string> = { jpg: 'JPEG', png: 'PNG', webp: 'WebP' };

/**
 * How far image-size may look for the dimensions. A JPEG states them after its metadata
 * (EXIF with its thumbnail, an ICC profile), well within this; image-size steps over junk
 * one byte at a time, so letting it walk 8 MiB of crafted bytes would hold the event loop
 * for about a second.
 */
const headerWindowBytes = 256 * 1024;

const jpegSignature = Buffer.from([0xff, 0xd8, 0xff]);
const jpegEndMarker = Buffer.from([0xff, 0xd9]);
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The IEND chunk: length 0, type, CRC. */
const pngEndChunk = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

function sniffFormat(content: Buffer): ImageFormat | null {
  if (content.subarray(0, jpegSignature.length).equals(jpegSignature)) return 'jpg';
  if (content.subarray(0, pngSignature.length).equals(pngSignature)) return 'png';
  if (content.toString('latin1', 0, 4) === 'RIFF' && content.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

/**
 * image-size reads only the header, so a file cut short after it would pass. Each format
 * marks where it ends, which costs nothing to check and needs no decoding.
 */
function reachesItsEnd(content: Buffer, format: ImageFormat): boolean {
  switch (format) {
    case 'jpg':
      // Not necessarily last: some cameras append data after the end-of-image marker.
      return content.lastIndexOf(jpegEndMarker) > jpegSignature.length;
    case 'png':
      return content.subarray(-pngEndChunk.length).equals(pngEndChunk);
    case 'webp':
      // The RIFF header states the length of everything after its first 8 bytes.
      return content.length >= 12 && content.readUInt32LE(4) + 8 <= content.length;
  }
}

function readSize(content: Buffer) {
  try {
    // A copy, not a view: image-size reads through DataViews over the whole underlying
    // ArrayBuffer, and a small Buffer lives in Node's shared 8 KiB pool, so a header cut
    // short would be read on into other bytes of the pool instead of failing.
    return imageSize(new Uint8Array(content.subarray(0, headerWindowBytes)));
  } catch {
    return null;
  }
}

/**
 * What an uploaded file is, judged by its bytes alone (the client's file name and
 * Content-Type say nothing), and its dimensions from the header. Nothing is decoded, so a
 * small file that unpacks to gigabytes of pixels costs no more than its header.
 */
export function inspectImage(bytes: Uint8Array): ImageInspection {
  const content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = sniffFormat(content);
  if (format === null) return { outcome: 'unsupported' };
  const size = readSize(content);
  if (size === null || size.type !== format || size.width < 1 || size.height < 1 || !reachesItsEnd(content, format)) {
    return { outcome: 'damaged', formatName: formatNames[format] };
  }
  // EXIF orientations 5 to 8 turn the picture a quarter, and browsers show it turned.
  const isTurned = (size.orientation ?? 1) >= 5;
  return {
    outcome: 'image',
    image: {
      contentType: contentTypes[format],
      extension: format,
      width: isTurned ? size.height : size.width,
      height: isTurned ? size.width : size.height,
    },
  };
}
