import type { StockLedgerEntry } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createUser, problemOf } from '../../../test/app';
import {
  createPart,
  issueToBag,
  ledgerAgainstLevels,
  listLocations,
  locationOf,
  receiveStock,
  stockAt,
} from '../../../test/parts';

const t = await buildTestApp({ withAreas: false });
const { app } = t;
const jakarta = await createBranch(t, []);
const makassar = await createBranch(t, []);
const admin = await createUser(t, 'admin');
const agent = await createUser(t, 'agent');
const clerk = await createUser(t, 'warehouse', { branchId: jakarta.id });
const supervisor = await createUser(t, 'supervisor', { branchId: jakarta.id });
const makassarClerk = await createUser(t, 'warehouse', { branchId: makassar.id });
const agus = await createUser(t, 'technician', { branchId: jakarta.id, name: 'Agus Setiawan' });
const andi = await createUser(t, 'technician', { branchId: makassar.id });
const warehouse = await locationOf(t, clerk, jakarta.id);
const makassarWarehouse = await locationOf(t, makassarClerk, makassar.id);
const capacitor = await createPart(t, clerk, { partNo: 'CAP-35', price: 45_000, reorderLevel: 10 });
const belt = await createPart(t, clerk, { partNo: 'BELT-M28', price: 38_000, reorderLevel: 3 });
const remote = await createPart(t, clerk, { partNo: 'REMOTE-U', price: 60_000 });

