import { z } from 'zod';
import { AppError } from '../errors';

/**
 * Opaque list cursors: the sort key of the last item, base64url-encoded JSON. Clients
 * pass them back untouched; anything that does not decode is a 400, not a 500.
 */
export const encodeCursor = (key: readonly (string | number)[]): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

const cursorKeySchema = z
  .array(z.union([z.string().max(200), z.number()]))
  .min(1)
  .max(4);

export function decodeCursor(cursor: string | undefined): (string | number)[] | undefined {
  if (cursor === undefined) return undefined;
  try {
    return cursorKeySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new AppError('validation_failed', 'The cursor is invalid', {
      errors: [{ path: 'query.cursor', message: 'is not a cursor this server issued' }],
    });
  }
}

/** Takes one more row than asked for to learn whether a next page exists. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => readonly (string | number)[]) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
