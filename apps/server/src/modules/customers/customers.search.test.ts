import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createProductModel, createUser, problemOf } from '../../../test/app';
import { reindexSearch } from '../search/search-reindex';

const t = await buildTestApp();
const { app } = t;
const agent = await createUser(t, 'agent');
const model = await createProductModel(t);

const get = (url: string) => app.inject({ method: 'GET', url, headers: bearer(agent.token) });
const search = async (q: string, limit = 50) => {
  const response = await get(`/api/v1/customers?q=${encodeURIComponent(q)}&limit=${limit}`);
  expect(response.statusCode, `${q}: ${response.body}`).toBe(200);
  return response.json<{
    items: { id: string; name: string; matchedBy: { field: string; value: string } }[];
    nextCursor: string | null;
  }>();
};
const idsFor = async (q: string) => (await search(q)).items.map((item) => item.id);

async function customer(name: string, phones: { number: string; label?: string }[], address = 'Jl. Melati No. 3') {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/customers',
    headers: bearer(agent.token),
    payload: { name, phones, address, areaCode: '31.74.07' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; version: number }>();
}

const product = (customerId: string, serialNumber: string) =>
  t.services.customers.addProduct(customerId, { modelCode: model.code, serialNumber });

const sari = await customer(
  'Ibu Sari Wulandari',
  [
    { number: '0812-9100-2233', label: 'mobile' },
    { number: '0857-9100-4417', label: 'family' },
  ],
  'Jl. Kemang Raya No. 21, RT 04/RW 02',
);
const desiree = await customer('Désirée Hartono', [{ number: '(021) 9100 771' }]);
const serialOwner = await customer('Pak Joko Susilo', [{ number: '0813 9100 0001' }]);
await product(serialOwner.id, 'WULAN');
await product(serialOwner.id, 'AC9100X55');
const wulanStreet = await customer('Pak Bambang', [{ number: '0813 9100 0002' }], 'Jl. Wulan Indah No. 5');
const namesake = await customer('Wulan Sari', [{ number: '0813 9100 0003' }]);

describe('customer search', () => {
  it.each([
    ['4417', 'the last digits of a second number'],
    ['9100-4417', 'its last digits as written'],
    ['79100441', 'digits in the middle'],
    ['0857 9100 4417', 'the whole number, national'],
    ['+62 857-9100-4417', 'the whole number, international'],
    ['6285791004417', 'the whole number without +'],
    ['0857', 'the start with the trunk 0'],
  ])('finds a customer by %s (%s), saying which number matched', async (q) => {
    const { items } = await search(q);
    const found = items.find((item) => item.id === sari.id);
    expect(found?.matchedBy).toEqual({ field: 'phone', value: '+6285791004417' });
  });

  it('finds by the start of any word of the name, case and accents ignored', async () => {
    expect(await idsFor('wulandari')).toEqual([sari.id]);
    expect(await idsFor('SARI')).toEqual(expect.arrayContaining([sari.id, namesake.id]));
    expect(await idsFor('desiree')).toEqual([desiree.id]);
    expect(await idsFor('hart')).toEqual([desiree.id]);
    expect(await idsFor('ibu sari')).toEqual([sari.id]);
    expect(await idsFor('landari')).toEqual([]);
  });

  it('finds by serial number, exact or its start, and by street words of the address', async () => {
    expect((await search('ac9100x55')).items).toEqual([
      expect.objectContaining({ id: serialOwner.id, matchedBy: { field: 'serial', value: 'AC9100X55' } }),
    ]);
    expect(await idsFor('AC9100')).toEqual([serialOwner.id]);
    expect((await search('kemang')).items).toEqual([
      expect.objectContaining({
        id: sari.id,
        matchedBy: { field: 'address', value: 'Jl. Kemang Raya No. 21, RT 04/RW 02' },
      }),
    ]);
  });

  it('finds by the number of a work order', async () => {
    const branch = await t.services.branches.createBranch({
      code: 'SRCH',
      name: 'Cabang Cari',
      address: 'Jl. Uji 1',
      timeZone: 'Asia/Jakarta',
      areaCodes: ['31'],
      autoAssign: false,
    });
    expect(branch.id).toBeTruthy();
    const order = await app.inject({
      method: 'POST',
      url: '/api/v1/work-orders',
      headers: bearer(agent.token),
      payload: { customerId: desiree.id, complaint: 'TV mati total', serviceType: 'carry_in' },
    });
    const number: string = order.json().number;
    expect((await search(number)).items).toEqual([
      expect.objectContaining({ id: desiree.id, matchedBy: { field: 'workOrder', value: number } }),
    ]);
    expect(await idsFor(number.slice(0, -2))).toContain(desiree.id);
  });

  it('ranks an exact serial first, then names, then addresses', async () => {
    const { items } = await search('wulan');
    expect(items.map((item) => [item.id, item.matchedBy.field])).toEqual([
      [serialOwner.id, 'serial'],
      [namesake.id, 'name'],
      [sari.id, 'name'],
      [wulanStreet.id, 'address'],
    ]);
  });

  it('pages through the ranked results with the cursor, each customer once', async () => {
    const all = await idsFor('wulan');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '' : `&cursor=${cursor}`;
      const page = await get(`/api/v1/customers?q=wulan&limit=1${query}`);
      expect(page.statusCode).toBe(200);
      seen.push(...page.json().items.map((item: { id: string }) => item.id));
      cursor = page.json().nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(all);
  });

  it('keeps the index in step with every change of a name or a number', async () => {
    const changing = await customer('Ibu Ratmini', [{ number: '0813 9100 5678' }]);
    const updated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/customers/${changing.id}`,
      headers: bearer(agent.token),
      payload: { name: 'Ibu Ratnasari', phones: [{ number: '0813 9100 8765' }] },
    });
    expect(updated.statusCode).toBe(200);
    expect(await idsFor('ratmini')).toEqual([]);
    expect(await idsFor('91005678')).toEqual([]);
    expect(await idsFor('ratnasari')).toEqual([changing.id]);
    expect(await idsFor('91008765')).toEqual([changing.id]);
  });

  it('is rebuilt by the reindex as it was', async () => {
    const before = await search('wulan');
    await t.database.db.deleteFrom('search_token').execute();
    expect(await idsFor('wulan')).toEqual([]);
    const result = await reindexSearch(t.database.db);
    expect(result.customers).toBeGreaterThanOrEqual(6);
    expect(await search('wulan')).toEqual(before);
  });
});

describe('customer search input', () => {
  it.each([
    ['s', 'needs at least 2 characters'],
    [' s ', 'needs at least 2 characters'],
    ['081', 'needs at least 4 digits of a phone number'],
    ['+62 8', 'needs at least 4 digits of a phone number'],
  ])('refuses %j with a 400 saying what is needed', async (q, message) => {
    const response = await get(`/api/v1/customers?q=${encodeURIComponent(q)}`);
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([{ path: 'query.q', message }]);
  });

  it.each(['%%', '__', '%ari', 'S_ri', "'; drop table customer; --", '""', '😀😀', '\u200f\u200f'])(
    'takes %j literally: no wildcard, nothing broken',
    async (q) => {
      expect(await idsFor(q)).toEqual([]);
      expect(await idsFor('wulandari')).toEqual([sari.id]);
    },
  );

  it('reads around direction marks and quotes inside a word list', async () => {
    expect(await idsFor('\u200fwulandari\u200f')).toEqual([sari.id]);
    expect(await idsFor('"sari" wulandari')).toEqual([sari.id]);
  });
});
