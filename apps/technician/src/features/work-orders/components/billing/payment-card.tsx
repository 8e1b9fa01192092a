import { Alert, Button, Card, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import { type PaymentMethod, paymentMethods, type WorkOrderBilling } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../../../data/profile';
import { queuePayment } from '../../../../data/queue';

const isMethod = (value: string): value is PaymentMethod => paymentMethods.some((method) => method === value);

interface PaymentCardProps {
  workOrderId: string;
  billing: WorkOrderBilling;
  /** The server takes a payment against the current approval only (a queued approval goes first). */
  mayPay: boolean;
}

/** Payments recorded so far, and a new one towards the balance once the customer has approved. */
export function PaymentCard({ workOrderId, billing, mayPay }: PaymentCardProps) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const [method, setMethod] = useState<PaymentMethod>('cash');
  // Null until the technician types: the balance, as the server last said. Emptied, it is no amount.
  const [amount, setAmount] = useState<number | string | null>(null);
  const [reference, setReference] = useState('');
  const payAmount = amount === null ? billing.balance : typeof amount === 'number' ? amount : 0;
  const pay = () =>
    void queuePayment(workOrderId, {
      method,
      amount: payAmount,
      ...(method !== 'cash' && reference.trim() ? { reference: reference.trim() } : {}),
    });

  return (
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
              value={amount ?? billing.balance}
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
            <Button size="lg" disabled={payAmount < 1} onClick={pay}>
              {t('tech.billing.recordPayment')}
            </Button>
          </>
        )}
        {billing.customerPays > 0 && billing.balance === 0 && (
          <Alert color="green">{t('tech.billing.paidInFull')}</Alert>
        )}
      </Stack>
    </Card>
  );
}
