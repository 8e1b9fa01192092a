import type { PartCondition } from '@purnajual/contract';
import { AppError } from '../../errors';

export interface ReturnLine {
  partId: string;
  quantity: number;
  condition: PartCondition;
  /** The work order whose repair replaced the defective part; absent: from the bag. */
  workOrderId?: string | undefined;
  part: { partNo: string; returnable: number };
}

export interface ReturnAccount {
  /** Units of each part in the bag now. */
  inBag: Map<string, number>;
  /** Units of each part already on their way back in submitted returns. */
  pending: Map<string, number>;
  /** Defective parts still due per work order and part. */
  due: { workOrderId: string; partId: string; due: number }[];
}

/**
 * Refuses what a technician may not hand back: an unused part that is not returnable, a
 * defective one no repair of theirs still owes, more than is owed, or more from the bag
 * than is in it and not yet on its way back.
 */
export function checkReturnLines(lines: readonly ReturnLine[], { inBag, pending, due }: ReturnAccount) {
  const errors: { path: string; message: string }[] = [];
  const fromBag = new Map<string, { partNo: string; quantity: number }>();
  lines.forEach((line, index) => {
    if (line.workOrderId === undefined) {
      if (line.condition === 'unused' && line.part.returnable !== 1) {
        errors.push({ path: `body.lines.${index}.partId`, message: 'is not returnable once issued' });
      }
      const drawn = fromBag.get(line.partId)?.quantity ?? 0;
      fromBag.set(line.partId, { partNo: line.part.partNo, quantity: drawn + line.quantity });
      return;
    }
    const owed = due.find((d) => d.workOrderId === line.workOrderId && d.partId === line.partId)?.due ?? 0;
    if (owed === 0) {
      errors.push({
        path: `body.lines.${index}.workOrderId`,
        message: 'is not a work order of yours with this part fitted and its defective one still due',
      });
    } else if (line.quantity > owed) {
      errors.push({ path: `body.lines.${index}.quantity`, message: `is more than the ${owed} due` });
    }
  });
  if (errors.length > 0) throw new AppError('validation_failed', 'Some lines cannot be returned', { errors });
  for (const [partId, { partNo, quantity }] of fromBag) {
    const available = (inBag.get(partId) ?? 0) - (pending.get(partId) ?? 0);
    if (quantity > available) {
      throw new AppError(
        'insufficient_stock',
        `Not enough ${partNo} in the bag: ${quantity} to return, ${Math.max(available, 0)} not yet on their way back`,
      );
    }
  }
}
