import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { replaceTokens } from './search-index';
import {
  customerFields,
  customerTokens,
  type IndexToken,
  productFields,
  productTokens,
  type SearchField,
  workOrderFields,
  workOrderTokens,
} from './search-tokens';

export interface ReindexProgress {
  kind: 'customers' | 'products' | 'work orders';
  done: number;
}

export interface ReindexResult {
  customers: number;
  products: number;
  workOrders: number;
}

/** Records per transaction: short transactions, so writers are never held up for long. */
const batchSize = 1000;

type Work = (trx: Kysely<DB>) => Promise<void>;

/** Inside a migration's transaction the batches join it; otherwise each is its own. */
const transact = (db: Kysely<DB>, work: Work) => (db.isTransaction ? work(db) : db.transaction().execute(work));

/**
 * Walks one table in id order and replaces each batch's tokens, so the index stays
 * searchable throughout and a run may be interrupted and started again.
 */
async function reindexTable<Row extends { id: string }>(
  db: Kysely<DB>,
  fields: readonly SearchField[],
  readBatch: (afterId: string) => Promise<Row[]>,
  tokensOf: (rows: Row[]) => Promise<(IndexToken & { entityId: string })[]>,
  onBatch: (done: number) => void,
) {
  let afterId = '';
  let done = 0;
  for (;;) {
    const rows = await readBatch(afterId);
    if (rows.length === 0) return done;
    const tokens = await tokensOf(rows);
    await transact(db, (trx) =>
      replaceTokens(
        trx,
        rows.map((row) => row.id),
        fields,
        tokens,
      ),
    );
    done += rows.length;
    afterId = rows.at(-1)?.id ?? afterId;
    onBatch(done);
  }
}

const withEntity = (entityId: string, tokens: IndexToken[]) => tokens.map((token) => ({ ...token, entityId }));

/** Builds the search index afresh from the customers, their phones and products, and the work orders. */
export async function reindexSearch(
  db: Kysely<DB>,
  onProgress: (progress: ReindexProgress) => void = () => {},
): Promise<ReindexResult> {
  const customers = await reindexTable(
    db,
    customerFields,
    // Every column, and the merged customers filtered here rather than in SQL: the migration
    // that created the index runs this before `mergedIntoId` exists (then it is undefined).
    (afterId) =>
      db.selectFrom('customer').selectAll().where('id', '>', afterId).orderBy('id').limit(batchSize).execute(),
    async (batch) => {
      const rows = batch.filter((row) => !row.mergedIntoId);
      if (rows.length === 0) return [];
      const phones = await db
        .selectFrom('customer_phone')
        .select(['customerId', 'number'])
        .where(
          'customerId',
          'in',
          rows.map((row) => row.id),
        )
        .execute();
      const numbers = new Map<string, string[]>();
      for (const phone of phones)
        numbers.set(phone.customerId, [...(numbers.get(phone.customerId) ?? []), phone.number]);
      return rows.flatMap((row) => withEntity(row.id, customerTokens({ ...row, phones: numbers.get(row.id) ?? [] })));
    },
    (done) => onProgress({ kind: 'customers', done }),
  );
  const products = await reindexTable(
    db,
    productFields,
    (afterId) =>
      db
        .selectFrom('customer_product')
        .select(['id', 'serialNumber'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batchSize)
        .execute(),
    async (rows) => rows.flatMap((row) => withEntity(row.id, productTokens(row))),
    (done) => onProgress({ kind: 'products', done }),
  );
  const workOrders = await reindexTable(
    db,
    workOrderFields,
    (afterId) =>
      db
        .selectFrom('work_order')
        .select(['id', 'number', 'complaint'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(batchSize)
        .execute(),
    async (rows) => rows.flatMap((row) => withEntity(row.id, workOrderTokens(row))),
    (done) => onProgress({ kind: 'work orders', done }),
  );
  return { customers, products, workOrders };
}
