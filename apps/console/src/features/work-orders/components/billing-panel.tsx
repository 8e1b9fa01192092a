import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import type { Payment, Refund, TimeZone, WorkOrderDetail } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../components/use-me';
import { serviceReportUrl } from '../api/billing';
import { ApprovalView } from './approval-view';
import { BillLines, PaidState } from './bill-lines';
import { ChargesForm } from './charges-form';
import { PaymentForm } from './payment-form';
import { PaymentsTable } from './payments-table';
import { RefundForm } from './refund-form';
import { RefundsView } from './refunds-view';

/** Once closed or cancelled the bill is final; the server refuses changes to it. */
const isBillFinal = (order: WorkOrderDetail) => order.status === 'closed' || order.status === 'cancelled';
/** Nothing is owed before someone has taken the work on, nor after it was called off. */
const takesPayment = (order: WorkOrderDetail) => order.status !== 'new' && order.status !== 'cancelled';

/**
 * The money side of a work order for the office: the itemized bill and what the customer
 * owes, their signed approval, the payments, and the service report.
 */
export function BillingPanel({ order, timeZone }: { order: WorkOrderDetail; timeZone: TimeZone }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const when = (iso: string) => formatDateTime(iso, timeZone, locale);
  const { billing } = order;
  const me = useMe();
  const [open, setOpen] = useState<'charges' | 'payment' | 'refund' | null>(null);
  const [recorded, setRecorded] = useState<Payment | null>(null);
  const [refunded, setRefunded] = useState<Refund | null>(null);
  const canEditCharges = !isBillFinal(order);
  // Money follows the signature: the server takes a payment against the current approval only.
  const isOwed = takesPayment(order) && billing.balance > 0;
  const canRecordPayment = isOwed && billing.approval?.isCurrent === true;
  const canRecordRefund = billing.balance < 0 && (me.data?.role === 'supervisor' || me.data?.role === 'admin');

  return (
    <Card withBorder component="section" aria-labelledby="billing-title">
      <Stack>
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={2} size="h4" id="billing-title">
              {t('billing.title')}
            </Title>
            <PaidState billing={billing} />
          </Group>
          <Group gap="xs">
            <Button component="a" href={serviceReportUrl(order.id, 'id')} target="_blank" variant="default" size="xs">
              {t('billing.report.pdf')}
            </Button>
            <Button component="a" href={serviceReportUrl(order.id, 'en')} target="_blank" variant="subtle" size="xs">
              {t('billing.report.pdfEnglish')}
            </Button>
          </Group>
        </Group>

        <BillLines billing={billing} />

        {recorded && (
          <Alert
            color="green"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setRecorded(null)}
          >
            {t('billing.paymentRecorded', { amount: formatRupiah(recorded.amount), receipt: recorded.receiptNumber })}
          </Alert>
        )}
        {refunded && (
          <Alert
            color="green"
            role="status"
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setRefunded(null)}
          >
            {t('billing.refunds.recorded', {
              kind: t(`billing.refunds.kind.${refunded.kind}`),
              amount: formatRupiah(refunded.amount),
              number: refunded.number,
            })}
          </Alert>
        )}
        {isOwed && !canRecordPayment && (
          <Text size="sm" c="red.9">
            {t('billing.approval.required')}
          </Text>
        )}
        {billing.balance < 0 && (
          <Text size="sm" c="red.9">
            {t('billing.refunds.overpaidHint', { amount: formatRupiah(-billing.balance) })}
          </Text>
        )}
        {open === null && (canEditCharges || canRecordPayment || canRecordRefund) && (
          <Group gap="xs">
            {canEditCharges && (
              <Button variant="default" onClick={() => setOpen('charges')}>
                {t('billing.editCharges')}
              </Button>
            )}
            {canRecordPayment && (
              <Button
                onClick={() => {
                  setRecorded(null);
                  setOpen('payment');
                }}
              >
                {t('billing.recordPayment')}
              </Button>
            )}
            {canRecordRefund && (
              <Button
                onClick={() => {
                  setRefunded(null);
                  setOpen('refund');
                }}
              >
                {t('billing.refunds.record')}
              </Button>
            )}
          </Group>
        )}
        {open === 'charges' && <ChargesForm workOrderId={order.id} billing={billing} onDone={() => setOpen(null)} />}
        {open === 'payment' && (
          <PaymentForm
            workOrderId={order.id}
            billing={billing}
            onCancel={() => setOpen(null)}
            onRecorded={(payment) => {
              setRecorded(payment);
              setOpen(null);
            }}
          />
        )}

        {open === 'refund' && (
          <RefundForm
            workOrderId={order.id}
            billing={billing}
            onCancel={() => setOpen(null)}
            onRecorded={(refund) => {
              setRefunded(refund);
              setOpen(null);
            }}
          />
        )}

        <ApprovalView billing={billing} when={when} />
        <PaymentsTable payments={billing.payments} when={when} />
        <RefundsView billing={billing} when={when} />
      </Stack>
    </Card>
  );
}
