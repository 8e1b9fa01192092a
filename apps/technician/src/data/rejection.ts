import type { TFunction } from 'i18next';
import type { QueuedChange, StoredWorkOrder } from './db';

/**
 * Why the server refused a queued change, in the technician's words. The common refusals
 * get a sentence that says what to do; anything else shows the server's own detail.
 */
export function rejectionMessage(change: QueuedChange, workOrder: StoredWorkOrder | undefined, t: TFunction) {
  const code = change.rejection?.code;
  if (code === 'invalid_transition' && workOrder) {
    return t('tech.sync.reason.changedInOffice', { status: t(`status.${workOrder.status}`) });
  }
  if (code === 'not_found') return t('tech.sync.reason.notFound');
  if (code === 'insufficient_stock') return t('tech.sync.reason.insufficientStock');
  if (code === 'part_limit_exceeded') return t('tech.sync.reason.partLimitExceeded');
  if (code === 'approval_required') return t('tech.sync.reason.approvalRequired');
  if (code === 'payment_exceeds_balance') return t('tech.sync.reason.paymentExceedsBalance');
  if (code === 'approval_outdated') return t('tech.sync.reason.approvalOutdated');
  return change.rejection?.detail ?? '';
}
