import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ImportJobTable, ImportRefusalTable, ImportStockLineTable } from '../../db/schema/import-job';
import type { DB } from '../../db/schema/index';

export type ImportJobRow = Selectable<ImportJobTable>;
export type ImportRefusalRow = Selectable<ImportRefusalTable>;
export type ImportStockLineRow = Selectable<ImportStockLineTable>;

export const insertJob = (db: Kysely<DB>, job: Insertable<ImportJobTable>) =>
  db.insertInto('import_job').values(job).execute();

export const findJob = (db: Kysely<DB>, id: string) =>
  db.selectFrom('import_job').selectAll().where('id', '=', id).executeTakeFirst();

/** Newest first, by the time of upload and then id. */
export function findJobs(db: Kysely<DB>, after: { createdAt: string; id: string } | undefined, limit: number) {
  let query = db.selectFrom('import_job').selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit);
  if (after !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('createdAt', '<', after.createdAt),
        eb.and([eb('createdAt', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return query.execute();
}

/** The import of a kind that is queued or running, if any; with no kind, the oldest of any. */
export function findActiveJob(db: Kysely<DB>, kind?: ImportJobRow['kind']) {
  let query = db.selectFrom('import_job').selectAll().where('activeKind', 'is not', null);
  if (kind !== undefined) query = query.where('activeKind', '=', kind);
  return query.orderBy('createdAt').orderBy('id').limit(1).executeTakeFirst();
}

/** Changes the job only if its checkpoint is still `checkpointLine`: a stale holder's batch is refused. */
export async function updateJobAt(
  db: Kysely<DB>,
  id: string,
  checkpointLine: number,
  patch: Updateable<ImportJobTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('import_job')
    .set(patch)
    .where('id', '=', id)
    .where('checkpointLine', '=', checkpointLine)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Rows of one multi-row insert of refused lines: their cells make them wide. */
const refusalChunk = 200;

export async function insertRefusals(db: Kysely<DB>, rows: readonly ImportRefusalRow[]) {
  for (let start = 0; start < rows.length; start += refusalChunk) {
    await db
      .insertInto('import_refusal')
      .values(rows.slice(start, start + refusalChunk))
      .execute();
  }
}

export const findRefusals = (db: Kysely<DB>, importId: string, afterLine: number, limit: number) =>
  db
    .selectFrom('import_refusal')
    .selectAll()
    .where('importId', '=', importId)
    .where('line', '>', afterLine)
    .orderBy('line')
    .limit(limit)
    .execute();

/** Jobs that finished before `before`, oldest first. */
export const findFinishedBefore = (db: Kysely<DB>, before: string, limit: number) =>
  db
    .selectFrom('import_job')
    .select(['id', 'storageName'])
    .where('finishedAt', '<', before)
    .orderBy('finishedAt')
    .limit(limit)
    .execute();

/** The jobs and their refused lines, one job's lines per statement. */
export async function deleteJobs(db: Kysely<DB>, ids: readonly string[]) {
  for (const id of ids) await db.deleteFrom('import_refusal').where('importId', '=', id).execute();
  if (ids.length > 0) await db.deleteFrom('import_job').where('id', 'in', ids).execute();
}

export const findStockLines = (db: Kysely<DB>, externalIds: readonly string[]) =>
  externalIds.length === 0
    ? Promise.resolve([])
    : db.selectFrom('import_stock_line').selectAll().where('externalId', 'in', externalIds).execute();

/** New lines in one statement, changed ones by their `externalId`. */
export async function upsertStockLines(db: Kysely<DB>, lines: readonly { isNew: boolean; line: ImportStockLineRow }[]) {
  const added = lines.filter(({ isNew }) => isNew).map(({ line }) => line);
  if (added.length > 0) await db.insertInto('import_stock_line').values(added).execute();
  for (const { line } of lines.filter(({ isNew }) => !isNew)) {
    await db
      .updateTable('import_stock_line')
      .set({ quantity: line.quantity, updatedAt: line.updatedAt })
      .where('externalId', '=', line.externalId)
      .execute();
  }
}
