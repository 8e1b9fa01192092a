import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { formatTimeWindow } from '@purnajual/client';
import { timeZoneLabels } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { addDays, localDay, localTime, toInstant } from '../../../data/local-time';
import { useProfile, useTimeZone } from '../../../data/profile';
import { queueTransition, technicianActions } from '../../../data/queue';
import { useWorkOrder } from '../../../data/work-orders';
import { useMyOpenWorkOrders } from './use-my-open-work-orders';

/**
 * Agree the visit window with the customer. One over another of the technician's open
 * appointments is not saved (the server refuses it too, `appointment_conflict`): the
 * others are named, to choose another time; only the office books over one.
 */
export function SetAppointmentPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const me = useProfile()?.user.id ?? '';
  const timeZone = useTimeZone();
  const found = useWorkOrder(id);
  const open = useMyOpenWorkOrders();
  const workOrder = found?.summary;
  const tomorrow = addDays(localDay(new Date().toISOString(), timeZone), 1);
  const [day, setDay] = useState(
    workOrder?.appointmentStart ? localDay(workOrder.appointmentStart, timeZone) : tomorrow,
  );
  const [start, setStart] = useState(
    workOrder?.appointmentStart ? localTime(workOrder.appointmentStart, timeZone) : '09:00',
  );
  const [end, setEnd] = useState(workOrder?.appointmentEnd ? localTime(workOrder.appointmentEnd, timeZone) : '11:00');

  if (!found) return null;
  if (!workOrder) return <Navigate to="/appointments" replace />;
  if (!technicianActions(workOrder, me).includes('schedule')) return <Navigate to={`/work-orders/${id}`} replace />;

  const valid = /^\d{4}-\d{2}-\d{2}$/.test(day) && /^\d{2}:\d{2}$/.test(start) && /^\d{2}:\d{2}$/.test(end);
  const startAt = valid ? toInstant(day, start, timeZone) : '';
  const endAt = valid ? toInstant(day, end, timeZone) : '';
  const ordered = valid && endAt > startAt;
  const conflicts = ordered
    ? open.filter(
        (item) =>
          item.id !== id &&
          item.appointmentStart &&
          item.appointmentEnd &&
          item.appointmentStart < endAt &&
          startAt < item.appointmentEnd,
      )
    : [];
  const locale = i18n.language === 'en' ? 'en' : 'id';

  const save = async () => {
    if (!ordered || conflicts.length > 0) return;
    await queueTransition(workOrder, { action: 'schedule', appointmentStart: startAt, appointmentEnd: endAt }, me);
    navigate(`/work-orders/${id}`, { replace: true });
  };

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.appointments.set')}
      </Title>
      <Text>
        {workOrder.customer.name} · {workOrder.number}
      </Text>
      <TextInput
        size="lg"
        type="date"
        label={t('tech.appointments.date')}
        value={day}
        onChange={(e) => setDay(e.currentTarget.value)}
      />
      <Group grow>
        <TextInput
          size="lg"
          type="time"
          label={`${t('tech.appointments.from')} (${timeZoneLabels[timeZone]})`}
          value={start}
          onChange={(e) => setStart(e.currentTarget.value)}
        />
        <TextInput
          size="lg"
          type="time"
          label={`${t('tech.appointments.to')} (${timeZoneLabels[timeZone]})`}
          value={end}
          onChange={(e) => setEnd(e.currentTarget.value)}
          error={valid && !ordered ? t('tech.appointments.endBeforeStart') : null}
        />
      </Group>
      {conflicts.length > 0 && (
        <Alert color="orange" role="alert" title={t('tech.appointments.conflicts', { count: conflicts.length })}>
          <Stack gap={4}>
            <Text size="sm">{t('tech.appointments.conflictsHint')}</Text>
            {conflicts.map((item) => (
              <Text key={item.id} size="sm">
                {formatTimeWindow(item.appointmentStart, item.appointmentEnd, timeZone, locale)} · {item.customer.name}{' '}
                ({item.number})
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Button size="lg" disabled={!ordered || conflicts.length > 0} onClick={() => void save()}>
        {t('common.save')}
      </Button>
    </Stack>
  );
}
