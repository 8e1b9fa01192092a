import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect } from '../../test/database';
import { migrateDownToEmpty, migrateToLatest } from './migrate';
import { migrations } from './migrations/index';
import type { DB } from './schema/index';

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
      'api_key',
      'area',
      'branch',
      'branch_area',
      'branch_part_limit',
      'customer',
      'customer_message',
      'customer_phone',
      'customer_product',
      'idempotency_record',
      'import_job',
      'import_refusal',
      'import_stock_line',
      'job_lease',
      'login_throttle',
      'message_template',
      'notification',
      'number_sequence',
      'oidc_sign_in',
      'outbox_event',
      'part',
      'part_model',
      'part_request',
      'part_request_line',
      'part_return',
      'part_return_line',
      'product_model',
      'product_ownership_change',
      'push_message',
      'push_subscription',
      'search_token',
      'session',
      'sign_in_challenge',
      'stock_ledger_entry',
      'stock_level',
      'stock_location',
      'survey_response',
      'technician_area',
      'technician_load',
      'technician_part_limit',
      'totp_recovery_code',
      'tracking_link',
      'upload_usage',
      'user',
      'user_totp',
      'webhook',
      'webhook_delivery',
      'webhook_feed',
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

  it("move each customer's phone over as their primary number, and index what is there", async () => {
    const scratch = await createTestDatabase();
    try {
      const db = scratch.db as Kysely<DB>;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const result = await migrator.migrateTo('2026-12-03T1300-delay-repeated-sign-in-failures');
      expect(result.error).toBeUndefined();
      await db
        .insertInto('area')
        .values([
          { code: '31', parentCode: null, level: 'province', name: 'DKI JAKARTA' },
          { code: '31.74', parentCode: '31', level: 'regency', name: 'JAKARTA SELATAN' },
          { code: '31.74.07', parentCode: '31.74', level: 'district', name: 'Kebayoran Baru' },
        ])
        .execute();
      const at = '2026-12-01T03:00:00.000Z';
      const customer = (id: string, phone: string) => ({
        id,
        name: 'Ibu Sari Wulandari',
        phone,
        email: null,
        address: 'Jl. Kemang Raya 21',
        areaCode: '31.74.07',
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      await db
        .insertInto('customer')
        .values([
          customer('01900000-0000-7000-8000-000000000001', '+6281234564417'),
          customer('01900000-0000-7000-8000-000000000002', '+62215550123'),
        ])
        .execute();
      await migrateToLatest(db);
      const phones = await db
        .selectFrom('customer_phone')
        .select(['customerId', 'number', 'label', 'primaryOf'])
        .orderBy('customerId')
        .execute();
      expect(phones).toEqual([
        {
          customerId: '01900000-0000-7000-8000-000000000001',
          number: '+6281234564417',
          label: 'mobile',
          primaryOf: '01900000-0000-7000-8000-000000000001',
        },
        {
          customerId: '01900000-0000-7000-8000-000000000002',
          number: '+62215550123',
          label: 'home',
          primaryOf: '01900000-0000-7000-8000-000000000002',
        },
      ]);
      const tokens = await db.selectFrom('search_token').select('token').where('field', '=', 'phone').execute();
      expect(tokens.map((row) => row.token)).toContain('4417');
    } finally {
      await scratch.dispose();
    }
  });

  it('keep foreign keys enforced', async () => {
    const insertOrphan = sql`insert into technician_area (${sql.ref('userId')}, ${sql.ref('areaCode')}) values ('missing', '31')`;
    await expect(insertOrphan.execute(database.db)).rejects.toThrow();
  });
});
