import { Alert, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useQueuedChanges, useWorkOrder } from '../../../data/work-orders';
import { ApprovalCard } from './billing/approval-card';
import { BillCard } from './billing/bill-card';
import { ChargesCard } from './billing/charges-card';
import { PaymentCard } from './billing/payment-card';
import { ServiceReportButton } from './service-report-button';
import { useWorkOrderRead } from './use-work-order-read';
import { WorkOrderPending } from './work-order-pending';

/**
 * The cost of the visit in front of the customer: itemized charges, their signature
 * approving the total, and the payment, each queued like every other change.
 */
export function BillingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const found = useWorkOrder(id);
  const read = useWorkOrderRead(id);
  const queued = useQueuedChanges(id);
  const billing = found?.detail?.billing;

  if (!found) return null;
  if (!found.summary || !billing) return <WorkOrderPending read={read} />;

  const pending = (labels: string[]) =>
    queued.some((change) => change.state === 'pending' && labels.includes(change.label));
  const waiting = pending(['charges', 'approval', 'payment']);
  const mayPay = billing.approval?.isCurrent === true || pending(['approval']);

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.billing.title')} · {found.summary.number}
      </Title>
      {waiting && <Alert color="yellow">{t('tech.billing.waiting')}</Alert>}
      <BillCard billing={billing} />
      <ChargesCard workOrderId={id} billing={billing} />
      <ApprovalCard workOrderId={id} billing={billing} waiting={waiting} />
      <PaymentCard workOrderId={id} billing={billing} mayPay={mayPay} />
      <ServiceReportButton workOrderId={id} number={found.summary.number} />
    </Stack>
  );
}
