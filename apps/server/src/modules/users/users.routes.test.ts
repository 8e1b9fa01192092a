import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createUser, problemOf, signIn } from '../../../test/app';

const t = await buildTestApp();
const { app } = t;
const jakarta = await createBranch(t, ['31']);
const makassar = await createBranch(t, ['73.71']);
const admin = await createUser(t, 'admin');
const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
const agent = await createUser(t, 'agent', { branchId: jakarta.id });

const newUser = (overrides: Record<string, unknown> = {}) => ({
  employeeNo: `NIK${Math.floor(Math.random() * 1e9)}`,
  name: 'Siti Rahmawati',
  role: 'technician',
  branchId: jakarta.id,
  phone: '0812-3456-7890',
  password: 'martabak-manis-keju',
  ...overrides,
});

const postUser = (token: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(token), payload });

describe('creating users', () => {
  it('lets an admin create a user who can then sign in by NIK, with the phone in E.164', async () => {
    const body = newUser({ employeeNo: 'tk-0042' });
    const response = await postUser(admin.token, body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      employeeNo: 'TK-0042',
      role: 'technician',
      branchId: jakarta.id,
      phone: '+6281234567890',
      areaCodes: [],
      active: true,
    });
    await expect(signIn(app, 'tk-0042', body.password)).resolves.toBeTruthy();
  });

  it('is for admins only: 403 for other roles', async () => {
    expect((await postUser(agent.token, newUser())).statusCode).toBe(403);
    const problem = problemOf(await postUser(supervisor.token, newUser()));
    expect(problem).toMatchObject({ status: 403, code: 'forbidden' });
  });

  it('refuses short, common and personal passwords', async () => {
    const short = problemOf(await postUser(admin.token, newUser({ password: 'abc123' })));
    expect(short.errors?.[0]?.path).toBe('body.password');
    const common = await postUser(admin.token, newUser({ password: 'password123' }));
    expect(common.statusCode).toBe(400);
    expect(problemOf(common).detail).toMatch(/too common/);
    const ownNik = await postUser(admin.token, newUser({ employeeNo: 'joko12345', password: 'JOKO12345' }));
    expect(problemOf(ownNik).detail).toMatch(/employee number or name/);
  });

  it('refuses a duplicate NIK regardless of case with 409', async () => {
    await postUser(admin.token, newUser({ employeeNo: 'dup-1' }));
    const again = await postUser(admin.token, newUser({ employeeNo: 'DUP-1' }));
    expect(again.statusCode).toBe(409);
    expect(problemOf(again).errors?.[0]?.path).toBe('body.employeeNo');
  });

  it('keeps e-mail addresses in lower case and gives each to one user only (single sign-on finds users by it)', async () => {
    const first = await postUser(admin.token, newUser({ email: 'Rina.Kusuma@Purnajual.example' }));
    expect(first.json()).toMatchObject({ email: 'rina.kusuma@purnajual.example' });
    const twice = await postUser(admin.token, newUser({ email: 'RINA.KUSUMA@purnajual.example' }));
    expect(twice.statusCode).toBe(409);
    expect(problemOf(twice)).toMatchObject({ code: 'conflict', errors: [{ path: 'body.email' }] });
    const other = (await postUser(admin.token, newUser({ email: null }))).json<{ id: string }>();
    const taken = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${other.id}`,
      headers: bearer(admin.token),
      payload: { email: 'rina.kusuma@purnajual.example' },
    });
    expect(problemOf(taken).code).toBe('conflict');
    const own = first.json<{ id: string }>();
    const unchanged = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${own.id}`,
      headers: bearer(admin.token),
      payload: { email: 'rina.kusuma@purnajual.example' },
    });
    expect(unchanged.statusCode).toBe(200);
  });

  it('needs a branch for branch-bound roles and an existing branch', async () => {
    const noBranch = problemOf(await postUser(admin.token, newUser({ branchId: null })));
    expect(noBranch.errors?.[0]?.path).toBe('body.branchId');
    const unknown = await postUser(admin.token, newUser({ branchId: '01933b4c-0000-7000-8000-000000000000' }));
    expect(unknown.statusCode).toBe(400);
    expect(problemOf(unknown).errors?.[0]?.path).toBe('body.branchId');
  });

  it('reports every invalid field by path and creates nothing', async () => {
    const response = await postUser(admin.token, {
      employeeNo: 'a b',
      name: '',
      role: 'boss',
      phone: '12345',
      email: 'not-an-email',
      password: 'x'.repeat(200),
    });
    expect(response.statusCode).toBe(400);
    expect(
      problemOf(response)
        .errors?.map((e) => e.path)
        .sort(),
    ).toEqual(['body.email', 'body.employeeNo', 'body.name', 'body.password', 'body.phone', 'body.role']);
    const list = await app.inject({ method: 'GET', url: '/api/v1/users?q=a%20b', headers: bearer(admin.token) });
    expect(list.json().items).toEqual([]);
  });
});

