import { eventTypes, roles } from '@purnajual/contract';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { migrateToLatest } from '../../db/migrate';
import { canSeeEvent, type EventScope } from '../access-policy/event-policy';
import {
  findEventsAfter,
  findLatestEventId,
  findOldestEventId,
  isPrunedAfter,
  pruneEventsBefore,
  recordEvent,
} from './outbox';

const database = await createTestDatabase();
await migrateToLatest(database.db);
afterAll(() => database.dispose());

const ids = [
  '01933b4c-0000-7000-8000-00000000000a',
  '01933b4c-0000-7000-8000-00000000000b',
  '01933b4c-0000-7000-8000-00000000000c',
];
const districts = ['31.74.01', '31.74.07', '31.71.01', '73.71.03'];

const lineage = (district: string) => {
  const [province = '', regency = ''] = district.split('.');
  return { provinceCode: province, regencyCode: `${province}.${regency}`, districtCode: district };
};

const audienceArbitrary = fc.record({
  type: fc.constantFrom(...eventTypes),
  branchId: fc.option(fc.constantFrom(...ids), { nil: null }),
  technicianId: fc.option(fc.constantFrom(...ids), { nil: null }),
  previousTechnicianId: fc.option(fc.constantFrom(...ids), { nil: null }),
  district: fc.option(fc.constantFrom(...districts), { nil: null }),
  claimable: fc.boolean(),
  recipientId: fc.option(fc.constantFrom(...ids), { nil: null }),
});

const scopeArbitrary: fc.Arbitrary<EventScope> = fc.record({
  userId: fc.constantFrom(...ids),
  role: fc.constantFrom(...roles),
  branchId: fc.option(fc.constantFrom(...ids), { nil: null }),
  areaCodes: fc.subarray(['31', '31.74', '31.74.07', '31.71', '73.71.03', '91']),
});

describe('outbox visibility', () => {
  it('is the same rule in memory (live fan-out) and in SQL (replay)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(audienceArbitrary, { minLength: 1, maxLength: 12 }),
        scopeArbitrary,
        async (audiences, scope) => {
          await database.db.deleteFrom('outbox_event').execute();
          for (const { district, type, ...audience } of audiences) {
            await recordEvent(
              database.db,
              type,
              { ...audience, ...(district === null ? {} : lineage(district)) },
              { id: 'x' },
              '2026-11-28T00:00:00.000Z',
            );
          }
          const all = await findEventsAfter(database.db, 0, 100);
          const inMemory = all.filter((row) => canSeeEvent(scope, row)).map((row) => row.id);
          const inSql = (await findEventsAfter(database.db, 0, 100, { scope })).map((row) => row.id);
          expect(inSql).toEqual(inMemory);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps personal events personal, whatever the role', () => {
    const row = {
      id: 1,
      type: 'notification.created',
      workOrderId: null,
      branchId: ids[1] ?? '',
      technicianId: ids[1] ?? '',
      previousTechnicianId: null,
      provinceCode: '31',
      regencyCode: '31.74',
      districtCode: '31.74.07',
      claimable: 1,
      recipientId: ids[0] ?? '',
      payload: '{}',
      createdAt: '2026-11-28T00:00:00.000Z',
    };
    for (const role of roles) {
      expect(canSeeEvent({ userId: ids[1] ?? '', role, branchId: ids[1] ?? '', areaCodes: ['31'] }, row)).toBe(false);
    }
  });
});

describe('outbox retention', () => {
  const add = async (createdAt: string) => {
    await recordEvent(database.db, 'work_order.updated', {}, { id: 'x' }, createdAt);
    return findLatestEventId(database.db);
  };
  const remaining = async () => (await findEventsAfter(database.db, 0, 100)).map((row) => row.id);
  const old = '2026-11-01T00:00:00.000Z';
  const young = '2026-11-20T00:00:00.000Z';
  const cutoff = '2026-11-10T00:00:00.000Z';

  it('has lost nothing when the outbox is empty, whatever id a client resumes from', async () => {
    await database.db.deleteFrom('outbox_event').execute();
    expect(await findOldestEventId(database.db)).toBeNull();
    for (const afterId of [0, 1, 500]) expect(await isPrunedAfter(database.db, afterId)).toBe(false);
    expect(await pruneEventsBefore(database.db, cutoff, 10)).toBe(0);
  });

  it('prunes a prefix of old events, never the newest, and says which ids may have lost some', async () => {
    const first = await add(old);
    for (let n = 0; n < 3; n += 1) await add(old);
    const youngOne = await add(young);
    const oldAfterYoung = await add(old);
    const newest = await add(old);

    expect(await pruneEventsBefore(database.db, cutoff, 2)).toBe(2);
    expect(await isPrunedAfter(database.db, first - 1)).toBe(true);
    expect(await isPrunedAfter(database.db, first)).toBe(true);
    // The client saw the last pruned event: the next one, kept, is still there for it.
    expect(await isPrunedAfter(database.db, first + 1)).toBe(false);

    // A young event ends the prefix; the old one after it waits, and the newest always stays.
    expect(await pruneEventsBefore(database.db, cutoff, 10)).toBe(2);
    expect(await remaining()).toEqual([youngOne, oldAfterYoung, newest]);
    expect(await pruneEventsBefore(database.db, '2026-12-01T00:00:00.000Z', 10)).toBe(2);
    expect(await remaining()).toEqual([newest]);
    expect(await isPrunedAfter(database.db, newest)).toBe(false);
    expect(await isPrunedAfter(database.db, newest - 1)).toBe(false);
    expect(await isPrunedAfter(database.db, newest - 2)).toBe(true);
    expect(await add(young)).toBeGreaterThan(newest);
  });
});
