import { describe, expect, it } from 'vitest';
import {
  bearer,
  buildTestApp,
  createBranch,
  createProductModel,
  createUser,
  createWorkOrder,
  problemOf,
} from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const branch = await createBranch(t, ['31']);
const agent = await createUser(t, 'agent');
const technician = await createUser(t, 'technician', { branchId: branch.id });
const model = await createProductModel(t);

const search = async (q: string, extra = '', token = agent.token) => {
  const url = `/api/v1/work-orders?q=${encodeURIComponent(q)}${extra}`;
  const response = await app.inject({ method: 'GET', url, headers: bearer(token) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: string; matchedBy: { field: string; value: string } }[] }>().items;
};
const idsFor = async (q: string, extra = '') => (await search(q, extra)).map((item) => item.id);

const customer = await t.services.customers.createCustomer({
  name: 'Bapak Hendro Wibowo',
  phones: [
    { number: '+6281292001111', label: 'mobile', isPrimary: true },
    { number: '+6287892004417', label: 'whatsapp', isPrimary: false },
  ],
  address: 'Jl. Kemang Raya No. 21',
  areaCode: '31.74.07',
});
const unit = await t.services.customers.addProduct(customer.id, { modelCode: model.code, serialNumber: 'KLR-9200-77' });
const first = await createWorkOrder(t, agent, {
  customerId: customer.id,
  customerProductId: unit.id,
  complaint: 'Kulkas berisik dan bocor',
});
const second = await createWorkOrder(t, agent, { customerId: customer.id, complaint: 'Mesin cuci tidak berputar' });

describe('work-order search', () => {
  it('finds by number, exact first, or by its start', async () => {
    expect(await search(first.number)).toEqual([
      expect.objectContaining({ id: first.id, matchedBy: { field: 'number', value: first.number } }),
    ]);
    expect(await idsFor(first.number.slice(0, 9))).toEqual(expect.arrayContaining([first.id, second.id]));
  });

  it("finds by any run of the customer's phone digits, newest first, naming the number", async () => {
    const items = await search('4417');
    expect(items.map((item) => item.id)).toEqual([second.id, first.id]);
    expect(items[0]?.matchedBy).toEqual({ field: 'phone', value: '+6287892004417' });
  });

  it("finds by the customer's name, the serial number and complaint words", async () => {
    expect(await idsFor('hendro')).toEqual([second.id, first.id]);
    expect((await search('klr-9200')).map((item) => [item.id, item.matchedBy.field])).toEqual([[first.id, 'serial']]);
    expect((await search('bocor')).map((item) => [item.id, item.matchedBy])).toEqual([
      [first.id, { field: 'complaint', value: 'Kulkas berisik dan bocor' }],
    ]);
  });

  it('keeps the complaint words in step with an edit', async () => {
    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/work-orders/${second.id}`,
      headers: bearer(agent.token),
      payload: { complaint: 'Mesin cuci bergetar keras' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await idsFor('berputar')).toEqual([]);
    expect(await idsFor('bergetar')).toEqual([second.id]);
  });

  it("applies the list's filters and the caller's scope", async () => {
    expect(await idsFor('hendro', '&status=assigned')).toEqual([]);
    expect(await idsFor('hendro', `&status=new&branchId=${branch.id}`)).toEqual([second.id, first.id]);
    expect(await search('hendro', '', technician.token)).toEqual([]);
  });

  it('refuses a search too short to mean anything, and takes wildcards literally', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/work-orders?q=44', headers: bearer(agent.token) });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([
      { path: 'query.q', message: 'needs at least 4 digits of a phone number' },
    ]);
    expect(await idsFor('%%')).toEqual([]);
    expect(await idsFor('_endro')).toEqual([]);
  });
});
