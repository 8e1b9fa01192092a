import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Part } from '@purnajual/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createUser, problemOf } from '../../../test/app';
import { createTestDatabase } from '../../../test/database';
import { runCli } from '../../cli';

const t = await buildTestApp({ withAreas: false });
const { app } = t;
const branch = await createBranch(t, []);
const admin = await createUser(t, 'admin');
const clerk = await createUser(t, 'warehouse', { branchId: branch.id });
const technician = await createUser(t, 'technician', { branchId: branch.id });
const agent = await createUser(t, 'agent');

const create = (caller: { token: string }, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/parts', headers: bearer(caller.token), payload });
const search = async (caller: { token: string }, query: string) =>
  (await app.inject({ method: 'GET', url: `/api/v1/parts?${query}`, headers: bearer(caller.token) })).json<{
    items: Part[];
    nextCursor: string | null;
  }>();

const capacitor = (
  await create(clerk, {
    partNo: 'ps-cap-35uf',
    name: 'Kapasitor kompresor 35µF 450V',
    price: 45_000,
    modelCodes: ['AC-SEJUK-05', 'ac-sejuk-10i', 'AC-SEJUK-05'],
    returnable: true,
    reorderLevel: 10,
  })
).json<Part>();
const belt = (
  await create(admin, {
    partNo: 'WM-BELT-M28',
    name: 'V-belt mesin cuci M28',
    price: 38_000,
    modelCodes: ['WM-BERSIH-7T'],
    returnable: true,
  })
).json<Part>();
const pcb = (
  await create(clerk, {
    partNo: 'PCB-AC-10I',
    name: 'PCB indoor AC inverter 1 PK',
    price: 1_250_000,
    modelCodes: ['AC-SEJUK-10I'],
    returnable: true,
    mustReturnDefective: true,
  })
).json<Part>();

describe('the parts catalog', () => {
  it('stores part numbers and model codes upper-case and once', () => {
    expect(capacitor).toMatchObject({
      partNo: 'PS-CAP-35UF',
      modelCodes: ['AC-SEJUK-05', 'AC-SEJUK-10I'],
      returnable: true,
      mustReturnDefective: false,
      reorderLevel: 10,
      version: 1,
    });
    expect(pcb.mustReturnDefective).toBe(true);
  });

  it('is searched by part number, by name, and by the model of the work order at hand', async () => {
    expect((await search(technician, 'q=ps-cap')).items.map((p) => p.id)).toEqual([capacitor.id]);
    expect((await search(technician, 'q=mesin%20cuci')).items.map((p) => p.id)).toEqual([belt.id]);
    expect((await search(agent, 'modelCode=ac-sejuk-10i')).items.map((p) => p.partNo)).toEqual([
      'PCB-AC-10I',
      'PS-CAP-35UF',
    ]);
    expect((await search(technician, 'modelCode=AC-SEJUK-10I&q=kapasitor')).items.map((p) => p.id)).toEqual([
      capacitor.id,
    ]);
    expect((await search(technician, 'modelCode=TV-NOPE')).items).toEqual([]);
    // The search text is taken literally: a % matches nothing rather than everything.
    expect((await search(technician, 'q=%25')).items).toEqual([]);

    const first = await search(technician, 'limit=2');
    expect(first.items.map((p) => p.partNo)).toEqual(['PCB-AC-10I', 'PS-CAP-35UF']);
    const second = await search(technician, `limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({ items: [expect.objectContaining({ partNo: 'WM-BELT-M28' })], nextCursor: null });
  });

  it('is kept by the warehouse and admins only, with clear refusals', async () => {
    const body = { partNo: 'X-1', name: 'Uji', price: 1, returnable: false };
    expect((await create(technician, body)).statusCode).toBe(403);
    expect((await create(agent, body)).statusCode).toBe(403);
    const duplicate = await create(clerk, { ...body, partNo: 'pcb-ac-10i' });
    expect(duplicate.statusCode).toBe(409);
    expect(problemOf(duplicate)).toMatchObject({ code: 'conflict', errors: [{ path: 'body.partNo' }] });
    const cases: [Record<string, unknown>, string][] = [
      [{ ...body, price: -1 }, 'body.price'],
      [{ ...body, price: 10.5 }, 'body.price'],
      [{ ...body, partNo: 'A B' }, 'body.partNo'],
      [{ ...body, name: '' }, 'body.name'],
      [{ ...body, modelCodes: ['AC 1'] }, 'body.modelCodes.0'],
      [{ partNo: 'X-2', name: 'Uji', price: 1 }, 'body.returnable'],
    ];
    for (const [payload, path] of cases) {
      const response = await create(clerk, payload);
      expect(response.statusCode, path).toBe(400);
      expect(problemOf(response).errors?.[0]?.path).toBe(path);
    }
  });

  it('changes a part under its version', async () => {
    const patch = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/parts/${belt.id}`,
        headers: { ...bearer(clerk.token), ...headers },
        payload,
      });
    const changed = await patch({ price: 41_000, modelCodes: ['WM-BERSIH-7T', 'WM-NUSA-8T'] }, { 'if-match': '1' });
    expect(changed.json()).toMatchObject({ price: 41_000, modelCodes: ['WM-BERSIH-7T', 'WM-NUSA-8T'], version: 2 });
    const stale = await patch({ price: 1 }, { 'if-match': '1' });
    expect(problemOf(stale).code).toBe('version_conflict');
    expect((await patch({ partNo: 'NEW' })).statusCode).toBe(400);
    const one = await app.inject({ method: 'GET', url: `/api/v1/parts/${belt.id}`, headers: bearer(technician.token) });
    expect(one.json().price).toBe(41_000);
  });

  it('imports a parts list: new parts added, known ones updated, bad lines reported by line number', async () => {
    const csv = [
      'partNo;name;price;modelCodes;returnable;mustReturnDefective',
      'TV-PSU-43S;Power supply board Smart TV 43";Rp 675.000;TV-LAYAR-43S;ya;ya',
      'WM-BELT-M28;V-belt mesin cuci M28;39.500;WM-BERSIH-7T WM-NUSA-8T;ya;tidak',
      'TV-LED-32;Strip backlight LED 32";-1;TV-LAYAR-32;ya;tidak',
      'RF-THERM;Thermostat kulkas;95000;RF-DINGIN-1P;mungkin;tidak',
    ].join('\r\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/parts/import',
      headers: bearer(clerk.token),
      payload: { csv },
    });
    expect(response.json()).toEqual({
      created: 1,
      updated: 1,
      errors: [
        { line: 4, message: 'price: Too small: expected number to be >=0' },
        { line: 5, message: 'returnable: must be ya/tidak, yes/no, true/false or 1/0' },
      ],
    });
    const psu = (await search(technician, 'q=TV-PSU')).items[0];
    expect(psu).toMatchObject({ price: 675_000, mustReturnDefective: true, modelCodes: ['TV-LAYAR-43S'] });
    expect((await search(technician, 'q=WM-BELT')).items[0]).toMatchObject({ price: 39_500, version: 3 });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/parts/import',
          headers: bearer(technician.token),
          payload: { csv },
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('the API reference', () => {
  it('documents the parts, stock, request and return endpoints from their schemas', async () => {
    const document = (await app.inject('/api/v1/openapi.json')).json();
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/parts',
        '/api/v1/stock-locations',
        '/api/v1/stock',
        '/api/v1/stock/receipts',
        '/api/v1/stock/ledger',
        '/api/v1/me/inventory',
        '/api/v1/me/part-limits',
        '/api/v1/technicians/{id}/part-limits',
        '/api/v1/part-requests/{id}/transitions',
        '/api/v1/part-returns/{id}/transitions',
      ]),
    );
    const issue = document.paths['/api/v1/part-requests/{id}/transitions'].post;
    expect(JSON.stringify(issue.requestBody.content['application/json'].schema)).toContain('"issue"');
  });
});