describe('reading and changing users', () => {
  it('shows a supervisor only the people of their branch', async () => {
    const far = await createUser(t, 'technician', { branchId: makassar.id });
    const near = await createUser(t, 'technician', { branchId: jakarta.id });
    const list = await app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: bearer(supervisor.token) });
    const ids = list.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(near.id);
    expect(ids).not.toContain(far.id);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${far.id}`,
      headers: bearer(supervisor.token),
    });
    expect(hidden.statusCode).toBe(404);
  });

  it('pages through users with an opaque cursor and refuses a forged one', async () => {
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await app.inject({ method: 'GET', url, headers: bearer(admin.token) })).json();
      for (const user of page.items) seen.add(user.id);
      cursor = page.nextCursor;
    } while (cursor);
    const total = await app.inject({ method: 'GET', url: '/api/v1/users?limit=200', headers: bearer(admin.token) });
    expect(seen.size).toBe(total.json().items.length);
    const forged = await app.inject({
      method: 'GET',
      url: '/api/v1/users?cursor=%7Bnope',
      headers: bearer(admin.token),
    });
    expect(problemOf(forged).errors?.[0]?.path).toBe('query.cursor');
  });

  it('lets an admin rename and deactivate, but not deactivate themselves', async () => {
    const user = await createUser(t, 'agent');
    const renamed = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin.token),
      payload: { name: 'Dewi Anggraini', phone: '+62 21 5550 1234' },
    });
    expect(renamed.json()).toMatchObject({ name: 'Dewi Anggraini', phone: '+622155501234', version: 2 });
    const self = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.id}`,
      headers: bearer(admin.token),
      payload: { active: false },
    });
    expect(self.statusCode).toBe(409);
    const unknownField = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin.token),
      payload: { passwordHash: 'x' },
    });
    expect(unknownField.statusCode).toBe(400);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/users/01933b4c-0000-7000-8000-000000000000',
      headers: bearer(admin.token),
    });
    expect(problemOf(unknown).code).toBe('not_found');
    const malformed = await app.inject({ method: 'GET', url: '/api/v1/users/42', headers: bearer(admin.token) });
    expect(problemOf(malformed).errors?.[0]?.path).toBe('params.id');
  });
});

describe('technician operating areas', () => {
  it('sets areas that /me then shows to the technician', async () => {
    const technician = await createUser(t, 'technician', { branchId: jakarta.id });
    const response = await app.inject({
      method: 'PUT',
      url: `/api/v1/technicians/${technician.id}/areas`,
      headers: bearer(supervisor.token),
      payload: { areaCodes: ['31.74.01', '31.71', '31.74.01'] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().areaCodes).toEqual(['31.71', '31.74.01']);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(technician.token) });
    expect(me.json()).toMatchObject({ role: 'technician', branchId: jakarta.id, areaCodes: ['31.71', '31.74.01'] });
  });

  it('refuses unknown area codes by path and keeps the old areas', async () => {
    const technician = await createUser(t, 'technician', { branchId: jakarta.id });
    const put = (areaCodes: unknown) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/technicians/${technician.id}/areas`,
        headers: bearer(admin.token),
        payload: { areaCodes },
      });
    await put(['31.74']);
    const unknown = await put(['31.74.01', '99.99.99']);
    expect(unknown.statusCode).toBe(400);
    expect(problemOf(unknown).errors).toEqual([{ path: 'body.areaCodes.1', message: 'unknown area code 99.99.99' }]);
    const malformed = await put(['jakarta']);
    expect(problemOf(malformed).errors?.[0]?.path).toBe('body.areaCodes.0');
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(technician.token) });
    expect(me.json().areaCodes).toEqual(['31.74']);
  });

  it("hides another branch's technician from a supervisor (404), refuses non-technicians and technicians themselves", async () => {
    const far = await createUser(t, 'technician', { branchId: makassar.id });
    const put = (token: string, id: string) =>
      app.inject({
        method: 'PUT',
        url: `/api/v1/technicians/${id}/areas`,
        headers: bearer(token),
        payload: { areaCodes: ['73.71'] },
      });
    expect((await put(supervisor.token, far.id)).statusCode).toBe(404);
    expect((await put(admin.token, agent.id)).statusCode).toBe(400);
    expect((await put(far.token, far.id)).statusCode).toBe(403);
  });
});
