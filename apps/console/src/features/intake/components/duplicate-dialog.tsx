import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { WorkOrderSummary } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProductChoice } from './product-choice';

/**
 * Asked before a second work order for a customer who still has an open one: the caller may
 * be chasing the first. Orders on the same unit come first; opening one is the first choice,
 * so Enter in haste does not create the duplicate.
 */
export function DuplicateDialog({
  orders,
  productId,
  onConfirm,
  onClose,
}: {
  orders: readonly WorkOrderSummary[] | null;
  productId: ProductChoice;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isSameUnit = (order: WorkOrderSummary) => typeof productId === 'string' && order.product?.id === productId;
  const sorted = [...(orders ?? [])].sort((a, b) => Number(isSameUnit(b)) - Number(isSameUnit(a)));
  return (
    <Modal
      opened={orders !== null}
      onClose={onClose}
      title={t('intake.duplicateDialog.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text>{t('intake.duplicateDialog.intro')}</Text>
        <Stack gap="sm" role="list">
          {sorted.map((order, index) => (
            <Group key={order.id} role="listitem" justify="space-between" wrap="nowrap" align="start">
              <div>
                <Group gap="xs">
                  <Text fw={600}>
                    {order.number} · {t(`status.${order.status}`)}
                  </Text>
                  {isSameUnit(order) && (
                    <Badge color="dark" variant="outline">
                      {t('intake.duplicateDialog.sameUnit')}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">
                  {order.product
                    ? `${order.product.model.brand} ${order.product.model.name} · ${order.product.serialNumber}`
                    : t('intake.duplicateDialog.noProduct')}
                </Text>
                <Text size="sm" c="dimmed" lineClamp={2}>
                  {order.complaint}
                </Text>
              </div>
              <Button
                component={Link}
                to={`/work-orders/${order.id}`}
                variant="default"
                style={{ flexShrink: 0 }}
                data-autofocus={index === 0 || undefined}
              >
                {t('intake.duplicateDialog.open', { number: order.number })}
              </Button>
            </Group>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onClose}>
            {t('intake.duplicateDialog.back')}
          </Button>
          <Button onClick={onConfirm}>{t('intake.duplicateDialog.confirm')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