describe('purnajual parts:import', () => {
  const folder = mkdtempSync(join(tmpdir(), 'purnajual-parts-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('imports a CSV file, printing what it did and each refused line (exit 1 when any)', async () => {
    const database = await createTestDatabase();
    const url = database.dialect === 'sqlite' ? `sqlite:${join(folder, 'cli.db')}` : database.url;
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, {
        env: { DATABASE_URL: url, STORAGE_DIR: join(folder, 'files') },
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    try {
      const good = join(folder, 'parts.csv');
      writeFileSync(
        good,
        'partNo,name,price,modelCodes,returnable\nAC-CAP-35,Kapasitor 35µF,45000,AC-SEJUK-05,yes\nAC-REM-U,Remote AC universal,60000,,no\n',
      );
      expect(await cli('parts:import', good)).toMatchObject({ code: 0, out: 'Parts imported: 2 new, 0 updated.' });
      const mixed = join(folder, 'mixed.csv');
      writeFileSync(mixed, 'partNo,name,price,returnable\nAC-CAP-35,Kapasitor 35µF,47000,yes\nBAD,,1,yes\n');
      const partly = await cli('parts:import', mixed);
      expect(partly.code).toBe(1);
      expect(partly.err).toBe(
        'Parts imported: 0 new, 1 updated. 1 lines refused:\n  line 3: name: Too small: expected string to have >=1 characters',
      );
      expect((await cli('parts:import')).code).toBe(2);
      const missing = await cli('parts:import', join(folder, 'nope.csv'));
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('Cannot read');
    } finally {
      await database.dispose();
    }
  });
});
