import type { ImportJob } from '@purnajual/contract';
import { describe, expect, it } from 'vitest';
import { bearer, buildTestInstances, createManualClock, createUser, signIn } from '../../../test/app';
import { csvOf, uploadImport, waitForImport } from '../../../test/imports';

/* Two instances of one database: one of them deletes an import once past IMPORT_RETENTION. */

const clock = createManualClock();
const t = await buildTestInstances(2, { clock, withAreas: false, env: { IMPORT_RETENTION: '30d' } });
const [, second] = t.instances;
const admin = await createUser(t, 'admin');
const day = 86400;
// Sessions end as the clock moves on by weeks: each step signs in afresh.
const tokenNow = () => signIn(t.app, admin.employeeNo, admin.password);

async function importModels(code: string) {
  const body = csvOf('code,brand,name,category,warrantyMonths', `${code},Sejuk,Split AC,AC,12`, `${code}-BAD,,,AC,x`);
  const token = await tokenNow();
  const response = await uploadImport(t.app, token, body, { query: 'kind=product-models' });
  expect(response.statusCode, response.body).toBe(202);
  return waitForImport(t.app, token, response.json<ImportJob>().id);
}

/** As the other instance answers: nothing of a deleted import is left anywhere. */
const statusOf = async (id: string) =>
  (await second?.app.inject({ url: `/api/v1/imports/${id}`, headers: bearer(await tokenNow()) }))?.statusCode;

const refusalsOf = async (id: string) =>
  (await t.database.db.selectFrom('import_refusal').select('line').where('importId', '=', id).execute()).length;

const runOnAll = async () =>
  (await Promise.all(t.instances.map(({ jobs }) => jobs.runNow('retention')))).filter(Boolean).length;

describe('retention of imports', () => {
  it('deletes an import and its refused lines once it finished longer than IMPORT_RETENTION ago, and no sooner', async () => {
    const old = await importModels('RET-1');
    expect(old).toMatchObject({ status: 'done', rowsRefused: 1 });
    clock.advanceSeconds(29 * day);
    const recent = await importModels('RET-2');
    expect(await runOnAll()).toBe(1);
    expect(await statusOf(old.id)).toBe(200);

    clock.advanceSeconds(2 * day);
    expect(await runOnAll()).toBe(1);
    expect(await statusOf(old.id)).toBe(404);
    expect(await refusalsOf(old.id)).toBe(0);
    expect(await statusOf(recent.id)).toBe(200);
    expect(await refusalsOf(recent.id)).toBe(1);
  });
});
