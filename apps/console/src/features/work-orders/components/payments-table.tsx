import { Stack, Table, Text, Title } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { Payment } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

/** The payments taken, with their receipts and who received them. */
export function PaymentsTable({ payments, when }: { payments: Payment[]; when: (iso: string) => string }) {
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
