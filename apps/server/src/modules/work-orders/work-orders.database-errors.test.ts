import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser, problemOf } from '../../../test/app';

/*
 * Found by `npm run chaos -- --galera`: while the cluster had no primary component for two
 * seconds, intakes were answered 400 (the customer lookup failed with "WSREP has not yet
 * prepared node for application use", and the intake called that "is not a customer"), so
 * the clients gave them up. A table that has gone away stands in for the database error.
 */
describe('an intake when the customer lookup fails in the database', () => {
  it('is an error of the server, not a refusal of the request; the same intake is taken once the database is back', async () => {
    const world = await buildTestApp();
    const { app, database, services } = world;
    const agent = await createUser(world, 'agent');
    const customer = await services.customers.createCustomer({
      name: 'Bapak Basis Data',
      phone: '+6281277770000',
      email: null,
      address: 'Jl. Replikasi No. 3',
      areaCode: '31.74.07',
    });
    const intake = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/work-orders',
        headers: bearer(agent.token),
        payload: { customerId: customer.id, complaint: 'AC tidak dingin', serviceType: 'home_visit' },
      });

    await sql`alter table customer rename to customer_gone`.execute(database.db);
    try {
      const response = await intake();
      expect(response.statusCode).toBe(500);
      expect(problemOf(response).code).toBe('internal_error');
    } finally {
      await sql`alter table customer_gone rename to customer`.execute(database.db);
    }
    expect((await intake()).statusCode).toBe(201);
  });
});
