import type { ImportJob, StockLocation } from '@purnajual/contract';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestApp, createBranch, createUser } from '../../../test/app';
import { csvOf, uploadImport, waitForImport } from '../../../test/imports';
import { createPart, ledgerAgainstLevels, listLocations, stockAt } from '../../../test/parts';

const t = await buildTestApp({ env: { IMPORT_BATCH_SIZE: '2' } });
const { app } = t;
const admin = await createUser(t, 'admin');
const branch = await createBranch(t);
const technician = await createUser(t, 'technician', { branchId: branch.id, name: 'Teknisi Tas' });
const capacitor = await createPart(t, admin, { price: 40_000 });
const fan = await createPart(t, admin, { price: 150_000 });

async function importFile(body: string, dryRun = false) {
  const response = await uploadImport(app, admin.token, body, { query: `kind=stock&dryRun=${dryRun}` });
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(app, admin.token, response.json<ImportJob>().id);
}

const refusedLines = async (id: string, lang = 'en') =>
  (
    await app.inject({
      url: `/api/v1/imports/${id}/refused`,
      headers: { ...bearer(admin.token), 'accept-language': lang },
    })
  ).body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1);

const ledgerCount = async () =>
  Number(
    (
      await sql<{ n: number }>`select count(*) as n from stock_ledger_entry where reason = 'opening'`.execute(
        t.database.db,
      )
    ).rows[0]?.n,
  );

const location = async (match: (location: StockLocation) => boolean) => {
  const found = (await listLocations(t, admin)).find(match);
  if (!found) throw new Error('no such location');
  return found.id;
};
const warehouse = () => location((l) => l.kind === 'warehouse' && l.branchId === branch.id);
const bag = () => location((l) => l.kind === 'technician' && l.technicianId === technician.id);

const header = 'externalId,partCode,location,quantity,unitPrice';
const lines = [
  `S-1,${capacitor.partNo},${branch.code},10,`,
  `S-2,${fan.partNo.toLowerCase()},${branch.code},3,Rp 140.000`,
  `S-3,${capacitor.partNo},${technician.employeeNo},2,`,
];

describe('importing opening stock', () => {
  it('checks every line on a dry run, names each refused one, and posts nothing', async () => {
    const job = await importFile(
      csvOf(
        header,
        ...lines,
        `S-4,NO-SUCH,${branch.code},1,`,
        `S-5,${fan.partNo},NOWHERE,-1,`,
        `S-1,${fan.partNo},${branch.code},1,`,
      ),
      true,
    );
    expect(job).toMatchObject({ status: 'done', dryRun: true, rowsTotal: 6, rowsCreated: 3, rowsRefused: 3 });
    expect(await ledgerCount()).toBe(0);
    expect(await refusedLines(job.id)).toEqual([
      `S-4,NO-SUCH,${branch.code},1,,5,partCode: NO-SUCH is not in the parts catalog`,
      // A cell a spreadsheet would run as a formula gets a leading ' (and loses it when read back).
      `S-5,${fan.partNo},NOWHERE,'-1,,6,location: NOWHERE is neither a branch code nor an active technician's employee number; quantity: a whole number from 0 to 999999`,
      `S-1,${fan.partNo},${branch.code},1,,7,externalId: S-1 is already on line 2`,
    ]);
    expect((await refusedLines(job.id, 'id'))[0]).toContain('kodePart: NO-SUCH tidak ada di katalog suku cadang');
  });

  it('posts the stock through the ledger; the same file again posts nothing', async () => {
    const job = await importFile(csvOf(header, ...lines));
    expect(job).toMatchObject({ status: 'done', rowsCreated: 3, rowsRefused: 0 });
    expect(await stockAt(t, admin, await warehouse())).toEqual(
      new Map([
        [capacitor.id, 10],
        [fan.id, 3],
      ]),
    );
    expect(await stockAt(t, admin, await bag())).toEqual(new Map([[capacitor.id, 2]]));
    const fanEntry = await t.database.db
      .selectFrom('stock_ledger_entry')
      .select(['unitPrice', 'fromLocationId'])
      .where('partId', '=', fan.id)
      .executeTakeFirst();
    expect(fanEntry).toEqual({ unitPrice: 140_000, fromLocationId: null });
    const entries = await ledgerCount();
    expect(await importFile(csvOf(header, ...lines))).toMatchObject({
      rowsCreated: 0,
      rowsUpdated: 0,
      rowsUnchanged: 3,
    });
    expect(await ledgerCount()).toBe(entries);
    const { fromLedger, onHand } = await ledgerAgainstLevels(t);
    expect(onHand).toEqual(fromLedger);
  });

  it('posts only the difference of a changed quantity, and refuses one that moved the line elsewhere', async () => {
    const entries = await ledgerCount();
    const job = await importFile(
      csvOf(header, `S-1,${capacitor.partNo},${branch.code},7,`, `S-2,${fan.partNo},${technician.employeeNo},3,`),
    );
    expect(job).toMatchObject({ rowsUpdated: 1, rowsRefused: 1 });
    expect((await stockAt(t, admin, await warehouse())).get(capacitor.id)).toBe(7);
    expect(await ledgerCount()).toBe(entries + 1);
    expect((await refusedLines(job.id))[0]).toContain('externalId: S-2 was imported for another part or location');
  });

  it("refuses opening stock a technician's bag may not carry, saying which limit", async () => {
    const limits = await app.inject({
      method: 'PUT',
      url: `/api/v1/technicians/${technician.id}/part-limits`,
      headers: bearer(admin.token),
      payload: { maxItems: 4, maxValue: null },
    });
    expect(limits.statusCode).toBe(200);
    const job = await importFile(
      csvOf(
        header,
        `S-6,${fan.partNo},${technician.employeeNo},1,`,
        `S-7,${fan.partNo},${technician.employeeNo.toLowerCase()},0,`,
        `S-8,${capacitor.partNo},${technician.employeeNo},2,`,
      ),
    );
    expect(job).toMatchObject({ rowsCreated: 2, rowsRefused: 1 });
    expect(await refusedLines(job.id)).toEqual([
      `S-8,${capacitor.partNo},${technician.employeeNo},2,,4,location: The bag would hold 5 items; the technician may carry 4`,
    ]);
    expect((await stockAt(t, admin, await bag())).get(fan.id)).toBe(1);
  });
});
