import { describe, expect, it } from 'vitest';
import { limitBreach } from './part-limits';
import { netChanges } from './stock-movements';

const part = (id: string) => ({ id, partNo: id.toUpperCase() });

describe('netChanges', () => {
  it('nets the movements of each location and part into one change, in one global order', () => {
    const changes = netChanges([
      { part: part('fuse'), fromLocationId: 'w', toLocationId: 'bag', quantity: 3, unitPrice: 1 },
      { part: part('fuse'), fromLocationId: 'bag', toLocationId: null, quantity: 1, unitPrice: 1 },
      { part: part('cap'), fromLocationId: null, toLocationId: 'bag', quantity: 2, unitPrice: 1 },
    ]);
    expect(changes.map((c) => [c.locationId, c.partId, c.quantity])).toEqual([
      ['bag', 'cap', 2],
      ['bag', 'fuse', 2],
      ['w', 'fuse', -3],
    ]);
  });
});

describe('limitBreach', () => {
  const usage = { items: 8, value: 80_000 };

  it('lets a bag fill up to its limits exactly', () => {
    expect(limitBreach({ maxItems: 10, maxValue: 100_000 }, usage, [{ quantity: 2, price: 10_000 }])).toBeNull();
    expect(limitBreach({ maxItems: null, maxValue: null }, usage, [{ quantity: 99, price: 99_000 }])).toBeNull();
  });

  it('names the limit the bag would pass, items before value', () => {
    expect(limitBreach({ maxItems: 9, maxValue: 50_000 }, usage, [{ quantity: 2, price: 1 }])?.en).toBe(
      'The bag would hold 10 items; the technician may carry 9',
    );
    expect(limitBreach({ maxItems: null, maxValue: 90_000 }, usage, [{ quantity: 1, price: 10_001 }])?.en).toBe(
      'The bag would hold parts worth Rp 90001; the technician may carry Rp 90000',
    );
  });
});
