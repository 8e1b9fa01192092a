import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createProductModel, createUser, problemOf } from '../../../test/app';
import { addMonths } from './customers.service';

const t = await buildTestApp();
const { app } = t;
const agent = await createUser(t, 'agent');
const branch = await createBranch(t, ['31']);
const technician = await createUser(t, 'technician', { branchId: branch.id });
const model = await createProductModel(t, 12);

const post = (url: string, payload: Record<string, unknown>, token = agent.token) =>
  app.inject({ method: 'POST', url, headers: bearer(token), payload });
const get = (url: string, token = agent.token) => app.inject({ method: 'GET', url, headers: bearer(token) });

const customerBody = (overrides: Record<string, unknown> = {}) => ({
  name: 'Bapak Hendro Wibowo',
  phone: '0812-7788-9900',
  address: 'Jl. Kemang Raya No. 21, RT 04/RW 02',
  areaCode: '31.74.07',
  ...overrides,
});

describe('customers', () => {
  it('creates a customer with the phone in E.164 and the area named', async () => {
    const response = await post('/api/v1/customers', customerBody());
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: 'Bapak Hendro Wibowo',
      phone: '+6281277889900',
      areaCode: '31.74.07',
      areaName: 'Kebayoran Baru, KOTA ADMINISTRASI JAKARTA SELATAN, DKI JAKARTA',
      products: [],
      version: 1,
    });
  });

  it('finds the same customer by any notation of the phone, by name, and by serial number', async () => {
    const customer = (
      await post('/api/v1/customers', customerBody({ name: 'Ibu Ratna Sari', phone: '+62 811 2233 4455' }))
    ).json();
    await post(`/api/v1/customers/${customer.id}/products`, { modelCode: model.code, serialNumber: 'ab-2611-xyz' });
    for (const q of [
      '081122334455',
      '+6281122334455',
      '6281122334455',
      '0811 2233 4455',
      'ratna',
      'AB-2611-XYZ',
      'ab-2611-xyz',
    ]) {
      const ids = (await get(`/api/v1/customers?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((c: { id: string }) => c.id);
      expect(ids, q).toEqual([customer.id]);
    }
  });

  it("registers a product whose warranty runs from the purchase date for the model's months", async () => {
    const customer = (await post('/api/v1/customers', customerBody({ phone: '081300000001' }))).json();
    const product = await post(`/api/v1/customers/${customer.id}/products`, {
      modelCode: model.code,
      serialNumber: 'SN-0001',
      purchaseDate: '2026-01-31',
    });
    expect(product.statusCode).toBe(201);
    expect(product.json()).toMatchObject({
      serialNumber: 'SN-0001',
      purchaseDate: '2026-01-31',
      warrantyUntil: '2027-01-31',
    });
    expect((await get(`/api/v1/customers/${customer.id}`)).json().products).toHaveLength(1);
  });

  it('refuses a serial number already registered for the model, whatever its case', async () => {
    const customer = (await post('/api/v1/customers', customerBody({ phone: '081300000002' }))).json();
    await post(`/api/v1/customers/${customer.id}/products`, { modelCode: model.code, serialNumber: 'dup-77' });
    const again = await post(`/api/v1/customers/${customer.id}/products`, {
      modelCode: model.code,
      serialNumber: 'DUP-77',
    });
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).errors?.[0]?.path).toBe('body.serialNumber');
  });

  it('refuses bad input with field paths and stores nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [customerBody({ phone: '12345' }), 'body.phone'],
      [customerBody({ areaCode: '31.74' }), 'body.areaCode'],
      [customerBody({ areaCode: '31.74.99' }), 'body.areaCode'],
      [customerBody({ name: 'x'.repeat(121) }), 'body.name'],
      [customerBody({ name: ' A ' }), 'body.name'],
      [customerBody({ address: 'Jl. Sudirman\u0000' }), 'body.address'],
      [customerBody({ email: 'not-mail' }), 'body.email'],
    ];
    for (const [body, path] of cases) {
      const response = await post('/api/v1/customers', body);
      expect(response.statusCode, path).toBe(400);
      expect(problemOf(response).errors?.map((e) => e.path)).toContain(path);
    }
    expect((await get('/api/v1/customers?q=Sudirman')).json().items).toEqual([]);
    const customer = (await post('/api/v1/customers', customerBody({ phone: '081300000003' }))).json();
    const unknownModel = await post(`/api/v1/customers/${customer.id}/products`, {
      modelCode: 'NOPE',
      serialNumber: 'X-1',
    });
    expect(problemOf(unknownModel).errors?.[0]?.path).toBe('body.modelCode');
    const backwards = await post(`/api/v1/customers/${customer.id}/products`, {
      modelCode: model.code,
      serialNumber: 'X-2',
      purchaseDate: '2026-05-01',
      warrantyUntil: '2026-04-01',
    });
    expect(problemOf(backwards).errors?.[0]?.path).toBe('body.warrantyUntil');
    // A purchase in the year 9999 would put the warranty's end in the year 10000, past any date.
    const future = await post(`/api/v1/customers/${customer.id}/products`, {
      modelCode: model.code,
      serialNumber: 'X-4',
      purchaseDate: '9999-12-31',
    });
    expect(future.statusCode).toBe(400);
    expect(problemOf(future).errors?.[0]?.path).toBe('body.purchaseDate');
    expect((await get(`/api/v1/customers/${customer.id}`)).json().products).toEqual([]);
    const missing = await post('/api/v1/customers/01933b4c-0000-7000-8000-000000000000/products', {
      modelCode: model.code,
      serialNumber: 'X-3',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('guards edits with the version: a stale one is 409 and changes nothing', async () => {
    const customer = (await post('/api/v1/customers', customerBody({ phone: '081300000004' }))).json();
    const patch = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/customers/${customer.id}`,
        headers: { ...bearer(agent.token), ...headers },
        payload,
      });
    const first = await patch({ address: 'Jl. Baru No. 1' }, { 'if-match': '1' });
    expect(first.json()).toMatchObject({ address: 'Jl. Baru No. 1', version: 2 });
    const stale = await patch({ address: 'Jl. Lama No. 9', version: 1 });
    expect(problemOf(stale).code).toBe('version_conflict');
    expect((await get(`/api/v1/customers/${customer.id}`)).json().address).toBe('Jl. Baru No. 1');
    expect((await patch({ name: 'X' }, { 'if-match': 'abc' })).statusCode).toBe(400);
  });

  it('is office work: technicians and warehouse staff get 403', async () => {
    const warehouse = await createUser(t, 'warehouse', { branchId: branch.id });
    expect((await get('/api/v1/customers', warehouse.token)).statusCode).toBe(403);
    expect((await get('/api/v1/customers', technician.token)).statusCode).toBe(403);
    expect((await post('/api/v1/customers', customerBody(), technician.token)).statusCode).toBe(403);
  });
});

describe('product models', () => {
  it('lists the catalog by category and text, and only admins add to it', async () => {
    const admin = await createUser(t, 'admin');
    const created = await post(
      '/api/v1/product-models',
      { code: 'TV-LED-43', brand: 'Layar', name: 'LED TV 43 inci', category: 'tv', warrantyMonths: 24 },
      admin.token,
    );
    expect(created.statusCode).toBe(201);
    expect((await get('/api/v1/product-models?category=tv')).json().items.map((m: { code: string }) => m.code)).toEqual(
      ['TV-LED-43'],
    );
    expect((await get('/api/v1/product-models?q=43%20inci')).json().items).toHaveLength(1);
    const byAgent = await post('/api/v1/product-models', {
      code: 'X',
      brand: 'x',
      name: 'x',
      category: 'tv',
      warrantyMonths: 1,
    });
    expect(byAgent.statusCode).toBe(403);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-11-28', 12, '2027-11-28'],
    ['2026-03-15', 24, '2028-03-15'],
    ['0099-06-15', 12, '0100-06-15'],
    ['0000-01-31', 1, '0000-02-29'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});
