import { Stack, Text, Title } from '@mantine/core';
import { workOrderTransitions } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../components/use-now';
import { AppointmentList } from './appointment-list';
import { byAppointment, useMyOpenWorkOrders } from './use-my-open-work-orders';

const schedulable = new Set(workOrderTransitions.schedule.from);

/** Appointments agreed with customers, and the work orders that still need one. */
export function AppointmentsPage() {
  const { t } = useTranslation();
  const now = useNow(60_000).toISOString();
  const open = useMyOpenWorkOrders();
  const upcoming = open.filter((item) => item.appointmentEnd && item.appointmentEnd >= now).sort(byAppointment);
  const needed = open.filter((item) => !item.appointmentStart && schedulable.has(item.status));
  const linkTo = (id: string) => `/work-orders/${id}/appointment`;

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.appointments.title')}
      </Title>
      <section aria-label={t('tech.appointments.needed')}>
        <Text fw={700} mb={4}>
          {t('tech.appointments.needed')} ({needed.length})
        </Text>
        {needed.length ? (
          <AppointmentList items={needed} linkTo={linkTo} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('tech.appointments.noneNeeded')}
          </Text>
        )}
      </section>
      <section aria-label={t('tech.appointments.upcoming')}>
        <Text fw={700} mb={4}>
          {t('tech.appointments.upcoming')} ({upcoming.length})
        </Text>
        {upcoming.length ? (
          <AppointmentList items={upcoming} linkTo={linkTo} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('tech.appointments.noneUpcoming')}
          </Text>
        )}
      </section>
    </Stack>
  );
}
