import { Card, Group, Stack, Text } from '@mantine/core';
import { formatTimeRange } from '@purnajual/client';
import { StatusBadge } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StoredWorkOrder } from '../../../data/db';
import { useTimeZone } from '../../../data/profile';

/** Work orders of one day in time order: hours, customer, where. */
export function AppointmentList({ items, linkTo }: { items: StoredWorkOrder[]; linkTo: (id: string) => string }) {
  const { i18n } = useTranslation();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Stack gap="xs">
      {items.map((item) => (
        <Card key={item.id} component={Link} to={linkTo(item.id)} withBorder padding="sm">
          {/* The hours with their zone over the customer: on a 360 px phone neither is cut. */}
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text fw={700} ff="monospace">
              {formatTimeRange(item.appointmentStart, item.appointmentEnd, timeZone, locale)}
            </Text>
            <StatusBadge status={item.status} />
          </Group>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {item.customer.name}
          </Text>
          <Text size="sm" lineClamp={1}>
            {item.customer.address}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
