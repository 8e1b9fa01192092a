import {
  Alert,
  Button,
  Card,
  Divider,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import { type PaymentMethod, paymentMethods } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useTimeZone } from '../../../data/profile';
import { queueApproval, queueCharges, queuePayment } from '../../../data/queue';
import { useQueuedChanges, useWorkOrder } from '../../../data/work-orders';
import { ServiceReportButton } from './service-report-button';
import { SignatureField } from './signature-field';
import { useWorkOrderRead } from './use-work-order-read';
import { WorkOrderPending } from './work-order-pending';

const isMethod = (value: string): value is PaymentMethod => paymentMethods.some((method) => method === value);

function Row({ label, amount, strong }: { label: string; amount: number; strong?: boolean }) {
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text fw={strong ? 700 : 400}>{label}</Text>
      <Text fw={strong ? 700 : 400} ff="monospace">
        {formatRupiah(amount)}
      </Text>
    </Group>
  );
}

/**
 * The cost of the visit in front of the customer: itemized charges, their signature
 * approving the total, and the payment, each queued like every other change.
 */
export function BillingPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const found = useWorkOrder(id);
  const read = useWorkOrderRead(id);
  const queued = useQueuedChanges(id);
  const billing = found?.detail?.billing;
  const [labor, setLabor] = useState<string | null>(null);
  const [signerName, setSignerName] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [amount, setAmount] = useState<number | string>('');
  const [reference, setReference] = useState('');

  if (!found) return null;
  if (!found.summary || !billing) return <WorkOrderPending read={read} />;

  const waiting = queued.some(
    (change) => change.state === 'pending' && ['charges', 'approval', 'payment'].includes(change.label),
  );
  // The server takes a payment against the current approval only; a queued approval is sent before it.
  const mayPay =
    billing.approval?.isCurrent === true ||
    queued.some((change) => change.state === 'pending' && change.label === 'approval');
  const laborChoice = labor ?? String(billing.charges.labor || (billing.priceList.laborOptions[0] ?? 0));
  const payAmount = typeof amount === 'number' ? amount : billing.balance;

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.billing.title')} · {found.summary.number}
      </Title>
      {waiting && <Alert color="yellow">{t('tech.billing.waiting')}</Alert>}

      <Card withBorder component="section" aria-label={t('tech.billing.charges')}>
        <Stack gap={6}>
          {billing.lines.map((line) => (
            <Group key={`${line.kind}/${line.partId ?? line.description}`} justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text>
                  {line.quantity > 1 ? `${line.quantity} × ` : ''}
                  {line.description}
                </Text>
                {line.coveredByWarranty && (
                  <Text size="xs" c="green.9">
                    {t('tech.billing.coveredByWarranty')}
                  </Text>
                )}
              </div>
              <Text ff="monospace">{formatRupiah(line.amount)}</Text>
            </Group>
          ))}
          <Divider />
          <Row label={t('tech.billing.subtotal')} amount={billing.subtotal} />
          <Row label={t('tech.billing.tax', { rate: billing.taxRatePercent })} amount={billing.tax} />
          <Row label={t('tech.billing.total')} amount={billing.total} />
          {billing.warrantyCovers > 0 && (
            <Row label={t('tech.billing.warrantyCovers')} amount={-billing.warrantyCovers} />
          )}
          <Row label={t('tech.billing.customerPays')} amount={billing.customerPays} strong />
          <Row label={t('tech.billing.paid')} amount={billing.paid} />
          <Row label={t('tech.billing.balance')} amount={billing.balance} strong />
        </Stack>
      </Card>

      <Card withBorder component="section" aria-label={t('tech.billing.setCharges')}>
        <Stack>
          <Select
            size="md"
            label={t('tech.billing.labor')}
            value={laborChoice}
            onChange={setLabor}
            allowDeselect={false}
            data={[...new Set([...billing.priceList.laborOptions, billing.charges.labor])].map((option) => ({
              value: String(option),
              label: formatRupiah(option),
            }))}
          />
          <Text size="sm">
            {t('tech.billing.transport')}: {formatRupiah(billing.priceList.transport)}
          </Text>
          <Button
            size="md"
            variant="outline"
            onClick={() =>
              void queueCharges(id, { labor: Number(laborChoice), transport: billing.priceList.transport, discount: 0 })
            }
          >
            {t('tech.billing.saveCharges')}
          </Button>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-label={t('tech.billing.approval')}>
        {billing.approval?.isCurrent ? (
          <Stack gap={4}>
            <Text fw={600}>
              {t('tech.billing.approvedBy', {
                name: billing.approval.name,
                total: formatRupiah(billing.approval.approvedTotal),
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {formatDateTime(billing.approval.at, timeZone, locale)}
            </Text>
          </Stack>
        ) : (
          <Stack>
            {billing.approval && <Alert color="orange">{t('tech.billing.approvalOutdated')}</Alert>}
            <TextInput
              size="md"
              label={t('tech.billing.signerName')}
              value={signerName}
              onChange={(e) => setSignerName(e.currentTarget.value)}
              maxLength={120}
            />
            <SignatureField label={t('tech.billing.customerSignature')} onChange={setSignature} />
            <Button
              size="lg"
              // The customer approves the server's figures; while a change waits, they are not final.
              disabled={!signature || !signerName.trim() || waiting}
              onClick={() =>
                signature &&
                void queueApproval(id, { signature, name: signerName.trim(), approvedTotal: billing.total })
              }
            >
              {t('tech.billing.approve', { total: formatRupiah(billing.total) })}
            </Button>
          </Stack>
        )}
      </Card>

      <Card withBorder component="section" aria-label={t('tech.billing.payment')}>
        <Stack>
          {billing.payments.map((payment) => (
            <Group key={payment.id} justify="space-between" wrap="nowrap">
              <div>
                <Text fw={600}>
                  {t(`tech.billing.method.${payment.method}`)} · {payment.receiptNumber}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(payment.at, timeZone, locale)}
                </Text>
              </div>
              <Text ff="monospace">{formatRupiah(payment.amount)}</Text>
            </Group>
          ))}
          {billing.balance > 0 && !mayPay && <Alert color="orange">{t('tech.billing.approvalFirst')}</Alert>}
          {billing.balance < 0 && (
            <Alert color="orange">{t('tech.billing.overpaid', { amount: formatRupiah(-billing.balance) })}</Alert>
          )}
          {billing.balance > 0 && mayPay && (
            <>
              <SegmentedControl
                fullWidth
                value={method}
                onChange={(value) => isMethod(value) && setMethod(value)}
                data={paymentMethods.map((value) => ({ value, label: t(`tech.billing.method.${value}`) }))}
              />
              <NumberInput
                size="md"
                label={t('tech.billing.amount')}
                value={payAmount}
                onChange={setAmount}
                min={1}
                max={billing.balance}
                allowDecimal={false}
                thousandSeparator="."
                decimalSeparator=","
                prefix="Rp "
              />
              {method !== 'cash' && (
                <TextInput
                  size="md"
                  label={t('tech.billing.reference')}
                  value={reference}
                  onChange={(e) => setReference(e.currentTarget.value)}
                  maxLength={120}
                />
              )}
              <Button
                size="lg"
                disabled={payAmount < 1}
                onClick={() =>
                  void queuePayment(id, {
                    method,
                    amount: payAmount,
                    ...(method !== 'cash' && reference.trim() ? { reference: reference.trim() } : {}),
                  })
                }
              >
                {t('tech.billing.recordPayment')}
              </Button>
            </>
          )}
          {billing.customerPays > 0 && billing.balance === 0 && (
            <Alert color="green">{t('tech.billing.paidInFull')}</Alert>
          )}
        </Stack>
      </Card>

      <ServiceReportButton workOrderId={id} number={found.summary.number} />
    </Stack>
  );
}
