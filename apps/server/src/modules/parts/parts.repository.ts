import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { PartTable } from '../../db/schema/part';
import { containsText, startsWithText } from '../../db/sql';

export type PartRow = Selectable<PartTable>;

export interface PartFilter {
  /** Start of the part number, or text in the name. */
  q?: { partNo: string; name: string } | undefined;
  modelCode?: string | undefined;
  /** Keyset cursor: part numbers after this one. */
  afterPartNo?: string | undefined;
}

export function findParts(db: Kysely<DB>, filter: PartFilter, limit: number): Promise<PartRow[]> {
  let query = db.selectFrom('part').selectAll('part').orderBy('part.partNo').limit(limit);
  const { q, modelCode } = filter;
  if (q !== undefined) {
    query = query.where((eb) => eb.or([startsWithText('part.partNo', q.partNo), containsText('part.name', q.name)]));
  }
  if (modelCode !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('part_model')
          .select('part_model.partId')
          .whereRef('part_model.partId', '=', 'part.id')
          .where('part_model.modelCode', '=', modelCode),
      ),
    );
  }
  if (filter.afterPartNo !== undefined) query = query.where('part.partNo', '>', filter.afterPartNo);
  return query.execute();
}

export async function findPartsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<PartRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('part')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
}

export async function findPartsByNumbers(db: Kysely<DB>, partNos: readonly string[]): Promise<PartRow[]> {
  if (partNos.length === 0) return [];
  return db
    .selectFrom('part')
    .selectAll()
    .where('partNo', 'in', [...partNos])
    .execute();
}

export async function findModelCodes(db: Kysely<DB>, partIds: readonly string[]): Promise<Map<string, string[]>> {
  const byPart = new Map<string, string[]>();
  if (partIds.length === 0) return byPart;
  const rows = await db
    .selectFrom('part_model')
    .select(['partId', 'modelCode'])
    .where('partId', 'in', [...partIds])
    .orderBy('modelCode')
    .execute();
  for (const row of rows) byPart.set(row.partId, [...(byPart.get(row.partId) ?? []), row.modelCode]);
  return byPart;
}

export const insertPart = (db: Kysely<DB>, row: Insertable<PartTable>) => db.insertInto('part').values(row).execute();

/** Applies the change only if the part still has `expectedVersion`; returns whether it did. */
export async function updatePartIfVersion(
  db: Kysely<DB>,
  id: string,
  expectedVersion: number,
  patch: Updateable<PartTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('part')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function replaceModelCodes(db: Kysely<DB>, partId: string, modelCodes: readonly string[]) {
  await db.deleteFrom('part_model').where('partId', '=', partId).execute();
  if (modelCodes.length === 0) return;
  await db
    .insertInto('part_model')
    .values(modelCodes.map((modelCode) => ({ partId, modelCode })))
    .execute();
}
