import { Alert, Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime } from '@purnajual/client';
import type { TimeZone, WorkOrderDetail } from '@purnajual/contract';
import { StatusBadge } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnitHistory } from '../api/work-orders';

/** A link to another work order, by its number. */
const OrderLink = ({ id, number }: { id: string; number: string }) => (
  <Anchor component={Link} to={`/work-orders/${id}`} ff="monospace" size="sm">
    {number}
  </Anchor>
);

/** The unit's other repairs, newest first, across its owners. */
function UnitHistory({ order, timeZone }: { order: WorkOrderDetail; timeZone: TimeZone }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const history = useUnitHistory(order.product?.id);
  const others = (history.data?.items ?? []).filter((item) => item.id !== order.id);
  if (others.length === 0) return null;
  return (
    <Stack gap={4} mt="sm" data-testid="unit-history">
      <Text size="sm" fw={600}>
        {t('detail.unitHistory')}
      </Text>
      {others.map((item) => (
        <Group key={item.id} gap="xs" wrap="nowrap">
          <OrderLink id={item.id} number={item.number} />
          <StatusBadge status={item.status} />
          <Text size="xs" c="dimmed">
            {formatDateTime(item.createdAt, timeZone, locale)}
            {item.customer.id === order.customer.id ? '' : ` · ${item.customer.name}`}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

/** The unit being repaired, whether this repeats a recent repair of it, and its history. */
export function ProductCard({ order, timeZone }: { order: WorkOrderDetail; timeZone: TimeZone }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const { product, repeatOf } = order;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t('detail.product')}
      </Title>
      {product ? (
        <>
          <Text fw={600}>
            {product.model.brand} {product.model.name}
          </Text>
          <Text size="sm">
            {t('intake.serialNumber')}: {product.serialNumber}
          </Text>
          <Text size="sm" c="dimmed">
            {t('intake.warrantyUntil')}: {formatDate(product.warrantyUntil, locale)}
          </Text>
          {repeatOf && (
            <Alert color="orange" mt="sm" title={t('detail.repeatTitle')} data-testid="repeat-of">
              {t('detail.repeatOf', { when: formatDateTime(repeatOf.completedAt, timeZone, locale) })}{' '}
              <OrderLink id={repeatOf.id} number={repeatOf.number} />
            </Alert>
          )}
          <UnitHistory order={order} timeZone={timeZone} />
        </>
      ) : (
        <Text c="dimmed">{t('intake.noProduct')}</Text>
      )}
    </Card>
  );
}
