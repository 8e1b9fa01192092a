import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createCustomer,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const jakarta = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const admin = await createUser(t, 'admin');
const technician = await createUser(t, 'technician', { branchId: jakarta.id });

const send = (method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, token = agent.token) =>
  app.inject({ method, url, headers: bearer(token), ...(payload === undefined ? {} : { payload }) });
const transfer = (productId: string, payload: Record<string, unknown>, token = agent.token) =>
  send('POST', `/api/v1/products/${productId}/transfer`, payload, token);
const idsOf = (response: { json(): { items: { id: string }[] } }) => response.json().items.map((item) => item.id);

/** A calendar day `days` from today, as a purchase is dated. */
const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('a unit changing owner', () => {
  it('is offered when its serial is registered again: the 409 names the unit and its owner', async () => {
    const owner = await createCustomer(t, { name: 'Ibu Dewi Anggraini' });
    const buyer = await createCustomer(t, { name: 'Bapak Agus Salim' });
    const again = await send('POST', `/api/v1/customers/${buyer.id}/products`, {
      modelCode: owner.product.model.code,
      serialNumber: owner.product.serialNumber.toLowerCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).existingProduct).toEqual({
      id: owner.product.id,
      customerId: owner.id,
      customerName: 'Ibu Dewi Anggraini',
    });
  });

  it('goes to the new owner with its history, and its work orders stay with the unit and the old owner', async () => {
    const owner = await createCustomer(t, { name: 'Ibu Lina Marlina', purchaseDate: daysFromToday(-400) });
    const buyer = await createCustomer(t, { name: 'Mas Bayu Aji' });
    const serial = owner.product.serialNumber;
    const earlier = await createWorkOrder(t, agent, { customerId: owner.id, customerProductId: owner.product.id });

    const moved = await transfer(owner.product.id, { toCustomerId: buyer.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      id: owner.product.id,
      customerId: buyer.id,
      purchaseDate: owner.product.purchaseDate,
      warrantyUntil: owner.product.warrantyUntil,
      ownershipHistory: [
        {
          kind: 'transfer',
          from: { id: owner.id, name: 'Ibu Lina Marlina' },
          to: { id: buyer.id, name: 'Mas Bayu Aji' },
          by: { id: agent.id, name: agent.name },
        },
      ],
    });
    const buyerRead = (await send('GET', `/api/v1/customers/${buyer.id}`)).json();
    expect(buyerRead.products.map((p: { id: string }) => p.id)).toContain(owner.product.id);
    expect((await send('GET', `/api/v1/customers/${owner.id}`)).json().products).toEqual([]);

    const old = (await send('GET', `/api/v1/work-orders/${earlier.id}`)).json();
    expect(old.customer.id).toBe(owner.id);
    expect(old.product.id).toBe(owner.product.id);
    const next = await createWorkOrder(t, agent, { customerId: buyer.id, customerProductId: owner.product.id });
    expect(idsOf(await send('GET', `/api/v1/work-orders?q=${serial}`))).toEqual([next.id, earlier.id]);
    expect(idsOf(await send('GET', `/api/v1/customers?q=${serial}`))).toEqual([buyer.id]);
    const refused = await createWorkOrder(t, agent, {
      customerId: owner.id,
      customerProductId: owner.product.id,
    }).catch((error: Error) => error.message);
    expect(refused).toContain('400');
  });

  it('takes new dates when given, keeps them when left out, and refuses impossible ones', async () => {
    const owner = await createCustomer(t, { purchaseDate: daysFromToday(-100) });
    const buyer = await createCustomer(t);
    const future = await transfer(owner.product.id, { toCustomerId: buyer.id, purchaseDate: daysFromToday(3) });
    expect(problemOf(future).errors?.[0]?.path).toBe('body.purchaseDate');
    const backwards = await transfer(owner.product.id, { toCustomerId: buyer.id, warrantyUntil: daysFromToday(-200) });
    expect(problemOf(backwards).errors?.[0]?.path).toBe('body.warrantyUntil');
    const dated = await transfer(owner.product.id, {
      toCustomerId: buyer.id,
      purchaseDate: daysFromToday(-10),
      warrantyUntil: null,
    });
    expect(dated.json()).toMatchObject({ purchaseDate: daysFromToday(-10), warrantyUntil: null });
    const back = await transfer(owner.product.id, { toCustomerId: owner.id });
    expect(back.json()).toMatchObject({ customerId: owner.id, purchaseDate: daysFromToday(-10) });
    expect(back.json().ownershipHistory.map((c: { to: { id: string } }) => c.to.id)).toEqual([buyer.id, owner.id]);
  });

  it('is refused for an unknown unit or customer, the owner itself, a merged customer, and a technician', async () => {
    const owner = await createCustomer(t);
    const buyer = await createCustomer(t);
    const merged = await createCustomer(t);
    const unknown = '0190f000-0000-7000-8000-000000000000';
    expect((await transfer(unknown, { toCustomerId: buyer.id })).statusCode).toBe(404);
    const nobody = await transfer(owner.product.id, { toCustomerId: unknown });
    expect(nobody.statusCode).toBe(400);
    expect(problemOf(nobody).errors?.[0]?.path).toBe('body.toCustomerId');
    const same = await transfer(owner.product.id, { toCustomerId: owner.id });
    expect(problemOf(same).errors?.[0]).toEqual({ path: 'body.toCustomerId', message: 'already owns this unit' });
    expect((await transfer(owner.product.id, { toCustomerId: buyer.id, owner: 'x' })).statusCode).toBe(400);
    expect((await transfer(owner.product.id, { toCustomerId: buyer.id }, technician.token)).statusCode).toBe(403);
    await send('POST', `/api/v1/customers/${buyer.id}/merge`, { duplicateId: merged.id }, admin.token);
    const intoMerged = await transfer(owner.product.id, { toCustomerId: merged.id });
    expect(intoMerged.statusCode).toBe(400);
    expect(problemOf(intoMerged).mergedIntoId).toBe(buyer.id);
    expect((await send('GET', `/api/v1/customers/${owner.id}`)).json().products[0].ownershipHistory).toEqual([]);
  });
});
