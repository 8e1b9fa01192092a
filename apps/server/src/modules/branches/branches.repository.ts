import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { BranchTable } from '../../db/schema/branch';
import type { DB } from '../../db/schema/index';

export type BranchRow = Selectable<BranchTable>;

export const findBranches = (db: Kysely<DB>) => db.selectFrom('branch').selectAll().orderBy('code').execute();

export const findBranchById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('branch').selectAll().where('id', '=', id).executeTakeFirst();

export const findBranchByCode = (db: Kysely<DB>, code: string) =>
  db.selectFrom('branch').selectAll().where('code', '=', code).executeTakeFirst();

export async function findAreaCodesOfBranches(db: Kysely<DB>, branchIds: string[]) {
  const byBranch = new Map<string, string[]>();
  if (branchIds.length === 0) return byBranch;
  const rows = await db
    .selectFrom('branch_area')
    .select(['branchId', 'areaCode'])
    .where('branchId', 'in', branchIds)
    .orderBy('areaCode')
    .execute();
  for (const row of rows) byBranch.set(row.branchId, [...(byBranch.get(row.branchId) ?? []), row.areaCode]);
  return byBranch;
}

export async function insertBranch(db: Kysely<DB>, branch: Insertable<BranchTable>, areaCodes: string[]) {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('branch').values(branch).execute();
    if (areaCodes.length > 0) {
      await trx
        .insertInto('branch_area')
        .values(areaCodes.map((areaCode) => ({ branchId: branch.id, areaCode })))
        .execute();
    }
  });
}

export async function updateBranch(
  db: Kysely<DB>,
  id: string,
  patch: Updateable<BranchTable>,
  areaCodes: string[] | undefined,
) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('branch')
      .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
    if (areaCodes === undefined) return;
    await trx.deleteFrom('branch_area').where('branchId', '=', id).execute();
    if (areaCodes.length > 0) {
      await trx
        .insertInto('branch_area')
        .values(areaCodes.map((areaCode) => ({ branchId: id, areaCode })))
        .execute();
    }
  });
}

/** Branches serving any of `areaCodes`, with the code that matched. */
export const findBranchesServing = (db: Kysely<DB>, areaCodes: string[]) =>
  db
    .selectFrom('branch_area')
    .innerJoin('branch', 'branch.id', 'branch_area.branchId')
    .select(['branch.id', 'branch.code', 'branch.timeZone', 'branch.autoAssign', 'branch_area.areaCode'])
    .where('branch_area.areaCode', 'in', areaCodes)
    .execute();
