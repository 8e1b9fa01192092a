import type { Role } from '@purnajual/contract';
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { UserTable } from '../../db/schema/user';
import { containsText, startsWithText } from '../../db/sql';

export type UserRow = Omit<Selectable<UserTable>, 'passwordHash'>;

const userColumns = [
  'id',
  'employeeNo',
  'name',
  'role',
  'branchId',
  'phone',
  'email',
  'externalId',
  'active',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export interface UserFilter {
  branchId?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
  afterEmployeeNo?: string | undefined;
}

export function findUsers(db: Kysely<DB>, filter: UserFilter, limit: number): Promise<UserRow[]> {
  let query = db.selectFrom('user').select(userColumns).orderBy('employeeNo').limit(limit);
  if (filter.branchId !== undefined) query = query.where('branchId', '=', filter.branchId);
  if (filter.role !== undefined) query = query.where('role', '=', filter.role);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active ? 1 : 0);
  if (filter.afterEmployeeNo !== undefined) query = query.where('employeeNo', '>', filter.afterEmployeeNo);
  if (filter.q !== undefined) {
    const text = filter.q;
    query = query.where((eb) => eb.or([containsText('name', text), startsWithText('employeeNo', text.toUpperCase())]));
  }
  return query.execute();
}

export const findUserById = (db: Kysely<DB>, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('user').select(userColumns).where('id', '=', id).executeTakeFirst();

export const findUserIdByEmployeeNo = (db: Kysely<DB>, employeeNo: string) =>
  db.selectFrom('user').select('id').where('employeeNo', '=', employeeNo).executeTakeFirst();

export const findUserIdByEmail = (db: Kysely<DB>, email: string) =>
  db.selectFrom('user').select('id').where('email', '=', email).executeTakeFirst();

export const insertUser = (db: Kysely<DB>, user: Insertable<UserTable>) => db.insertInto('user').values(user).execute();

export const updateUser = (db: Kysely<DB>, id: string, patch: Updateable<UserTable>) =>
  db
    .updateTable('user')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

export async function findAreaCodesOfUsers(db: Kysely<DB>, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('technician_area')
    .select(['userId', 'areaCode'])
    .where('userId', 'in', userIds)
    .orderBy('areaCode')
    .execute();
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.areaCode]);
  return byUser;
}

/** In the caller's transaction. */
export async function replaceTechnicianAreas(trx: Kysely<DB>, userId: string, areaCodes: string[]) {
  await trx.deleteFrom('technician_area').where('userId', '=', userId).execute();
  if (areaCodes.length > 0) {
    await trx
      .insertInto('technician_area')
      .values(areaCodes.map((areaCode) => ({ userId, areaCode })))
      .execute();
  }
  await trx
    .updateTable('user')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', userId)
    .execute();
}

/** Active technicians with an operating area among `areaCodes` (a district and its parents). */
export const findTechniciansCovering = (db: Kysely<DB>, areaCodes: string[]) =>
  db
    .selectFrom('user')
    .innerJoin('technician_area', 'technician_area.userId', 'user.id')
    .select(['user.id', 'user.branchId', 'user.name'])
    .distinct()
    .where('technician_area.areaCode', 'in', areaCodes)
    .where('user.role', '=', 'technician')
    .where('user.active', '=', 1)
    .orderBy('user.id')
    .execute();

/** Active supervisors of a branch. */
export const findActiveSupervisors = (db: Kysely<DB>, branchId: string) =>
  db
    .selectFrom('user')
    .select(['id', 'name'])
    .where('role', '=', 'supervisor')
    .where('active', '=', 1)
    .where('branchId', '=', branchId)
    .execute();

/** Active technicians, by id and/or branch. */
export function findActiveTechnicians(db: Kysely<DB>, filter: { ids?: string[]; branchId?: string }) {
  let query = db
    .selectFrom('user')
    .select(['id', 'branchId', 'name', 'employeeNo'])
    .where('role', '=', 'technician')
    .where('active', '=', 1);
  if (filter.ids !== undefined) query = query.where('id', 'in', filter.ids);
  if (filter.branchId !== undefined) query = query.where('branchId', '=', filter.branchId);
  return query.execute();
}

/** Users holding any of these external ids, employee numbers or e-mail addresses (the bulk import's upsert). */
export function findUsersByKeys(
  db: Kysely<DB>,
  keys: { externalIds: readonly string[]; employeeNos: readonly string[]; emails: readonly string[] },
): Promise<UserRow[]> {
  if (keys.externalIds.length + keys.employeeNos.length + keys.emails.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('user')
    .select(userColumns)
    .where((eb) =>
      eb.or([
        ...(keys.externalIds.length > 0 ? [eb('externalId', 'in', keys.externalIds)] : []),
        ...(keys.employeeNos.length > 0 ? [eb('employeeNo', 'in', keys.employeeNos)] : []),
        ...(keys.emails.length > 0 ? [eb('email', 'in', keys.emails)] : []),
      ]),
    )
    .execute();
}
