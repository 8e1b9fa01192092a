import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createCustomer, createUser, createWorkOrder, problemOf } from '../../../test/app';

/*
 * A merge writes the survivor, the duplicate, their numbers, the search index, the units
 * and their ownership history, then the work orders and their history. A history table
 * that has gone away makes the last of those writes fail: nothing of the others may stay.
 */
describe('a merge that fails halfway', () => {
  it('changes nothing, and the same merge succeeds once the database is back', async () => {
    const world = await buildTestApp();
    const { app, database } = world;
    const admin = await createUser(world, 'admin');
    const agent = await createUser(world, 'agent');
    const survivor = await createCustomer(world, { name: 'Ibu Ratih Kusuma' });
    const duplicate = await createCustomer(world, { name: 'Ratih Handayani' });
    const order = await createWorkOrder(world, agent, { customerId: duplicate.id });
    const read = (id: string) => app.inject({ url: `/api/v1/customers/${id}`, headers: bearer(agent.token) });
    const search = async (q: string) =>
      (await app.inject({ url: `/api/v1/customers?q=${q}`, headers: bearer(agent.token) }))
        .json<{ items: { id: string }[] }>()
        .items.map((item) => item.id);
    const merge = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/customers/${survivor.id}/merge`,
        headers: bearer(admin.token),
        payload: { duplicateId: duplicate.id },
      });
    const before = { survivor: (await read(survivor.id)).json(), duplicate: (await read(duplicate.id)).json() };

    await sql`alter table work_order_history rename to work_order_history_gone`.execute(database.db);
    try {
      const response = await merge();
      expect(response.statusCode).toBe(500);
      expect(problemOf(response).code).toBe('internal_error');
    } finally {
      await sql`alter table work_order_history_gone rename to work_order_history`.execute(database.db);
    }
    expect((await read(survivor.id)).json()).toEqual(before.survivor);
    expect((await read(duplicate.id)).json()).toEqual(before.duplicate);
    expect(await search('handayani')).toEqual([duplicate.id]);
    const changes = await database.db.selectFrom('product_ownership_change').select('id').execute();
    expect(changes).toEqual([]);
    const detail = await app.inject({ url: `/api/v1/work-orders/${order.id}`, headers: bearer(agent.token) });
    expect(detail.json().customer.id).toBe(duplicate.id);

    expect((await merge()).statusCode).toBe(200);
    expect((await read(duplicate.id)).statusCode).toBe(404);
    expect(await search('handayani')).toEqual([]);
  });
});
