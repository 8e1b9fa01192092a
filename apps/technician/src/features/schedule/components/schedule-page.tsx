import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { formatDayWithWeekday } from '@purnajual/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../components/use-now';
import { addDays, localDay, weekStart } from '../../../data/local-time';
import { useTimeZone } from '../../../data/profile';
import { AppointmentList } from './appointment-list';
import { byAppointment, useMyOpenWorkOrders } from './use-my-open-work-orders';

/** The technician's day or week in the branch's time zone, appointments in order. */
export function SchedulePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const timeZone = useTimeZone();
  const today = localDay(useNow(60_000).toISOString(), timeZone);
  const [mode, setMode] = useState<'day' | 'week'>('day');
  const [anchor, setAnchor] = useState(today);
  const open = useMyOpenWorkOrders();

  const days = mode === 'day' ? [anchor] : Array.from({ length: 7 }, (_, index) => addDays(weekStart(anchor), index));
  const onDay = (day: string) =>
    open
      .filter((item) => item.appointmentStart && localDay(item.appointmentStart, timeZone) === day)
      .sort(byAppointment);
  const unscheduled = open.filter((item) => !item.appointmentStart);
  const step = mode === 'day' ? 1 : 7;

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.schedule.title')}
      </Title>
      <SegmentedControl
        fullWidth
        value={mode}
        onChange={(value) => setMode(value === 'week' ? 'week' : 'day')}
        data={[
          { value: 'day', label: t('tech.schedule.day') },
          { value: 'week', label: t('tech.schedule.week') },
        ]}
      />
      <Group justify="space-between">
        <Button
          variant="default"
          onClick={() => setAnchor(addDays(anchor, -step))}
          aria-label={t('tech.schedule.previous')}
        >
          ‹
        </Button>
        <Button variant="subtle" onClick={() => setAnchor(today)}>
          {t('tech.schedule.today')}
        </Button>
        <Button variant="default" onClick={() => setAnchor(addDays(anchor, step))} aria-label={t('tech.schedule.next')}>
          ›
        </Button>
      </Group>
      {days.map((day) => {
        const items = onDay(day);
        return (
          <section key={day} aria-label={formatDayWithWeekday(day, locale)}>
            <Text fw={700} mb={4} c={day === today ? 'teal.9' : undefined}>
              {formatDayWithWeekday(day, locale)}
              {day === today ? ` · ${t('tech.schedule.today')}` : ''}
            </Text>
            {items.length ? (
              <AppointmentList items={items} linkTo={(id) => `/work-orders/${id}`} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('tech.schedule.nothing')}
              </Text>
            )}
          </section>
        );
      })}
      {unscheduled.length > 0 && (
        <section aria-label={t('tech.schedule.unscheduled')}>
          <Text fw={700} mb={4}>
            {t('tech.schedule.unscheduled')}
          </Text>
          <AppointmentList items={unscheduled} linkTo={(id) => `/work-orders/${id}`} />
        </section>
      )}
    </Stack>
  );
}
