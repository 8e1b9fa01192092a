import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { formatPhone } from '@purnajual/client';
import type { Customer, WorkOrderSummary } from '@purnajual/contract';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** Mantine's yellow title on yellow is 2:1: the warning reads in the text colour, on the palest yellow. */
const noticeStyles = { title: { color: 'var(--mantine-color-text)' } };

/** The caller as the agent found them, their open work orders, and (as `children`) the unit. */
export function SelectedCustomer({
  customer,
  openOrders,
  onChange,
  children,
}: {
  customer: Customer;
  openOrders: readonly WorkOrderSummary[];
  onChange: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h5">
          {t('intake.selected')}
        </Title>
        <Button size="xs" variant="subtle" onClick={onChange}>
          {t('intake.change')}
        </Button>
      </Group>
      <Text fw={600}>{customer.name}</Text>
      <Text size="sm">{customer.address}</Text>
      <Group gap="xs" role="list" aria-label={t('intake.phones')}>
        {customer.phones.map((phone) => (
          <Text key={phone.number} size="sm" role="listitem" fw={phone.isPrimary ? 600 : undefined}>
            {formatPhone(phone.number)} ({t(`intake.phoneLabels.${phone.label}`)}
            {phone.isPrimary ? `, ${t('intake.primary').toLowerCase()}` : ''})
          </Text>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        {customer.areaName}
      </Text>
      {openOrders.length > 0 && (
        <Alert color="yellow" bg="yellow.0" title={t('intake.duplicates')} styles={noticeStyles}>
          {openOrders.map((o) => (
            <Anchor key={o.id} component={Link} to={`/work-orders/${o.id}`} mr="sm">
              {o.number} ({t(`status.${o.status}`)})
            </Anchor>
          ))}
        </Alert>
      )}
      {children}
    </Stack>
  );
}
