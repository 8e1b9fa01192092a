import { type Kysely, MysqlAdapter, sql } from 'kysely';
import { reindexSearch } from '../../modules/search/search-reindex';
import type { DB } from '../schema/index';

const id = 'char(36)';

/*
 * A customer has several numbers, one of them primary (still `customer.phone`), and the
 * searches read a token table instead of scanning customers and work orders. Its tokens
 * compare as bytes: the prefix ranges of search-tokens.ts rely on it, and MySQL's default
 * collation would fold case and accents and order punctuation differently.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isMysql = db.getExecutor().adapter instanceof MysqlAdapter;
  await db.schema
    .createTable('customer_phone')
    .addColumn('id', id, (col) => col.primaryKey())
    .addColumn('customerId', id, (col) => col.notNull().references('customer.id'))
    .addColumn('number', 'varchar(20)', (col) => col.notNull())
    .addColumn('label', 'varchar(12)', (col) => col.notNull())
    .addColumn('primaryOf', id)
    .addColumn('position', 'integer', (col) => col.notNull())
    .addUniqueConstraint('customer_phone_number_uq', ['customerId', 'number'])
    .addUniqueConstraint('customer_phone_primary_uq', ['primaryOf'])
    .execute();

  await db.schema
    .createTable('search_token')
    .addColumn('field', 'varchar(10)', (col) => col.notNull())
    .addColumn('token', isMysql ? sql`varchar(40) character set utf8mb4 collate utf8mb4_bin` : 'varchar(40)', (col) =>
      col.notNull(),
    )
    .addColumn('entityId', id, (col) => col.notNull())
    .addPrimaryKeyConstraint('search_token_pk', ['field', 'token', 'entityId'])
    .execute();
  await db.schema
    .createIndex('search_token_entity_idx')
    .on('search_token')
    .columns(['entityId', 'field', 'token'])
    .execute();

  // Every existing number becomes its customer's primary one, labelled by its kind.
  const migrating = db as Kysely<DB>;
  await migrating
    .insertInto('customer_phone')
    .columns(['id', 'customerId', 'number', 'label', 'primaryOf', 'position'])
    .expression((eb) =>
      eb
        .selectFrom('customer')
        .select((select) => [
          'id',
          'id as customerId',
          'phone',
          select.case().when('phone', 'like', '+628%').then(sql.lit('mobile')).else(sql.lit('home')).end().as('label'),
          'id as primaryOf',
          sql.lit(0).as('position'),
        ]),
    )
    .execute();
  // The index of what is there: search-reindex.ts of this version, as `search:reindex` runs it.
  await reindexSearch(migrating);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_token').execute();
  await db.schema.dropTable('customer_phone').execute();
}
