import { Card, Group, Stack, Text } from '@mantine/core';
import { StatusBadge } from '@purnajual/ui';
import { Link } from 'react-router';
import type { StoredWorkOrder } from '../../../data/db';
import { localTime } from '../../../data/local-time';
import { useTimeZone } from '../../../data/profile';

/** Work orders of one day in time order: window, customer, where. */
export function AppointmentList({ items, linkTo }: { items: StoredWorkOrder[]; linkTo: (id: string) => string }) {
  const timeZone = useTimeZone();
  return (
    <Stack gap="xs">
      {items.map((item) => (
        <Card key={item.id} component={Link} to={linkTo(item.id)} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Text fw={700} ff="monospace" miw={96}>
              {item.appointmentStart && item.appointmentEnd
                ? `${localTime(item.appointmentStart, timeZone)}–${localTime(item.appointmentEnd, timeZone)}`
                : '—'}
            </Text>
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <Text fw={600} truncate>
                {item.customer.name}
              </Text>
              <Text size="sm" lineClamp={1}>
                {item.customer.address}
              </Text>
            </Stack>
            <StatusBadge status={item.status} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
