import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createUser, problemOf } from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');

const makassar = {
  code: 'MKS',
  name: 'Cabang Makassar',
  address: 'Jl. A. P. Pettarani No. 45, Makassar',
  timeZone: 'Asia/Makassar',
  areaCodes: ['73.71', '73.06'],
};

const post = (token: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/branches', headers: bearer(token), payload });

describe('branches', () => {
  it('lets an admin create a branch with its time zone and served areas, visible to everyone signed in', async () => {
    const created = await post(admin.token, makassar);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...makassar, areaCodes: ['73.06', '73.71'], autoAssign: false, version: 1 });
    const list = await app.inject({ method: 'GET', url: '/api/v1/branches', headers: bearer(agent.token) });
    expect(list.json().items.map((b: { code: string }) => b.code)).toContain('MKS');
  });

  it('is created by admins only', async () => {
    expect((await post(agent.token, { ...makassar, code: 'MKS2' })).statusCode).toBe(403);
  });

  it('refuses a duplicate code, an unknown area and a time zone outside Indonesia', async () => {
    expect(problemOf(await post(admin.token, makassar)).code).toBe('conflict');
    const unknownArea = await post(admin.token, { ...makassar, code: 'X1', areaCodes: ['73.99'] });
    expect(problemOf(unknownArea).errors).toEqual([{ path: 'body.areaCodes.0', message: 'unknown area code 73.99' }]);
    const zone = await post(admin.token, { ...makassar, code: 'X2', timeZone: 'Europe/Berlin' });
    expect(problemOf(zone).errors?.[0]?.path).toBe('body.timeZone');
    const list = await app.inject({ method: 'GET', url: '/api/v1/branches', headers: bearer(admin.token) });
    expect(list.json().items.map((b: { code: string }) => b.code)).not.toContain('X1');
  });

  it('changes served areas and auto-assign, bumping the version', async () => {
    const created = (
      await post(admin.token, { ...makassar, code: 'JYP', timeZone: 'Asia/Jayapura', areaCodes: ['91.71'] })
    ).json();
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/branches/${created.id}`,
      headers: bearer(admin.token),
      payload: { areaCodes: ['91.71', '91.03'], autoAssign: true },
    });
    expect(patched.json()).toMatchObject({ areaCodes: ['91.03', '91.71'], autoAssign: true, version: 2 });
    const missing = await app.inject({
      method: 'PATCH',
      url: '/api/v1/branches/01933b4c-0000-7000-8000-000000000000',
      headers: bearer(admin.token),
      payload: { autoAssign: true },
    });
    expect(missing.statusCode).toBe(404);
  });
});
