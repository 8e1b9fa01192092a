import { Badge, Button, Table, Text } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { headOfficeTimeZone, type WebhookDeliveryStatus } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { useDeliveries, useRedeliver } from '../api/integrations';

const statusColors: Record<WebhookDeliveryStatus, string> = { pending: 'yellow', delivered: 'teal', failed: 'red' };

/** A webhook's delivery log, newest first, each with "send again". */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const deliveries = useDeliveries(webhookId);
  const redeliver = useRedeliver();
  const when = (iso: string | null) => (iso ? formatDateTime(iso, headOfficeTimeZone, locale) : '—');
  const items = deliveries.data?.items ?? [];
  return (
    <>
      <ErrorAlert error={deliveries.error ?? redeliver.error} />
      {deliveries.isSuccess && items.length === 0 && <Text c="dimmed">{t('integrations.deliveries.none')}</Text>}
      {items.length > 0 && (
        <Table striped verticalSpacing="xs" aria-label={t('integrations.deliveries.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('integrations.deliveries.event')}</Table.Th>
              <Table.Th>{t('integrations.deliveries.status')}</Table.Th>
              <Table.Th>{t('integrations.deliveries.attempts')}</Table.Th>
              <Table.Th>{t('integrations.deliveries.response')}</Table.Th>
              <Table.Th>{t('integrations.deliveries.lastAttempt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((delivery) => (
              <Table.Tr key={delivery.id}>
                <Table.Td>
                  <Text size="sm">{delivery.eventType}</Text>
                  <Text size="xs" c="dimmed">
                    {when(delivery.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColors[delivery.status]}>
                    {t(`integrations.deliveryStatus.${delivery.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{delivery.attempts}</Table.Td>
                <Table.Td>
                  <Text size="sm">{delivery.lastResponseStatus ?? '—'}</Text>
                  {delivery.lastError && (
                    <Text size="xs" c="red" lineClamp={2}>
                      {delivery.lastError}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{when(delivery.lastAttemptAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    loading={redeliver.isPending && redeliver.variables?.deliveryId === delivery.id}
                    onClick={() => redeliver.mutate({ webhookId, deliveryId: delivery.id })}
                  >
                    {t('integrations.deliveries.redeliver')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </>
  );
}
