import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import * as partsRepo from './parts.repository';

/**
 * Each line with its catalog part, or a 400 naming each line whose part does not exist.
 * Reads through `conn`: inside a transaction, SQLite's one connection belongs to it.
 */
export async function findLineParts<L extends { partId: string }>(
  conn: Kysely<DB>,
  lines: readonly L[],
  path: string,
): Promise<(L & { part: partsRepo.PartRow })[]> {
  const rows = await partsRepo.findPartsByIds(
    conn,
    lines.map((l) => l.partId),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const errors: { path: string; message: string }[] = [];
  const found = lines.flatMap((line, index) => {
    const part = byId.get(line.partId);
    if (part) return [{ ...line, part }];
    errors.push({ path: `${path}.${index}.partId`, message: 'is not a part in the catalog' });
    return [];
  });
  if (errors.length > 0) throw new AppError('validation_failed', 'Unknown parts', { errors });
  return found;
}
