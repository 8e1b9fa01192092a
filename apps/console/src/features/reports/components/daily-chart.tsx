import { Paper, Title } from '@mantine/core';
import type { KpiDay } from '@purnajual/contract';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const dayFormats = {
  id: new Intl.DateTimeFormat('id-ID', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' }),
};

/** Work orders received and completed on each local day of the period. */
export function DailyChart({ series }: { series: KpiDay[] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const dayFormat = dayFormats[i18n.language === 'en' ? 'en' : 'id'];
  const dayLabel = (day: unknown) => (typeof day === 'string' ? dayFormat.format(new Date(`${day}T00:00:00Z`)) : '');
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Title order={2} size="h4" id={titleId} mb="sm">
        {t('reports.chart.title')}
      </Title>
      <div style={{ height: 280 }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="day"
              tickFormatter={dayLabel}
              tick={{ fill: 'var(--mantine-color-dark-6)', fontSize: 12 }}
            />
            <YAxis allowDecimals={false} tick={{ fill: 'var(--mantine-color-dark-6)', fontSize: 12 }} />
            <Tooltip labelFormatter={dayLabel} />
            <Legend formatter={(name) => <span style={{ color: 'var(--mantine-color-dark-7)' }}>{name}</span>} />
            <Bar dataKey="received" name={t('reports.chart.received')} fill="var(--mantine-color-blue-6)" />
            <Bar dataKey="completed" name={t('reports.chart.completed')} fill="var(--mantine-color-teal-6)" />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}
