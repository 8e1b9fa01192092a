import { Badge, Card, Stack } from '@mantine/core';
import { formatDate, formatDateTime, formatTimeWindow } from '@purnajual/client';
import type { WorkOrderSummary } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../../../data/profile';
import { Field } from './field';

/** The unit, its warranty, the complaint and when the visit is due, in the branch's time zone. */
export function JobCard({ workOrder }: { workOrder: WorkOrderSummary }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const { product } = workOrder;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Field label={t('tech.detail.product')}>
          {product ? `${product.model.brand} ${product.model.name} (${product.model.code})` : t('common.none')}
        </Field>
        {product && <Field label={t('tech.detail.serialNumber')}>{product.serialNumber}</Field>}
        {workOrder.repeatOf && (
          <Field label={t('tech.detail.repeat')}>
            <Badge color="orange.9" variant="filled">
              {t('tech.detail.repeatBadge')}
            </Badge>{' '}
            {t('tech.detail.repeatOf', {
              number: workOrder.repeatOf.number,
              when: formatDateTime(workOrder.repeatOf.completedAt, timeZone, locale),
            })}
          </Field>
        )}
        <Field label={t('tech.detail.warranty')}>
          <Badge color={workOrder.warrantyStatus === 'in_warranty' ? 'green.9' : 'gray.7'} variant="filled">
            {t(`warranty.${workOrder.warrantyStatus}`)}
          </Badge>
          {product?.warrantyUntil ? ` ${t('tech.detail.until')} ${formatDate(product.warrantyUntil, locale)}` : ''}
        </Field>
        <Field label={t('tech.detail.complaint')}>{workOrder.complaint}</Field>
        <Field label={t('tech.detail.service')}>
          {t(`serviceType.${workOrder.serviceType}`)} · {t(`priority.${workOrder.priority}`)}
        </Field>
        <Field label={t('tech.workOrders.appointment')}>
          {workOrder.appointmentStart
            ? formatTimeWindow(workOrder.appointmentStart, workOrder.appointmentEnd, timeZone, locale)
            : t('tech.detail.noAppointment')}
        </Field>
        <Field label={t('tech.workOrders.slaDue')}>{formatDateTime(workOrder.slaDueAt, timeZone, locale)}</Field>
      </Stack>
    </Card>
  );
}
