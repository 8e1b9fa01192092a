import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors';

export interface FormLimits {
  /** Bytes per file; reading stops at the limit instead of buffering the rest. */
  fileBytes: number;
  files: number;
  fields: number;
}

/** The text fields of an upload form are short: a kind, a note. */
const fieldBytes = 16 * 1024;

export function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

function isClientError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return false;
  return typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500;
}

/** The form reader's errors, said in terms of the request the client sent. */
function toProblem(error: unknown, limits: FormLimits): unknown {
  const tooMany = (what: string, limit: number) =>
    new AppError('validation_failed', `The form may hold at most ${limit} ${what}`, {
      errors: [{ path: 'body', message: `may hold at most ${limit} ${what}` }],
    });
  switch (codeOf(error)) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large', `A file may be at most ${describeBytes(limits.fileBytes)}`);
    case 'FST_FILES_LIMIT':
      return tooMany('file(s)', limits.files);
    case 'FST_FIELDS_LIMIT':
      return tooMany('text field(s)', limits.fields);
  }
  if (error instanceof AppError || isClientError(error)) return error;
  // The parser's own errors (a missing boundary, a part cut off) carry no status: the
  // form is malformed, which is the client's to fix, not a fault of the server.
  const reason = error instanceof Error ? error.message : 'unreadable';
  return new AppError('bad_request', `The multipart body could not be read: ${reason}`);
}

async function readForm(request: FastifyRequest, limits: FormLimits): Promise<Record<string, unknown>> {
  if (!request.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send this request as multipart/form-data');
  }
  const values = new Map<string, unknown[]>();
  try {
    for await (const part of request.parts()) {
      const value = part.type === 'file' ? await part.toBuffer() : part.value;
      values.set(part.fieldname, [...(values.get(part.fieldname) ?? []), value]);
    }
  } catch (error) {
    throw toProblem(error, limits);
  }
  // A repeated name becomes an array, which a schema expecting one value then refuses.
  return Object.fromEntries([...values].map(([name, list]) => [name, list.length === 1 ? list[0] : list]));
}

/**
 * Lets the routes of `scope` take multipart/form-data: the form becomes the request body
 * before validation, text fields as strings and files as their bytes, so the route's Zod
 * schema checks it like a JSON body and the idempotency fingerprint covers the file.
 * Register it in a plugin around the upload routes only, so no other route accepts a form.
 */
export async function registerMultipartForms(scope: FastifyInstance, limits: FormLimits) {
  await scope.register(multipart, {
    limits: {
      fileSize: limits.fileBytes,
      files: limits.files,
      fields: limits.fields,
      fieldSize: fieldBytes,
    },
  });
  scope.addHook('preValidation', async (request) => {
    request.body = await readForm(request, limits);
  });
}
