import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { KpiDrillDown, Kpis } from '@purnajual/contract';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatCell, type Locale, type ReportFigure } from '../report-table';

/** One card: its figure, a line under it, and the work orders behind it. */
export interface KpiFigure extends ReportFigure {
  hint?: string | undefined;
  drillDown?: KpiDrillDown | undefined;
}

/** The figures of the cards, in their order; the downloads of the figures are these too. */
export function kpiFigures(kpis: Kpis, t: TFunction, locale: Locale): KpiFigure[] {
  return [
    { key: 'received', cell: { kind: 'count', value: kpis.received }, drillDown: 'received' },
    { key: 'completed', cell: { kind: 'count', value: kpis.completed }, drillDown: 'completed' },
    { key: 'open', cell: { kind: 'count', value: kpis.open }, drillDown: 'open' },
    { key: 'overdue', cell: { kind: 'count', value: kpis.overdue }, drillDown: 'overdue' },
    { key: 'meanRepair', cell: { kind: 'duration', seconds: kpis.meanRepairSeconds } },
    { key: 'medianRepair', cell: { kind: 'duration', seconds: kpis.medianRepairSeconds } },
    { key: 'firstTimeFix', cell: { kind: 'rate', value: kpis.firstTimeFixRate }, drillDown: 'firstTimeFix' },
    { key: 'reopen', cell: { kind: 'rate', value: kpis.reopenRate }, drillDown: 'reopened' },
    { key: 'repeatRepair', cell: { kind: 'rate', value: kpis.repeatRepairRate }, drillDown: 'repeated' },
    {
      key: 'slaAttainment',
      cell: { kind: 'rate', value: kpis.slaAttainment },
      hint: t('reports.kpi.slaMissedHint'),
      drillDown: 'slaMissed',
    },
    {
      key: 'partsValue',
      cell: { kind: 'rupiah', value: kpis.partsValue },
      hint: t('reports.kpi.partsUsed', { count: kpis.partsUsed }),
    },
    { key: 'revenue', cell: { kind: 'rupiah', value: kpis.revenue } },
    { key: 'csatAverage', cell: { kind: 'rating', value: kpis.csatAverage }, drillDown: 'surveyed' },
    {
      key: 'csatResponses',
      cell: { kind: 'count', value: kpis.csatResponses },
      hint: t('reports.kpi.responseRate', { rate: formatCell({ kind: 'rate', value: kpis.csatResponseRate }, locale) }),
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
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }}>
      {figures.map((figure) => {
        const content = (
          <>
            <Text component="span" display="block" size="sm" c="dimmed">
              {t(`reports.kpi.${figure.key}`)}
            </Text>
            <Text component="span" display="block" fz={22} fw={700} data-testid="kpi-value">
              {formatCell(figure.cell, locale)}
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
