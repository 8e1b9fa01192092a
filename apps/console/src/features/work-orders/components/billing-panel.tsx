import { Alert, Badge, Button, Card, Group, Image, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import type { BillingLine, Payment, Refund, TimeZone, WorkOrderBilling, WorkOrderDetail } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../components/use-me';
import { serviceReportUrl } from '../api/billing';
import { ChargesForm } from './charges-form';
import { PaymentForm } from './payment-form';
import { RefundForm } from './refund-form';
import { RefundsView } from './refunds-view';

/** Once closed or cancelled the bill is final; the server refuses changes to it. */
const isBillFinal = (order: WorkOrderDetail) => order.status === 'closed' || order.status === 'cancelled';
/** Nothing is owed before someone has taken the work on, nor after it was called off. */
const takesPayment = (order: WorkOrderDetail) => order.status !== 'new' && order.status !== 'cancelled';

/** Whether the customer has paid; dark shades, as white on Mantine's default green reads below 4.5:1. */
function PaidState({ billing }: { billing: WorkOrderBilling }) {
  const { t } = useTranslation();
  if (billing.lines.length === 0) return null;
  if (billing.balance < 0) return <Badge color="grape.9">{t('billing.state.overpaid')}</Badge>;
  if (billing.customerPays === 0) return <Badge color="gray.7">{t('billing.state.free')}</Badge>;
  return billing.balance === 0 ? (
    <Badge color="teal.9">{t('billing.state.paid')}</Badge>
  ) : (
    <Badge color="red.9">{t('billing.state.unpaid')}</Badge>
  );
}

function TotalRow({ label, amount, strong = false }: { label: string; amount: number; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" colSpan={3} fw={strong ? 700 : 400} ta="right">
        {label}
      </Table.Th>
      <Table.Td fw={strong ? 700 : 400} ta="right" ff="monospace">
        {formatRupiah(amount)}
      </Table.Td>
    </Table.Tr>
  );
}

function BillLines({ billing }: { billing: WorkOrderBilling }) {
  const { t } = useTranslation();
  // Parts are named by the catalog; the other lines by what they are, in the user's language.
  const describe = (line: BillingLine) => (line.kind === 'part' ? line.description : t(`billing.${line.kind}`));
  if (billing.lines.length === 0) return <Text c="dimmed">{t('billing.noCharges')}</Text>;
  return (
    <Table aria-label={t('billing.lines')} verticalSpacing={6}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('billing.description')}</Table.Th>
          <Table.Th ta="right">{t('billing.quantity')}</Table.Th>
          <Table.Th ta="right">{t('billing.unitPrice')}</Table.Th>
          <Table.Th ta="right">{t('billing.amount')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {billing.lines.map((line) => (
          <Table.Tr key={`${line.kind}/${line.partId ?? ''}`}>
            <Table.Td>
              <Group gap="xs">
                <Text size="sm">{describe(line)}</Text>
                {line.coveredByWarranty && (
                  <Badge size="sm" variant="outline" color="green.9">
                    {t('billing.coveredByWarranty')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td ta="right">{line.quantity}</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatRupiah(line.unitPrice)}
            </Table.Td>
            <Table.Td ta="right" ff="monospace">
              {formatRupiah(line.amount)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <TotalRow label={t('billing.subtotal')} amount={billing.subtotal} />
        <TotalRow label={t('billing.tax', { rate: billing.taxRatePercent })} amount={billing.tax} />
        <TotalRow label={t('billing.total')} amount={billing.total} />
        {billing.warrantyCovers > 0 && <TotalRow label={t('billing.warrantyCovers')} amount={billing.warrantyCovers} />}
        <TotalRow label={t('billing.customerPays')} amount={billing.customerPays} strong />
        <TotalRow label={t('billing.paid')} amount={billing.paid} />
        {billing.refunded > 0 && <TotalRow label={t('billing.refunded')} amount={-billing.refunded} />}
        {billing.balance < 0 ? (
          <TotalRow label={t('billing.overpaid')} amount={-billing.balance} strong />
        ) : (
          <TotalRow label={t('billing.balance')} amount={billing.balance} strong />
        )}
      </Table.Tfoot>
    </Table>
  );
}

function ApprovalView({ billing, when }: { billing: WorkOrderBilling; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const { approval } = billing;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('billing.approval.title')}
      </Title>
      {approval ? (
        <>
          {!approval.isCurrent && (
            <Alert color="red" title={t('billing.approval.outdated')}>
              {t('billing.approval.outdatedHint', { total: formatRupiah(billing.total) })}
            </Alert>
          )}
          <Group align="start" justify="space-between">
            <Stack gap={2}>
              <Text size="sm">
                {t('billing.approval.by')}: <b>{approval.name}</b>
              </Text>
              <Text size="sm">
                {t('billing.approval.approvedTotal')}: {formatRupiah(approval.approvedTotal)}
              </Text>
              <Text size="sm" c="dimmed">
                {when(approval.at)}
              </Text>
            </Stack>
            <Image
              src={approval.signatureUrl}
              alt={t('billing.approval.signature', { name: approval.name })}
              maw={200}
              bg="gray.0"
              style={approval.isCurrent ? undefined : { opacity: 0.5 }}
            />
          </Group>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('billing.approval.none')}
        </Text>
      )}
    </Stack>
  );
}

function PaymentsTable({ payments, when }: { payments: Payment[]; when: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('billing.payments.title')}
      </Title>
      {payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('billing.payments.none')}
        </Text>
      ) : (
        <Table aria-label={t('billing.payments.title')} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.payments.at')}</Table.Th>
              <Table.Th>{t('billing.payments.method')}</Table.Th>
              <Table.Th ta="right">{t('billing.payments.amount')}</Table.Th>
              <Table.Th>{t('billing.payments.reference')}</Table.Th>
              <Table.Th>{t('billing.payments.receipt')}</Table.Th>
              <Table.Th>{t('billing.payments.receivedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {payments.map((payment) => (
              <Table.Tr key={payment.id}>
                <Table.Td>{when(payment.at)}</Table.Td>
                <Table.Td>{t(`billing.method.${payment.method}`)}</Table.Td>
                <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(payment.amount)}
                </Table.Td>
                <Table.Td>{payment.reference ?? '—'}</Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {payment.receiptNumber}
                </Table.Td>
                <Table.Td>{payment.receivedBy.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

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
