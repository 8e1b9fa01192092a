import type { WorkOrderBilling } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Actor } from '../../platform/actor';
import type { BillReader, PartsOnWorkOrder } from './ports';
import { billableOf } from './work-order-summary';
import type { WorkOrderRow } from './work-orders.repository';

/** Who may close a work order whose bill is not settled, with a reason. */
const overrideRoles: readonly string[] = ['supervisor', 'admin'];

export interface BillChecksDeps {
  db: Kysely<DB>;
  billing: BillReader;
  stock: Pick<PartsOnWorkOrder, 'findPartsUsed'>;
}

/**
 * The customer approved a bill and would now pay more than they approved. A bill that fell
 * (a reopened repair's parts put back) or kept its amount asks nothing more of them.
 */
const exceedsApproval = ({ approval, customerPays }: WorkOrderBilling) =>
  approval !== null && !approval.isCurrent && customerPays > approval.customerPays;

const approvalOutdated = () =>
  new AppError('approval_outdated', {
    en: 'The bill rose after the customer approved it; the customer approves the current bill first',
    id: 'Tagihan naik setelah disetujui pelanggan; pelanggan perlu menyetujui tagihan terbaru dulu',
  });

/** What the bill must be for a work order to be completed or closed. */
export function createBillChecks({ db, billing, stock }: BillChecksDeps) {
  const billOf = async (row: WorkOrderRow) => billing.describe(db, billableOf(row, await stock.findPartsUsed(row.id)));

  return {
    /**
     * Completing: the customer may not be asked for more than they approved. A completion that
     * fits parts raises the bill by design: the customer approves the bill with its parts
     * afterwards, before paying, as every payment needs (`approval_required`) and closing needs.
     */
    async assertApprovalCurrent(row: WorkOrderRow, fitsParts: boolean) {
      if (!fitsParts && exceedsApproval(await billOf(row))) throw approvalOutdated();
    },

    /**
     * Closing with money still owed, or with a bill above what the customer approved, needs
     * a supervisor's (or an admin's) override and its reason; returns the history note that
     * records what was overridden. Money the customer paid beyond the bill has no override: it
     * goes back to them first, as a refund or a credit note.
     */
    async closeNote(actor: Actor, row: WorkOrderRow, overrideReason: string | undefined) {
      if (overrideReason !== undefined && !overrideRoles.includes(actor.role)) {
        throw new AppError('forbidden', 'Only a supervisor or an admin may close a work order with an unsettled bill', {
          errors: [{ path: 'body.overrideReason', message: 'may be given by a supervisor or an admin only' }],
        });
      }
      const bill = await billOf(row);
      const { balance } = bill;
      if (balance < 0) {
        throw new AppError(
          'overpaid_balance',
          `The customer has paid Rp ${-balance} more than the bill; record the refund paid back or a credit note first`,
        );
      }
      const outdated = exceedsApproval(bill);
      if (!outdated && balance === 0) return null;
      if (overrideReason === undefined) {
        if (outdated) throw approvalOutdated();
        throw new AppError(
          'unpaid_balance',
          `The customer still owes Rp ${balance}; record the payment, or a supervisor may close it with overrideReason`,
        );
      }
      const overridden = [
        ...(outdated ? ['a bill above the approved one'] : []),
        ...(balance > 0 ? [`Rp ${balance} unpaid`] : []),
      ];
      return `Closed with ${overridden.join(' and ')}: ${overrideReason}`;
    },
  };
}

export type BillChecks = ReturnType<typeof createBillChecks>;
