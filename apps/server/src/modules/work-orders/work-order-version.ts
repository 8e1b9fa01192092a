import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderTable } from '../../db/schema/work-order';
import { AppError } from '../../errors';
import * as repo from './work-orders.repository';

export const versionConflict = (current: number) =>
  new AppError('version_conflict', `The work order was changed by someone else; it is now at version ${current}`);

/** The version the caller expects (`If-Match`, else the body's), checked before any work is done. */
export function checkExpectedVersion(row: { version: number }, ifMatch: number | undefined, bodyVersion?: number) {
  const expected = ifMatch ?? bodyVersion;
  if (expected !== undefined && expected !== row.version) throw versionConflict(row.version);
}

/** Writes the change only if nobody changed the work order since `row` was read; a 409 otherwise. */
export async function updateAtVersion(
  trx: Kysely<DB>,
  row: { id: string; version: number },
  patch: Updateable<WorkOrderTable>,
) {
  if (!(await repo.updateWorkOrderIfVersion(trx, row.id, row.version, patch))) throw versionConflict(row.version + 1);
}
