import { Anchor, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import type { KpiDrillDown, KpiQuery, WorkOrderSummary } from '@purnajual/contract';
import { ErrorAlert, StatusBadge } from '@purnajual/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/ui/load-more';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { useKpiWorkOrders } from '../api/reports';
import { drillDownColumns, formatCell, type Locale, type ReportCell, tableOf } from '../report-table';
import { ExportButtons } from './export-buttons';

/** The work orders behind one figure, with links to their detail and downloads of what is shown. */
export function DrillDownTable({ kpi, query }: { kpi: KpiDrillDown; query: KpiQuery }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'en' ? 'en' : 'id';
  const titleId = useId();
  const zoneOf = useTimeZoneOf();
  const workOrders = useKpiWorkOrders(kpi, query);
  const orders = workOrders.data?.pages.flatMap((page) => page.items) ?? [];
  const title = t(`reports.drillDown.${kpi}`);
  const columns = drillDownColumns(t, zoneOf);
  const shown = (order: WorkOrderSummary, key: string, cell: ReportCell) => {
    if (key === 'number') {
      return (
        <Anchor component={Link} to={`/work-orders/${order.id}`} size="sm" ff="monospace">
          {formatCell(cell, locale)}
        </Anchor>
      );
    }
    if (key === 'status') return <StatusBadge status={order.status} />;
    return formatCell(cell, locale);
  };

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        <ExportButtons
          table={() => tableOf(columns, orders)}
          fileStem={`${kpi}-${query.from}-${query.to}`}
          title={title}
          labels={{ csv: t('reports.exportRows'), xlsx: t('reports.exportRowsXlsx') }}
          disabled={workOrders.isPending}
        />
      </Group>
      <ErrorAlert error={workOrders.error} />
      <ScrollArea>
        <Table striped aria-labelledby={titleId}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key}>{column.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((order) => (
              <Table.Tr key={order.id} data-testid="drill-down-row">
                {columns.map((column) => {
                  const cell = column.cell(order);
                  return (
                    <Table.Td key={column.key} style={column.key === 'customer' ? undefined : { whiteSpace: 'nowrap' }}>
                      {shown(order, column.key, cell)}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {orders.length === 0 && !workOrders.isPending && !workOrders.error && (
        <Text c="dimmed" ta="center" py="xl">
          {t('reports.table.empty')}
        </Text>
      )}
      <LoadMore query={workOrders} />
    </Paper>
  );
}
