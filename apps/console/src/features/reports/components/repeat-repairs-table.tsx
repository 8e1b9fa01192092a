import { Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { KpiQuery, RepeatRepairs } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useRepeatRepairs } from '../api/reports';
import { formatCell, type Locale, type ReportColumn, tableOf } from '../report-table';
import { ExportButtons } from './export-buttons';

type Figures = { completed: number; repeated: number; rate: number | null };

function figureColumns<Row extends Figures>(t: TFunction): ReportColumn<Row>[] {
  return [
    {
      key: 'completed',
      header: t('reports.repeats.completed'),
      cell: (row) => ({ kind: 'count', value: row.completed }),
    },
    { key: 'repeated', header: t('reports.repeats.repeated'), cell: (row) => ({ kind: 'count', value: row.repeated }) },
    { key: 'rate', header: t('reports.repeats.rate'), cell: (row) => ({ kind: 'rate', value: row.rate }) },
  ];
}

const technicianColumns = (t: TFunction): ReportColumn<RepeatRepairs['byTechnician'][number]>[] => [
  {
    key: 'technician',
    header: t('reports.repeats.technician'),
    cell: (row) => ({ kind: 'text', value: row.technicianName ?? t('reports.repeats.unassigned') }),
  },
  ...figureColumns(t),
];

const modelColumns = (t: TFunction): ReportColumn<RepeatRepairs['byModel'][number]>[] => [
  {
    key: 'model',
    header: t('reports.repeats.model'),
    cell: (row) => ({
      kind: 'text',
      value:
        row.modelCode === null ? t('reports.repeats.noUnit') : `${row.brand ?? ''} ${row.name ?? row.modelCode}`.trim(),
    }),
  },
  ...figureColumns(t),
];

function FiguresTable<Row>({
  title,
  columns,
  rows,
  rowKey,
  fileStem,
}: {
  title: string;
  columns: ReportColumn<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  fileStem: string;
}) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'id';
  const titleId = useId();
  const table = tableOf(columns, rows);
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5" id={titleId}>
          {title}
        </Title>
        <ExportButtons
          table={() => table}
          fileStem={fileStem}
          title={title}
          labels={{ csv: t('reports.exportRows'), xlsx: t('reports.exportRowsXlsx') }}
          disabled={rows.length === 0}
        />
      </Group>
      <ScrollArea>
        <Table striped aria-labelledby={titleId}>
          <Table.Thead>
            <Table.Tr>
              {table.headers.map((header) => (
                <Table.Th key={header}>{header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={rowKey(row)}>
                {columns.map((column) => (
                  <Table.Td key={column.key}>{formatCell(column.cell(row), locale)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {rows.length === 0 && (
        <Text c="dimmed" ta="center" py="md">
          {t('reports.repeats.empty')}
        </Text>
      )}
    </Paper>
  );
}

/** The period's repeat repairs by who did the first repair and by model, with downloads. */
export function RepeatRepairsTables({ query }: { query: KpiQuery }) {
  const { t } = useTranslation();
  const repeats = useRepeatRepairs(query);
  const stem = `${query.from}-${query.to}`;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('reports.repeats.title')}
      </Title>
      <ErrorAlert error={repeats.error} />
      {repeats.data && (
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <FiguresTable
            title={t('reports.repeats.byTechnician')}
            columns={technicianColumns(t)}
            rows={repeats.data.byTechnician}
            rowKey={(row) => row.technicianId ?? 'none'}
            fileStem={`repeats-technicians-${stem}`}
          />
          <FiguresTable
            title={t('reports.repeats.byModel')}
            columns={modelColumns(t)}
            rows={repeats.data.byModel}
            rowKey={(row) => row.modelCode ?? 'none'}
            fileStem={`repeats-models-${stem}`}
          />
        </SimpleGrid>
      )}
    </Stack>
  );
}
