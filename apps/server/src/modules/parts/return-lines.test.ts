import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { checkReturnLines, type ReturnAccount, type ReturnLine } from './return-lines';
import { returnMovements } from './return-transitions';

const fuse = { partNo: 'FUSE-1', returnable: 1 };
const board = { partNo: 'PCB-1', returnable: 0 };
const account = (over: Partial<ReturnAccount> = {}): ReturnAccount => ({
  inBag: new Map([
    ['fuse', 5],
    ['board', 2],
  ]),
  pending: new Map([['fuse', 2]]),
  due: [{ workOrderId: 'wo-1', partId: 'board', due: 1 }],
  ...over,
});

const refusal = (lines: ReturnLine[], of: ReturnAccount = account()) => {
  try {
    checkReturnLines(lines, of);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, paths: error.errors?.map((e) => e.path) ?? [] };
    throw error;
  }
  return null;
};

describe('checkReturnLines', () => {
  it('accepts what is in the bag and not yet on its way back, and a defective part still due', () => {
    expect(
      refusal([
        { partId: 'fuse', quantity: 3, condition: 'unused', part: fuse },
        { partId: 'board', quantity: 1, condition: 'defective', workOrderId: 'wo-1', part: board },
      ]),
    ).toBeNull();
  });

  it('refuses an unused part that is not returnable, but takes it back faulty', () => {
    expect(refusal([{ partId: 'board', quantity: 1, condition: 'unused', part: board }])).toEqual({
      code: 'validation_failed',
      paths: ['body.lines.0.partId'],
    });
    expect(refusal([{ partId: 'board', quantity: 1, condition: 'defective', part: board }])).toBeNull();
  });

  it('refuses a defective part no repair owes, and more than is owed', () => {
    expect(
      refusal([
        { partId: 'board', quantity: 1, condition: 'defective', workOrderId: 'wo-2', part: board },
        { partId: 'board', quantity: 2, condition: 'defective', workOrderId: 'wo-1', part: board },
      ]),
    ).toEqual({ code: 'validation_failed', paths: ['body.lines.0.workOrderId', 'body.lines.1.quantity'] });
  });

  it('counts the lines of one part together against the bag less what is already on its way back', () => {
    expect(
      refusal([
        { partId: 'fuse', quantity: 2, condition: 'unused', part: fuse },
        { partId: 'fuse', quantity: 2, condition: 'defective', part: fuse },
      ]),
    ).toEqual({ code: 'insufficient_stock', paths: [] });
  });
});

describe('returnMovements', () => {
  const line = (partId: string, condition: 'unused' | 'defective', workOrderId: string | null) => ({
    id: `line-${partId}`,
    returnId: 'return-1',
    partId,
    partNo: partId.toUpperCase(),
    name: partId,
    price: 1000,
    quantity: 1,
    condition,
    workOrderId,
    workOrderNumber: workOrderId,
  });
  const locations = { warehouseId: 'warehouse', defectiveId: 'defective', bagId: 'bag' };

  it('sends unused parts to the warehouse and faulty ones to the defective bin, out of the bag', () => {
    const { fromBag, cores } = returnMovements(
      [line('fuse', 'unused', null), line('cap', 'defective', null)],
      locations,
    );
    expect(fromBag.map((m) => [m.part.id, m.fromLocationId, m.toLocationId])).toEqual([
      ['fuse', 'bag', 'warehouse'],
      ['cap', 'bag', 'defective'],
    ]);
    expect(cores.size).toBe(0);
  });

  it("brings a repair's replaced parts in from outside, one set per work order", () => {
    const { fromBag, cores } = returnMovements(
      [line('board', 'defective', 'wo-1'), line('fan', 'defective', 'wo-2'), line('cap', 'defective', 'wo-1')],
      locations,
    );
    expect(fromBag).toEqual([]);
    expect([...cores].map(([wo, ms]) => [wo, ms.map((m) => [m.part.id, m.fromLocationId, m.toLocationId])])).toEqual([
      [
        'wo-1',
        [
          ['board', null, 'defective'],
          ['cap', null, 'defective'],
        ],
      ],
      ['wo-2', [['fan', null, 'defective']]],
    ]);
  });
});
