import { Paper, SimpleGrid, Text } from '@mantine/core';
import { formatDuration, formatRupiah } from '@purnajual/client';
import type { KpiDrillDown, Kpis } from '@purnajual/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

type Locale = 'id' | 'en';

/** One card: its text key, its figure as shown, a line under it, and the work orders behind it. */
export interface KpiFigure {
  key: string;
  value: string;
  hint?: string | undefined;
  drillDown?: KpiDrillDown | undefined;
}

const numberFormats = { id: new Intl.NumberFormat('id-ID'), en: new Intl.NumberFormat('en-GB') };
const percentFormats = {
  id: new Intl.NumberFormat('id-ID', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }),
};
const ratingFormats = {
  id: new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};

const none = '—';
const count = (value: number, locale: Locale) => numberFormats[locale].format(value);
const rate = (value: number | null, locale: Locale) => (value === null ? none : percentFormats[locale].format(value));
const duration = (value: number | null, locale: Locale) => (value === null ? none : formatDuration(value, locale));

/** The figures of the cards, in their order; the CSV of the figures is these too. */
export function kpiFigures(kpis: Kpis, t: TFunction, locale: Locale): KpiFigure[] {
  return [
    { key: 'received', value: count(kpis.received, locale), drillDown: 'received' },
    { key: 'completed', value: count(kpis.completed, locale), drillDown: 'completed' },
    { key: 'open', value: count(kpis.open, locale), drillDown: 'open' },
    { key: 'overdue', value: count(kpis.overdue, locale), drillDown: 'overdue' },
    { key: 'meanRepair', value: duration(kpis.meanRepairSeconds, locale) },
    { key: 'medianRepair', value: duration(kpis.medianRepairSeconds, locale) },
    { key: 'firstTimeFix', value: rate(kpis.firstTimeFixRate, locale), drillDown: 'firstTimeFix' },
    { key: 'reopen', value: rate(kpis.reopenRate, locale), drillDown: 'reopened' },
    {
      key: 'slaAttainment',
      value: rate(kpis.slaAttainment, locale),
      hint: t('reports.kpi.slaMissedHint'),
      drillDown: 'slaMissed',
    },
    {
      key: 'partsValue',
      value: formatRupiah(kpis.partsValue),
      hint: t('reports.kpi.partsUsed', { count: kpis.partsUsed }),
    },
    { key: 'revenue', value: formatRupiah(kpis.revenue) },
    {
      key: 'csatAverage',
      value: kpis.csatAverage === null ? none : `${ratingFormats[locale].format(kpis.csatAverage)} / 5`,
      drillDown: 'surveyed',
    },
    {
      key: 'csatResponses',
      value: count(kpis.csatResponses, locale),
      hint: t('reports.kpi.responseRate', { rate: rate(kpis.csatResponseRate, locale) }),
      drillDown: 'surveyed',
    },
  ];
}

/** The cards; those with work orders behind them are buttons that open the drill-down. */
export function KpiCards({
  figures,
  selected,
  onSelect,
}: {
  figures: KpiFigure[];
  selected: string | null;
  onSelect: (figure: KpiFigure) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
      {figures.map((figure) => {
        const content = (
          <>
            <Text component="span" display="block" size="sm" c="dimmed">
              {t(`reports.kpi.${figure.key}`)}
            </Text>
            <Text component="span" display="block" fz={22} fw={700} data-testid="kpi-value">
              {figure.value}
            </Text>
            {figure.hint && (
              <Text component="span" display="block" size="xs" c="dimmed">
                {figure.hint}
              </Text>
            )}
          </>
        );
        if (!figure.drillDown) {
          return (
            <Paper key={figure.key} withBorder p="md" data-testid={`kpi-${figure.key}`}>
              {content}
            </Paper>
          );
        }
        const active = selected === figure.key;
        return (
          <Paper
            key={figure.key}
            component="button"
            type="button"
            withBorder
            p="md"
            data-testid={`kpi-${figure.key}`}
            aria-pressed={active}
            onClick={() => onSelect(figure)}
            bg={active ? 'teal.0' : undefined}
            style={{
              cursor: 'pointer',
              textAlign: 'left',
              font: 'inherit',
              borderColor: active ? 'var(--mantine-color-teal-7)' : undefined,
            }}
          >
            {content}
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
