import { csvContentType, xlsxContentType } from '@purnajual/contract';
import { AppError } from '../../errors';
import { isCsvSyntaxError } from '../../platform/csv';
import { StorageUnavailableError } from '../../platform/storage/file-storage';
import { describeBytes } from '../../platform/uploads';
import { type ImportFormat, readImportRecords, sniffFormat } from './import-files';
import type { ImportRecord } from './import-kind';

const formatOfType: Record<string, ImportFormat> = { [csvContentType]: 'csv', [xlsxContentType]: 'xlsx' };

/** The format the request says it sends; anything but CSV and XLSX is refused. */
export function formatOf(contentType: string | undefined): ImportFormat {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const format = formatOfType[type];
  if (format === undefined) {
    throw new AppError('unsupported_media_type', {
      en: `Send the file as ${csvContentType} or ${xlsxContentType}`,
      id: `Kirim berkas sebagai ${csvContentType} atau ${xlsxContentType}`,
    });
  }
  return format;
}

const notThatFormat = (format: ImportFormat) =>
  new AppError('validation_failed', {
    en: `The file is not ${format === 'csv' ? 'a CSV text file' : 'an XLSX workbook'}`,
    id: `Berkas ini bukan ${format === 'csv' ? 'berkas teks CSV' : 'buku kerja XLSX'}`,
  });

/**
 * The body as it streams in, counted: past `maxBytes` it stops with a 413 before the rest
 * is read, and its first bytes must be what the content type says (a zip for XLSX, text
 * for CSV), so a photo sent as CSV is refused at once.
 */
export async function* checkedBody(
  body: AsyncIterable<Buffer>,
  format: ImportFormat,
  maxBytes: number,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of body) {
    if (bytes === 0 && sniffFormat(chunk) !== format) throw notThatFormat(format);
    bytes += chunk.length;
    if (bytes > maxBytes) {
      throw new AppError('payload_too_large', {
        en: `An import file may be at most ${describeBytes(maxBytes)}`,
        id: `Berkas impor paling besar ${describeBytes(maxBytes)}`,
      });
    }
    yield chunk;
  }
  if (bytes === 0) throw new AppError('validation_failed', { en: 'The file is empty', id: 'Berkasnya kosong' });
}

/** The file's first line, the header; an unreadable file is the sender's to fix (400), not a fault here. */
export async function readFirstRecord(format: ImportFormat, source: AsyncIterable<Buffer>): Promise<ImportRecord> {
  try {
    for await (const record of readImportRecords(format, source)) return record;
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw error;
    if (format === 'xlsx' || isCsvSyntaxError(error)) throw notThatFormat(format);
    throw error;
  }
  throw new AppError('validation_failed', { en: 'The file is empty', id: 'Berkasnya kosong' });
}
