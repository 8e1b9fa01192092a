import { Button, Card, Group, Stack } from '@mantine/core';
import { formatPhone } from '@purnajual/client';
import type { WorkOrderSummary } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../../components/icons';
import { Field } from './field';

/** Where the customer is and how to reach them: the map, a call, WhatsApp. */
export function CustomerCard({ customer }: { customer: WorkOrderSummary['customer'] }) {
  const { t } = useTranslation();
  const mapsUrl = `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(customer.address)}`;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Field label={t('tech.detail.address')}>{customer.address}</Field>
        <Group grow>
          <Button
            component="a"
            href={mapsUrl}
            target="_blank"
            rel="noopener"
            variant="outline"
            size="md"
            leftSection={<Icon name="map" size={18} />}
          >
            {t('tech.detail.openMap')}
          </Button>
        </Group>
        <Field label={t('tech.detail.phone')}>{formatPhone(customer.phone)}</Field>
        <Group grow>
          <Button
            component="a"
            href={`tel:${customer.phone}`}
            variant="outline"
            size="md"
            leftSection={<Icon name="phone" size={18} />}
          >
            {t('tech.detail.call')}
          </Button>
          <Button
            component="a"
            href={`https://wa.me/${customer.phone.replace(/\D/g, '')}`}
            target="_blank"
            rel="noopener"
            variant="outline"
            size="md"
          >
            WhatsApp
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
