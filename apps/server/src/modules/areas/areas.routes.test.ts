import { getDistricts, getProvinces, getRegencies } from 'idn-area-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser, problemOf } from '../../../test/app';

const t = await buildTestApp({ withAreas: false });
const { app, services } = t;
const user = await createUser(t, 'agent');

describe('areas import', () => {
  it("imports every province, regency and district of the package's data, and a second run changes nothing", async () => {
    const [provinces, regencies, districts] = await Promise.all([getProvinces(), getRegencies(), getDistricts()]);
    const first = await services.areas.importAreas();
    expect(first.counts).toEqual({ province: 38, regency: 514, district: 7277 });
    expect(first.counts).toEqual({ province: provinces.length, regency: regencies.length, district: districts.length });
    expect(first.inserted).toBe(38 + 514 + 7277);

    const second = await services.areas.importAreas();
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: 38 + 514 + 7277, counts: first.counts });
  });
});

describe('GET /api/v1/areas', () => {
  // Idempotent, so these tests also run on their own (`-t`), after or without the import test.
  beforeAll(() => services.areas.importAreas());
  const get = (query: string) =>
    app.inject({ method: 'GET', url: `/api/v1/areas${query}`, headers: bearer(user.token) });

  it('lists the provinces without a parent, in code order', async () => {
    const { items, nextCursor } = (await get('')).json();
    expect(items).toHaveLength(38);
    expect(items[0]).toEqual({ code: '11', name: 'ACEH', level: 'province', parentCode: null });
    expect(nextCursor).toBeNull();
  });

  it('lists the children of a regency', async () => {
    const { items } = (await get('?parent=31.74')).json();
    expect(items).toHaveLength(10);
    expect(items.map((a: { name: string }) => a.name)).toContain('Kebayoran Baru');
    expect(
      items.every((a: { level: string; parentCode: string }) => a.level === 'district' && a.parentCode === '31.74'),
    ).toBe(true);
  });

  it('searches by name, case-insensitively, and pages with a cursor', async () => {
    const { items } = (await get('?q=kebayoran')).json();
    expect(items.map((a: { code: string }) => a.code)).toEqual(['31.74.05', '31.74.07']);
    const firstPage = (await get('?parent=31&limit=4')).json();
    expect(firstPage.items).toHaveLength(4);
    const secondPage = (await get(`?parent=31&limit=4&cursor=${firstPage.nextCursor}`)).json();
    expect(secondPage.items.map((a: { code: string }) => a.code)).toEqual(['31.74', '31.75']);
    expect(secondPage.nextCursor).toBeNull();
  });

  it('names exactly the codes asked for', async () => {
    const { items } = (await get('?codes=31.74.07,31.71,73')).json();
    expect(items.map((a: { code: string; level: string }) => [a.code, a.level])).toEqual([
      ['31.71', 'regency'],
      ['31.74.07', 'district'],
      ['73', 'province'],
    ]);
    expect(problemOf(await get('?codes=31,nope')).errors?.[0]?.path).toBe('query.codes.1');
  });

  it('treats LIKE wildcards in the search literally', async () => {
    expect((await get('?q=%25')).json().items).toEqual([]);
    expect((await get('?q=_')).json().items).toEqual([]);
  });

  it('refuses a malformed parent code and requires a session', async () => {
    expect(problemOf(await get('?parent=DKI')).errors?.[0]?.path).toBe('query.parent');
    expect((await app.inject({ method: 'GET', url: '/api/v1/areas' })).statusCode).toBe(401);
  });
});

describe('operating areas as districts', () => {
  beforeAll(() => services.areas.importAreas());

  it('expands a regency and a province to their districts, and keeps a district as it is', async () => {
    const districts = await services.areas.expandToDistricts(['31.74.07', '31.71', '73']);
    const [pusat, sulsel] = await Promise.all([
      services.areas.listAreas({ parent: '31.71' }),
      getDistricts().then((all) => all.filter((d) => d.code.startsWith('73.'))),
    ]);
    expect(districts).toContain('31.74.07');
    expect(districts).not.toContain('31.74.01');
    expect(districts).toEqual(expect.arrayContaining(pusat.items.map((a: { code: string }) => a.code)));
    expect(districts).toHaveLength(1 + pusat.items.length + sulsel.length);
    expect(await services.areas.expandToDistricts([])).toEqual([]);
  });
});
