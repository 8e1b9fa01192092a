import { Card, Divider, Group, Stack, Text } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

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

/** The itemized bill as the server priced it: lines, tax, what the warranty covers, what is left to pay. */
export function BillCard({ billing }: { billing: WorkOrderBilling }) {
  const { t } = useTranslation();
  return (
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
  );
}