const receipt = (caller: { token: string }, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/stock/receipts', headers: bearer(caller.token), payload });
const ledger = async (caller: { token: string }, query = '') =>
  app.inject({ method: 'GET', url: `/api/v1/stock/ledger${query}`, headers: bearer(caller.token) });

describe('stock locations', () => {
  it("are each branch's warehouse and defective bin and each technician's bag, shown by who may see them", async () => {
    const all = await listLocations(t, admin);
    const ofJakarta = all.filter((l) => l.branchId === jakarta.id);
    expect(ofJakarta.map((l) => l.kind).sort()).toEqual(['defective', 'technician', 'warehouse']);
    expect(ofJakarta.find((l) => l.kind === 'technician')).toMatchObject({
      technicianId: agus.id,
      technicianName: 'Agus Setiawan',
      branchName: jakarta.name,
    });
    expect((await listLocations(t, supervisor)).map((l) => l.id).sort()).toEqual(ofJakarta.map((l) => l.id).sort());
    const own = await listLocations(t, agus);
    expect(own.map((l) => l.kind).sort()).toEqual(['technician', 'warehouse']);
    expect(own.every((l) => l.branchId === jakarta.id)).toBe(true);
    const refused = await app.inject({ method: 'GET', url: '/api/v1/stock-locations', headers: bearer(agent.token) });
    expect(refused.statusCode).toBe(403);
  });
});

describe('goods receipts', () => {
  it('put stock into a warehouse of the caller’s branch, one ledger entry per line', async () => {
    const response = await receipt(clerk, {
      locationId: warehouse,
      lines: [
        { partId: capacitor.id, quantity: 12 },
        { partId: belt.id, quantity: 2 },
      ],
      reference: 'SJ/2611/0042',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      locationId: warehouse,
      reference: 'SJ/2611/0042',
      lines: [
        { part: { id: capacitor.id, partNo: 'CAP-35' }, quantity: 12, onHand: 12 },
        { part: { id: belt.id }, quantity: 2, onHand: 2 },
      ],
    });
    const entries = (await ledger(clerk, `?locationId=${warehouse}`)).json().items as StockLedgerEntry[];
    expect(entries.slice(0, 2).map((e) => [e.reason, e.fromLocationId, e.toLocationId, e.reference])).toEqual([
      ['receipt', null, warehouse, 'SJ/2611/0042'],
      ['receipt', null, warehouse, 'SJ/2611/0042'],
    ]);
    expect(entries[0]?.actor).toEqual({ id: clerk.id, name: clerk.name });
  });

  it('refuse bad input with a 4xx and move nothing', async () => {
    await receiveStock(t, makassarClerk, makassarWarehouse, [{ partId: remote.id, quantity: 3 }]);
    const before = await ledgerAgainstLevels(t);
    const bag = (await listLocations(t, clerk)).find((l) => l.technicianId === agus.id)?.id;
    const line = { partId: capacitor.id, quantity: 1 };
    const cases: [Record<string, unknown>, number, string | undefined][] = [
      [{ locationId: makassarWarehouse, lines: [line], reference: 'x' }, 404, undefined],
      [{ locationId: bag, lines: [line], reference: 'x' }, 400, 'body.locationId'],
      [{ locationId: warehouse, lines: [{ ...line, quantity: 0 }], reference: 'x' }, 400, 'body.lines.0.quantity'],
      [{ locationId: warehouse, lines: [{ ...line, quantity: -3 }], reference: 'x' }, 400, 'body.lines.0.quantity'],
      [
        {
          locationId: warehouse,
          lines: [line, { partId: '01933b4c-0000-7000-8000-0000000000ff', quantity: 1 }],
          reference: 'x',
        },
        400,
        'body.lines.1.partId',
      ],
      [{ locationId: warehouse, lines: [line, line], reference: 'x' }, 400, 'body.lines.1'],
      [{ locationId: warehouse, lines: [line], reference: '' }, 400, 'body.reference'],
      [{ locationId: 'not-an-id', lines: [line], reference: 'x' }, 400, 'body.locationId'],
    ];
    for (const [payload, status, path] of cases) {
      const response = await receipt(clerk, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      if (path !== undefined) expect(problemOf(response).errors?.[0]?.path).toBe(path);
    }
    expect((await receipt(agus, { locationId: warehouse, lines: [line], reference: 'x' })).statusCode).toBe(403);
    expect((await receipt(supervisor, { locationId: warehouse, lines: [line], reference: 'x' })).statusCode).toBe(403);
    const after = await ledgerAgainstLevels(t);
    expect(after.entries).toBe(before.entries);
    expect(after.onHand).toEqual(before.onHand);
  });
});

describe('stock by location', () => {
  it('lists what is on hand, and with lowStock the parts at or below their reorder level', async () => {
    expect(await stockAt(t, clerk, warehouse)).toEqual(
      new Map([
        [belt.id, 2],
        [capacitor.id, 12],
      ]),
    );
    const low = await app.inject({
      method: 'GET',
      url: `/api/v1/stock?locationId=${warehouse}&lowStock=true`,
      headers: bearer(clerk.token),
    });
    // The belt is at 2 of 3; the remote has no reorder level; the capacitor has 12 of 10.
    expect(low.json().items).toEqual([
      {
        locationId: warehouse,
        part: { id: belt.id, partNo: 'BELT-M28', name: belt.name, price: 38_000, reorderLevel: 3 },
        quantity: 2,
        isLow: true,
      },
    ]);
    const lowElsewhere = await app.inject({
      method: 'GET',
      url: `/api/v1/stock?locationId=${makassarWarehouse}&lowStock=true`,
      headers: bearer(makassarClerk.token),
    });
    // Never stocked in Makassar: as low as it gets.
    expect(
      lowElsewhere.json().items.map((i: { part: { id: string }; quantity: number }) => [i.part.id, i.quantity]),
    ).toEqual([
      [belt.id, 0],
      [capacitor.id, 0],
    ]);
    const searched = await app.inject({
      method: 'GET',
      url: `/api/v1/stock?locationId=${warehouse}&q=cap`,
      headers: bearer(agus.token),
    });
    expect(searched.json().items.map((i: { part: { id: string } }) => i.part.id)).toEqual([capacitor.id]);
    const hidden = await app.inject({
      method: 'GET',
      url: `/api/v1/stock?locationId=${makassarWarehouse}`,
      headers: bearer(clerk.token),
    });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('the stock ledger', () => {
  it('pages newest first by location, part or work order, within the caller’s branch', async () => {
    await issueToBag(t, agus, clerk, [{ partId: capacitor.id, quantity: 2 }]);
    await issueToBag(t, andi, makassarClerk, [{ partId: remote.id, quantity: 1 }]);
    const first = (await ledger(clerk, '?limit=2')).json();
    expect(first.items).toHaveLength(2);
    expect(first.items[0]).toMatchObject({ reason: 'issue', part: { id: capacitor.id } });
    const rest = (await ledger(clerk, `?limit=200&cursor=${first.nextCursor}`)).json();
    const ids = [...first.items, ...rest.items].map((e: StockLedgerEntry) => e.id);
    expect(ids).toEqual([...ids].sort().reverse());
    const seen = [...first.items, ...rest.items].map((e: StockLedgerEntry) => e.part.id);
    expect(seen).not.toContain(remote.id);

    const byPart = (await ledger(supervisor, `?partId=${belt.id}`)).json().items;
    expect(byPart.map((e: StockLedgerEntry) => e.quantity)).toEqual([2]);
    const everywhere = (await ledger(admin, `?partId=${remote.id}`)).json().items;
    expect(everywhere.map((e: StockLedgerEntry) => e.reason)).toEqual(['issue', 'receipt']);
    expect((await ledger(clerk, `?locationId=${makassarWarehouse}`)).statusCode).toBe(404);
    expect((await ledger(agus)).statusCode).toBe(403);
    expect((await ledger(agent)).statusCode).toBe(403);
    expect((await ledger(clerk, '?cursor=garbage')).statusCode).toBe(400);
  });
});

describe('quantities on hand', () => {
  it('go past what a 32-bit integer holds, on every database', async () => {
    const screw = await createPart(t, makassarClerk, { partNo: 'SCREW-M4', price: 100 });
    await receiveStock(t, makassarClerk, makassarWarehouse, [{ partId: screw.id, quantity: 1 }]);
    // Years of receipts, compressed: one short of the 32-bit ceiling.
    await t.database.db
      .updateTable('stock_level')
      .set({ quantity: 2_147_483_646 })
      .where('locationId', '=', makassarWarehouse)
      .where('partId', '=', screw.id)
      .execute();
    await receiveStock(t, makassarClerk, makassarWarehouse, [{ partId: screw.id, quantity: 10_000 }]);
    expect((await stockAt(t, makassarClerk, makassarWarehouse)).get(screw.id)).toBe(2_147_493_646);
  });
});
