import type { Kysely, Selectable } from 'kysely';
import type { AreaTable } from '../../db/schema/area';
import type { DB } from '../../db/schema/index';
import { containsText } from '../../db/sql';

export type AreaRow = Selectable<AreaTable>;

export interface AreaFilter {
  parentCode?: string | undefined;
  q?: string | undefined;
  afterCode?: string | undefined;
}

export function findAreas(db: Kysely<DB>, filter: AreaFilter, limit: number): Promise<AreaRow[]> {
  let query = db.selectFrom('area').selectAll().orderBy('code').limit(limit);
  if (filter.parentCode !== undefined) query = query.where('parentCode', '=', filter.parentCode);
  else if (filter.q === undefined) query = query.where('level', '=', 'province');
  if (filter.q !== undefined) query = query.where(containsText('name', filter.q));
  if (filter.afterCode !== undefined) query = query.where('code', '>', filter.afterCode);
  return query.execute();
}

export async function findExistingAreaCodes(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('area').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((row) => row.code));
}

export const findAreasByCodes = (db: Kysely<DB>, codes: string[]) =>
  codes.length === 0 ? Promise.resolve([]) : db.selectFrom('area').selectAll().where('code', 'in', codes).execute();

export const countAreasByLevel = (db: Kysely<DB>) =>
  db
    .selectFrom('area')
    .select(['level', (eb) => eb.fn.countAll<number | string>().as('count')])
    .groupBy('level')
    .execute();

export const findAllAreas = (db: Kysely<DB>) => db.selectFrom('area').selectAll().execute();

const insertChunkSize = 500;

/** Inserts new areas and renames changed ones, in one transaction. */
export async function saveAreas(db: Kysely<DB>, inserts: AreaRow[], updates: AreaRow[]) {
  await db.transaction().execute(async (trx) => {
    for (let start = 0; start < inserts.length; start += insertChunkSize) {
      await trx
        .insertInto('area')
        .values(inserts.slice(start, start + insertChunkSize))
        .execute();
    }
    for (const area of updates) {
      await trx
        .updateTable('area')
        .set({ name: area.name, parentCode: area.parentCode, level: area.level })
        .where('code', '=', area.code)
        .execute();
    }
  });
}

/** The codes of the areas directly under any of `parentCodes` (served by the parent index). */
export const findChildCodes = async (db: Kysely<DB>, parentCodes: string[]): Promise<string[]> =>
  parentCodes.length === 0
    ? []
    : (await db.selectFrom('area').select('code').where('parentCode', 'in', parentCodes).execute()).map(
        (row) => row.code,
      );
