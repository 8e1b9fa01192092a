import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/*
 * JSON, problem details, CSV and the like. Never the event stream, which must reach the
 * client event by event (a compressor would hold events back to fill its window), and
 * never images, PDFs or spreadsheets, which are compressed already.
 */
const compressibleType = /^(?:text\/(?!event-stream)|application\/(?:[\w.+-]+\+)?json|application\/(?:javascript|xml))/;

/**
 * Compresses API responses on the fly for a phone on a slow network. The built apps'
 * files are not compressed here: they are sent as the build compressed them (see
 * web-apps.ts), and a response that already has a Content-Encoding is left alone.
 * Register before the routes: the hook applies to routes added after it.
 */
export async function registerCompression(app: FastifyInstance) {
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    // Below about a kilobyte the saving is smaller than the cost of compressing.
    threshold: 1024,
    customTypes: compressibleType,
    // Brotli's default (11) is for files built once; 4 compresses about as well as gzip's
    // best at a fraction of the time, which is what a response made per request needs.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    // Request bodies stay uncompressed: nothing sends them compressed, and accepting them
    // would only add a way to send the server a bomb.
    globalDecompression: false,
  });
}
