import { sql } from 'kysely';
import { createConnection } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createCustomer, createUser, createWorkOrder } from '../../test/app';
import { testDialect } from '../../test/database';
import { isRetryableTransactionError, withRetries } from './retry';

const deadlock = () => Object.assign(new Error('Deadlock found when trying to get lock'), { errno: 1213 });
const quick = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

describe('the retry policy', () => {
  it('runs the work again after a deadlock or a lock wait timeout, and not after anything else', () => {
    expect(isRetryableTransactionError(deadlock())).toBe(true);
    expect(isRetryableTransactionError({ errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' })).toBe(true);
    expect(isRetryableTransactionError({ errno: 1062, code: 'ER_DUP_ENTRY' })).toBe(false);
    expect(isRetryableTransactionError(new Error('no'))).toBe(false);
  });

  it('succeeds on a later run, and gives up with the last error once the runs are spent', async () => {
    let runs = 0;
    const flaky = () => {
      runs += 1;
      return runs < 3 ? Promise.reject(deadlock()) : Promise.resolve('done');
    };
    await expect(withRetries(flaky, isRetryableTransactionError, quick)).resolves.toBe('done');
    expect(runs).toBe(3);

    runs = 0;
    const stuck = () => {
      runs += 1;
      return Promise.reject(deadlock());
    };
    await expect(withRetries(stuck, isRetryableTransactionError, quick)).rejects.toMatchObject({ errno: 1213 });
    expect(runs).toBe(4);

    runs = 0;
    const refused = () => {
      runs += 1;
      return Promise.reject(new Error('refused'));
    };
    await expect(withRetries(refused, isRetryableTransactionError, quick)).rejects.toThrow('refused');
    expect(runs).toBe(1);
  });
});

describe.runIf(testDialect === 'mysql')('transactions that MariaDB aborts', async () => {
  // A one-second lock wait, so that a row held by another connection costs a run quickly.
  const t = await buildTestApp({ lockWaitTimeoutSeconds: 1 });
  const branch = await createBranch(t, ['31']);
  const agent = await createUser(t, 'agent');
  const supervisor = await createUser(t, 'supervisor', { branchId: branch.id });
  const technician = await createUser(t, 'technician', { branchId: branch.id });
  const customer = await createCustomer(t, { areaCode: '31.74.07' });

  /** Another connection holding the work order's row lock for `ms`, as a slow transaction would. */
  async function holdRowLock(workOrderId: string, ms: number) {
    const other = await createConnection(t.database.url);
    await other.beginTransaction();
    await other.query('select id from work_order where id = ? for update', [workOrderId]);
    return {
      released: new Promise<void>((resolve) =>
        setTimeout(() => {
          void other.commit().then(() => other.end().then(resolve));
        }, ms),
      ),
    };
  }

  const assign = (id: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/work-orders/${id}/transitions`,
      headers: { ...bearer(supervisor.token), ...headers },
      payload: { action: 'assign', technicianId: technician.id },
    });

  const historyOf = (id: string) =>
    t.database.db.selectFrom('work_order_history').select('action').where('workOrderId', '=', id).execute();

  it('runs a service transaction again after a lock wait timeout, so the caller gets its answer', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const lock = await holdRowLock(order.id, 1500);
    const response = await assign(order.id);
    await lock.released;
    expect(response.statusCode).toBe(200);
    expect((await historyOf(order.id)).filter((h) => h.action === 'assign')).toHaveLength(1);
  });

  it('runs a keyed request again from its claim, and stores one answer', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const lock = await holdRowLock(order.id, 1500);
    const response = await assign(order.id, { 'idempotency-key': `assign-${order.id}` });
    await lock.released;
    expect(response.statusCode).toBe(200);
    const replayed = await assign(order.id, { 'idempotency-key': `assign-${order.id}` });
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(response.json());
    expect((await historyOf(order.id)).filter((h) => h.action === 'assign')).toHaveLength(1);
  });

  it('answers 503 with Retry-After once the retries are spent, keeps nothing, and the retry then succeeds', async () => {
    const order = await createWorkOrder(t, agent, { customerId: customer.id });
    const lock = await holdRowLock(order.id, 7000);
    const key = { 'idempotency-key': `held-${order.id}` };
    const refused = await assign(order.id, key);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json()).toMatchObject({ code: 'service_unavailable' });
    await lock.released;
    expect((await historyOf(order.id)).filter((h) => h.action === 'assign')).toEqual([]);
    expect((await assign(order.id, key)).statusCode).toBe(200);
  }, 30_000);

  it('runs a transaction again that InnoDB chose as the victim of a deadlock', async () => {
    await sql`create table deadlock_probe (id int primary key, n int not null)`.execute(t.database.db);
    await sql`insert into deadlock_probe values (1, 0), (2, 0)`.execute(t.database.db);
    const other = await createConnection(t.database.url);
    await other.query('create table deadlock_ballast (id int primary key)');
    await other.beginTransaction();
    await other.query('update deadlock_probe set n = n + 10 where id = 2');
    // Heavier than ours, so InnoDB rolls back ours to break the cycle.
    await other.query(
      `insert into deadlock_ballast values ${Array.from({ length: 50 }, (_, i) => `(${i})`).join(',')}`,
    );

    let runs = 0;
    let holdsFirstRow: () => void = () => {};
    const firstRowHeld = new Promise<void>((resolve) => {
      holdsFirstRow = resolve;
    });
    const ours = t.database.db.transaction().execute(async (trx) => {
      runs += 1;
      await sql`update deadlock_probe set n = n + 1 where id = 1`.execute(trx);
      holdsFirstRow();
      await sql`update deadlock_probe set n = n + 1 where id = 2`.execute(trx);
    });
    await firstRowHeld;
    await other.query('update deadlock_probe set n = n + 10 where id = 1');
    await other.commit();
    await other.end();
    await ours;

    expect(runs).toBe(2);
    const rows = await sql<{ id: number; n: number }>`select id, n from deadlock_probe order by id`.execute(
      t.database.db,
    );
    expect(rows.rows).toEqual([
      { id: 1, n: 11 },
      { id: 2, n: 11 },
    ]);
  });
});
