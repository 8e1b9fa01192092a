import { Alert, Badge, Button, Card, Group, Image, Stack, Text, Title } from '@mantine/core';
import { formatDate, formatDateTime, formatPhone, formatTimeWindow } from '@purnajual/client';
import { OfflineTimeNote, StatusBadge } from '@purnajual/ui';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Icon } from '../../../components/icons';
import { useProfile, useTimeZone } from '../../../data/profile';
import { dismissRejected } from '../../../data/queue';
import { rejectionMessage } from '../../../data/rejection';
import { useQueuedChanges, useWorkOrder } from '../../../data/work-orders';
import { ActionBar } from './action-bar';
import { PhotoGrid } from './photo-grid';
import { RepairTimer } from './repair-timer';
import { useWorkOrderRead } from './use-work-order-read';
import { WorkOrderPending } from './work-order-pending';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div">{children}</Text>
    </div>
  );
}

export function WorkOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useProfile()?.user.id ?? '';
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const found = useWorkOrder(id);
  const queued = useQueuedChanges(id);
  const read = useWorkOrderRead(id);

  const workOrder = found?.detail ?? found?.summary;
  // Until the store has answered, nothing is known yet, whatever the read says.
  if (!workOrder) return <WorkOrderPending read={found ? read : { state: 'reading' }} />;

  const detail = found?.detail;
  const rejected = queued.filter((change) => change.state === 'rejected');
  const pending = queued.filter((change) => change.state === 'pending');
  const phoneDigits = workOrder.customer.phone.replace(/\D/g, '');
  const mapsUrl = `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(workOrder.customer.address)}`;
  const showTimer = workOrder.inProgressSince !== null || workOrder.repairSeconds > 0;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h3">
            {workOrder.customer.name}
          </Title>
          <Text c="dimmed">{workOrder.number}</Text>
        </div>
        <StatusBadge status={workOrder.status} />
      </Group>

      {rejected.map((change) => (
        <Alert
          key={change.seq}
          color="red"
          role="alert"
          title={t('tech.sync.rejectedTitle', { action: t(`tech.sync.label.${change.label}`) })}
        >
          <Stack gap="xs">
            <Text size="sm">{rejectionMessage(change, found?.summary, t)}</Text>
            <Button
              size="compact-md"
              variant="white"
              color="red"
              onClick={() => change.seq && void dismissRejected(change.seq)}
            >
              {t('tech.sync.dismiss')}
            </Button>
          </Stack>
        </Alert>
      ))}
      {pending.length > 0 && (
        <Alert color="yellow" icon={<Icon name="sync" size={18} />}>
          {t('tech.sync.waitingHere', { count: pending.length })}
        </Alert>
      )}

      {showTimer && <RepairTimer workOrder={workOrder} />}
      <ActionBar workOrder={workOrder} me={me} />
      {workOrder.technicianId === me &&
        ['accepted', 'scheduled', 'en_route', 'in_progress', 'on_hold', 'completed'].includes(workOrder.status) && (
          <Button component={Link} to={`/work-orders/${workOrder.id}/billing`} variant="outline" size="md">
            {t('tech.billing.open')}
          </Button>
        )}
      {workOrder.technicianId === me && !['completed', 'closed', 'cancelled'].includes(workOrder.status) && (
        <Button component={Link} to={`/parts/request?workOrderId=${workOrder.id}`} variant="outline" size="md">
          {t('tech.parts.requestForThis')}
        </Button>
      )}

      <Card withBorder>
        <Stack gap="sm">
          <Field label={t('tech.detail.address')}>{workOrder.customer.address}</Field>
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
          <Field label={t('tech.detail.phone')}>{formatPhone(workOrder.customer.phone)}</Field>
          <Group grow>
            <Button
              component="a"
              href={`tel:${workOrder.customer.phone}`}
              variant="outline"
              size="md"
              leftSection={<Icon name="phone" size={18} />}
            >
              {t('tech.detail.call')}
            </Button>
            <Button
              component="a"
              href={`https://wa.me/${phoneDigits}`}
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

      <Card withBorder>
        <Stack gap="sm">
          <Field label={t('tech.detail.product')}>
            {workOrder.product
              ? `${workOrder.product.model.brand} ${workOrder.product.model.name} (${workOrder.product.model.code})`
              : t('common.none')}
          </Field>
          {workOrder.product && <Field label={t('tech.detail.serialNumber')}>{workOrder.product.serialNumber}</Field>}
          <Field label={t('tech.detail.warranty')}>
            <Badge color={workOrder.warrantyStatus === 'in_warranty' ? 'green.9' : 'gray.7'} variant="filled">
              {t(`warranty.${workOrder.warrantyStatus}`)}
            </Badge>
            {workOrder.product?.warrantyUntil
              ? ` ${t('tech.detail.until')} ${formatDate(workOrder.product.warrantyUntil, locale)}`
              : ''}
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

      {(detail?.attachments.length || pending.some((change) => change.photo)) && (
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('tech.report.photos')}
          </Title>
          <PhotoGrid detail={detail} queued={queued} />
        </Card>
      )}

      {detail && detail.partsUsed.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('tech.report.partsUsed')}
          </Title>
          {detail.partsUsed.map((part) => (
            <Text key={part.partId}>
              {part.quantity} × {part.name} ({part.partNo})
            </Text>
          ))}
        </Card>
      )}

      {detail?.report && (
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h5">
              {t('tech.report.title')}
            </Title>
            <Field label={t('tech.report.diagnosis')}>{detail.report.diagnosis}</Field>
            <Field label={t('tech.report.actionTaken')}>{detail.report.actionTaken}</Field>
            <Field label={t('tech.report.result')}>{t(`tech.result.${detail.report.result}`)}</Field>
            <Image src={detail.report.signatureUrl} alt={t('tech.report.signature')} h={120} fit="contain" bg="white" />
          </Stack>
        </Card>
      )}

      {detail && (
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('tech.detail.history')}
          </Title>
          <Stack gap="xs">
            {detail.history.map((entry) => (
              <div key={entry.id}>
                <Text size="sm" fw={600}>
                  {t(`status.${entry.toStatus}`)}
                  {entry.actor ? ` · ${entry.actor.name}` : ''}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(entry.at, timeZone, locale)}
                  {entry.note ? ` · ${entry.note}` : ''}
                </Text>
                {entry.receivedAt && (
                  <OfflineTimeNote
                    receivedAt={formatDateTime(entry.receivedAt, timeZone, locale)}
                    timeAdjusted={entry.timeAdjusted}
                  />
                )}
              </div>
            ))}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
