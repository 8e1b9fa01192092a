import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect } from '../../test/database';
import { migrateDownToEmpty, migrateToLatest } from './migrate';
import { migrations } from './migrations/index';

const database = await createTestDatabase();
afterAll(() => database.dispose());

async function tableNames(): Promise<string[]> {
  const tables = await database.db.introspection.getTables();
  return tables
    .map((table) => table.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

describe(`migrations on ${testDialect}`, () => {
  it('run from empty to latest, down to empty, and up again', async () => {
    expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
    expect(await tableNames()).toEqual([
      'area',
      'branch',
      'branch_area',
      'branch_part_limit',
      'customer',
      'customer_message',
      'customer_product',
      'idempotency_record',
      'job_lease',
      'login_throttle',
      'notification',
      'number_sequence',
      'outbox_event',
      'part',
      'part_model',
      'part_request',
      'part_request_line',
      'part_return',
      'part_return_line',
      'product_model',
      'session',
      'stock_ledger_entry',
      'stock_level',
      'stock_location',
      'survey_response',
      'technician_area',
      'technician_load',
      'technician_part_limit',
      'tracking_link',
      'upload_usage',
      'user',
      'work_order',
      'work_order_approval',
      'work_order_attachment',
      'work_order_charge',
      'work_order_history',
      'work_order_overpayment',
      'work_order_part',
      'work_order_payment',
      'work_order_refund',
    ]);
    expect(await migrateToLatest(database.db)).toEqual([]);

    await migrateDownToEmpty(database.db);
    expect(await tableNames()).toEqual([]);

    await migrateToLatest(database.db);
    expect(await tableNames()).toContain('user');
    // Three full passes of DDL: on MariaDB under a busy CI machine, longer than the usual 20 s.
  }, 120_000);

  it('name migrations so that text order is the order they run in', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
    for (const name of names) expect(name).toMatch(/^\d{4}-\d{2}-\d{2}T\d{4}-[a-z0-9-]+$/);
  });

  it('keep foreign keys enforced', async () => {
    const insertOrphan = sql`insert into technician_area (${sql.ref('userId')}, ${sql.ref('areaCode')}) values ('missing', '31')`;
    await expect(insertOrphan.execute(database.db)).rejects.toThrow();
  });
});
