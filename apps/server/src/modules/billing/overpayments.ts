import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { newId } from '../../platform/ids';
import type { BillableOrder } from '../work-orders/ports';
import type { BillingReader } from './billing.reader';
import * as repo from './billing.repository';

const overpaid = (balance: number) => Math.max(0, -balance);

/**
 * When the parts of a paid repair go back to the bag (a reopening, a cancellation), the
 * bill can fall below what the customer paid. The difference is recorded with the reason,
 * in the transaction that returned the parts: it is the customer's credit toward the
 * repeated work, and whatever is left of it when the work order closes goes back to them
 * as a refund or a credit note.
 */
export function createOverpayments({ reader }: { reader: Pick<BillingReader, 'describe'> }) {
  return {
    /**
     * `before` and `after` are the work order with the parts it used and with those that are
     * left; only what the return adds is recorded, so a second reopening does not count the
     * first one's credit again. Under the lock of the charges row, so a payment being taken
     * at that moment is counted, not missed.
     */
    async recordPartsReturned(
      trx: Kysely<DB>,
      change: { before: BillableOrder; after: BillableOrder; reason: string; actorId: string; at: string },
    ) {
      await repo.lockCharge(trx, change.after.id);
      const [before, after] = await Promise.all([
        reader.describe(trx, change.before),
        reader.describe(trx, change.after),
      ]);
      const amount = overpaid(after.balance) - overpaid(before.balance);
      if (amount <= 0) return;
      await repo.insertOverpayment(trx, {
        id: newId(),
        workOrderId: change.after.id,
        amount,
        reason: change.reason,
        recordedBy: change.actorId,
        at: change.at,
      });
    },
  };
}

export type Overpayments = ReturnType<typeof createOverpayments>;
