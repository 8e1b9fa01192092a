import { Stack, Table, Text, Title } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

/**
 * Money going back to the customer: what a reopening or cancellation found paid beyond the
 * bill, with the supervisor's reason, and the refunds and credit notes that gave it back.
 */
export function RefundsView({ billing, when }: { billing: WorkOrderBilling; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const { overpayments, refunds } = billing;
  if (overpayments.length === 0 && refunds.length === 0) return null;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('billing.refunds.title')}
      </Title>
      {overpayments.map((overpayment) => (
        <Text key={overpayment.id} size="sm">
          {t('billing.refunds.overpaid', {
            amount: formatRupiah(overpayment.amount),
            name: overpayment.recordedBy.name,
            at: when(overpayment.at),
            reason: overpayment.reason,
          })}
        </Text>
      ))}
      {refunds.length > 0 && (
        <Table aria-label={t('billing.refunds.title')} verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.payments.at')}</Table.Th>
              <Table.Th>{t('billing.refunds.kindLabel')}</Table.Th>
              <Table.Th ta="right">{t('billing.payments.amount')}</Table.Th>
              <Table.Th>{t('billing.refunds.number')}</Table.Th>
              <Table.Th>{t('billing.refunds.reason')}</Table.Th>
              <Table.Th>{t('billing.refunds.recordedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refunds.map((refund) => (
              <Table.Tr key={refund.id}>
                <Table.Td>{when(refund.at)}</Table.Td>
                <Table.Td>
                  {t(`billing.refunds.kind.${refund.kind}`)}
                  {refund.method && ` · ${t(`billing.method.${refund.method}`)}`}
                  {refund.reference && ` · ${refund.reference}`}
                </Table.Td>
                <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {formatRupiah(refund.amount)}
                </Table.Td>
                <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {refund.number}
                </Table.Td>
                <Table.Td>{refund.reason}</Table.Td>
                <Table.Td>{refund.recordedBy.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
