import type { WorkOrderBilling } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { ensureSequence, nextSequenceValue } from '../../db/sequence';
import { AppError } from '../../errors';

/*
 * Money follows the signature: what may be paid into a work order and what may go back out,
 * checked once before anything is written and again under the lock of its charges row.
 */

/**
 * A payment goes against the customer's current approval only, and never beyond what they
 * approved less what they have paid: a bill changed after the signature takes no money
 * until the customer signs again.
 */
export function assertPayable(billing: WorkOrderBilling, amount: number) {
  const { approval } = billing;
  if (!approval?.isCurrent) {
    throw new AppError(
      'approval_required',
      approval
        ? `The bill changed after ${approval.name} approved Rp ${approval.approvedTotal}; the customer approves the current bill of Rp ${billing.total} first`
        : 'The customer has not approved the bill yet; a payment is taken once they have signed it',
    );
  }
  const approvedBalance = approval.customerPays - billing.paid + billing.refunded;
  if (amount <= approvedBalance) return;
  throw new AppError(
    'payment_exceeds_balance',
    approvedBalance > 0
      ? `The balance is Rp ${approvedBalance}; Rp ${amount} is more`
      : 'Nothing is owed on this work order',
  );
}

/** A refund or a credit note gives back at most what the customer paid beyond the bill. */
export function assertRefundable(billing: WorkOrderBilling, amount: number) {
  const overpaid = -billing.balance;
  if (amount <= overpaid) return;
  throw new AppError(
    'refund_exceeds_overpayment',
    overpaid > 0
      ? `The customer paid Rp ${overpaid} more than the bill; Rp ${amount} is more`
      : 'The customer has not paid more than the bill',
  );
}

/**
 * Receipts (`KW`), refunds (`RF`) and credit notes (`NK`) are numbered per month of the
 * day given (`YYYY-MM-DD` in the branch's time zone): `KW-2611-000042`. The series is made
 * outside the transaction that numbers, like the charges row.
 */
export async function documentSeries(db: Kysely<DB>, prefix: 'KW' | 'RF' | 'NK', localDay: string) {
  const series = `${prefix}-${localDay.slice(2, 4)}${localDay.slice(5, 7)}`;
  await ensureSequence(db, series);
  return series;
}

export const nextDocumentNumber = async (trx: Kysely<DB>, series: string) =>
  `${series}-${String(await nextSequenceValue(trx, series)).padStart(6, '0')}`;
