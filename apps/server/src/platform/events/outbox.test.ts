import { eventTypes, roles } from '@purnajual/contract';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { migrateToLatest } from '../../db/migrate';
import { canSee, type EventScope, findEventsAfter, recordEvent } from './outbox';

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
          const inMemory = all.filter((row) => canSee(scope, row)).map((row) => row.id);
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
      expect(canSee({ userId: ids[1] ?? '', role, branchId: ids[1] ?? '', areaCodes: ['31'] }, row)).toBe(false);
    }
  });
});
