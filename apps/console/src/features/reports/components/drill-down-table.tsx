import { Anchor, Button, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import type { KpiDrillDown, KpiQuery, WorkOrderSummary } from '@purnajual/contract';
import { ErrorAlert, StatusBadge } from '@purnajual/ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadMore } from '../../../components/ui/load-more';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { useKpiWorkOrders } from '../api/reports';
import { downloadCsv } from '../csv';

/** The work orders behind one figure, with links to their detail and a CSV of what is shown. */
export function DrillDownTable({ kpi, query }: { kpi: KpiDrillDown; query: KpiQuery }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const titleId = useId();
  const zoneOf = useTimeZoneOf();
  const workOrders = useKpiWorkOrders(kpi, query);
  const orders = workOrders.data?.pages.flatMap((page) => page.items) ?? [];
  const title = t(`reports.drillDown.${kpi}`);
  const dates = (order: WorkOrderSummary) => ({
    created: formatDateTime(order.createdAt, zoneOf(order.branchId), locale),
    due: formatDateTime(order.slaDueAt, zoneOf(order.branchId), locale),
  });
  const exportCsv = () =>
    downloadCsv(`${kpi}-${query.from}-${query.to}.csv`, [
      [
        t('reports.table.number'),
        t('reports.table.customer'),
        t('reports.table.status'),
        t('reports.table.created'),
        t('reports.table.due'),
      ],
      ...orders.map((order) => {
        const { created, due } = dates(order);
        return [order.number, order.customer.name, t(`status.${order.status}`), created, due];
      }),
    ]);

  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={titleId}>
          {title}
        </Title>
        <Button variant="default" size="xs" onClick={exportCsv} disabled={workOrders.isPending}>
          {t('reports.exportRows')}
        </Button>
      </Group>
      <ErrorAlert error={workOrders.error} />
      <ScrollArea>
        <Table striped aria-labelledby={titleId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.table.number')}</Table.Th>
              <Table.Th>{t('reports.table.customer')}</Table.Th>
              <Table.Th>{t('reports.table.status')}</Table.Th>
              <Table.Th>{t('reports.table.created')}</Table.Th>
              <Table.Th>{t('reports.table.due')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {orders.map((order) => {
              const { created, due } = dates(order);
              return (
                <Table.Tr key={order.id} data-testid="drill-down-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Anchor component={Link} to={`/work-orders/${order.id}`} size="sm" ff="monospace">
                      {order.number}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{order.customer.name}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={order.status} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{created}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{due}</Table.Td>
                </Table.Tr>
              );
            })}
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
