import { Card, Group, Stack, Text } from '@mantine/core';
import { formatDateTime, formatTimeWindow } from '@purnajual/client';
import { StatusBadge } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StoredWorkOrder } from '../../../data/db';
import { useTimeZone } from '../../../data/profile';

export function WorkOrderCard({ workOrder }: { workOrder: StoredWorkOrder }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Card component={Link} to={`/work-orders/${workOrder.id}`} withBorder padding="sm" radius="md">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={700} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            {workOrder.customer.name}
          </Text>
          <StatusBadge status={workOrder.status} />
        </Group>
        <Text size="sm" lineClamp={2}>
          {workOrder.customer.address}
        </Text>
        <Text size="sm" c="dimmed">
          {workOrder.number}
          {workOrder.product ? ` · ${workOrder.product.model.brand} ${workOrder.product.model.name}` : ''}
        </Text>
        <Text size="sm" fw={500}>
          {workOrder.appointmentStart
            ? `${t('tech.workOrders.appointment')}: ${formatTimeWindow(workOrder.appointmentStart, workOrder.appointmentEnd, timeZone, locale)}`
            : `${t('tech.workOrders.slaDue')}: ${formatDateTime(workOrder.slaDueAt, timeZone, locale)}`}
        </Text>
      </Stack>
    </Card>
  );
}
