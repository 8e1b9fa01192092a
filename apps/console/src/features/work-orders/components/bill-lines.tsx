import { Badge, Group, Table, Text } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { BillingLine, WorkOrderBilling } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

/** Whether the customer has paid; dark shades, as white on Mantine's default green reads below 4.5:1. */
export function PaidState({ billing }: { billing: WorkOrderBilling }) {
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

/** The itemized bill with its totals, what the warranty covers and what is left to pay (or was paid too much). */
export function BillLines({ billing }: { billing: WorkOrderBilling }) {
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
