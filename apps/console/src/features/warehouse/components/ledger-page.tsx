import { Anchor, Group, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatDateTime } from '@purnajual/client';
import type { StockLedgerEntry, StockLocation } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ConnectionIndicator } from '../../../components/ui/connection-indicator';
import { LoadMore } from '../../../components/ui/load-more';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { type LedgerFilters, useLedger, useWorkOrderByNumber, useWorkOrderNumber } from '../api/ledger';
import { stockLocationsQueryOptions, useStockLocations } from '../api/stock';
import { locationLabel, locationOptions } from './location-label';
import { PartPicker } from './part-picker';
import { useWarehouseStream } from './warehouse-section';

/**
 * Every stock movement the user may see, newest first, narrowed by location, part or work
 * order. The location and part filters live in the address, so the stock list links here.
 */
export function LedgerPage() {
  const { t } = useTranslation();
  const live = useWarehouseStream();
  const locations = useStockLocations();
  const [params, setParams] = useSearchParams();
  const locationId = params.get('locationId');
  const partId = params.get('partId');
  const [numberText, setNumberText] = useState('');
  const [number] = useDebouncedValue(numberText.trim().toUpperCase(), 400);
  const workOrder = useWorkOrderByNumber(number);
  const notFound = number !== '' && workOrder.data === null;
  const setParam = (name: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('warehouse.ledger.title')}
        </Title>
        <ConnectionIndicator status={live} />
      </Group>
      <Group align="start">
        <Select
          label={t('warehouse.stock.location')}
          placeholder={t('common.all')}
          clearable
          searchable
          data={locationOptions(locations.items, t)}
          value={locationId}
          onChange={(value) => setParam('locationId', value)}
          w={300}
        />
        <PartPicker
          label={t('warehouse.ledger.part')}
          placeholder={t('common.all')}
          clearable
          value={partId}
          onChange={(part) => setParam('partId', part?.id ?? null)}
          w={360}
        />
        <TextInput
          label={t('warehouse.ledger.workOrder')}
          placeholder="WO-2611-000123"
          value={numberText}
          onChange={(e) => setNumberText(e.currentTarget.value)}
          error={notFound ? t('warehouse.ledger.workOrderNotFound') : undefined}
          w={220}
        />
      </Group>
      <ErrorAlert error={locations.error} />
      {/*
       * An unknown number filters nothing rather than everything. The rows name their
       * locations and take their branch's time: they wait for the locations rather than
       * show "another location" in the wrong zone for a moment.
       */}
      {locations.isSuccess && !notFound && (number === '' || workOrder.data) && (
        <LedgerTable
          filters={{
            locationId: locationId ?? undefined,
            partId: partId ?? undefined,
            workOrderId: workOrder.data?.id,
          }}
          locations={locations.byId}
        />
      )}
    </Stack>
  );
}

function LedgerTable({ filters, locations }: { filters: LedgerFilters; locations: Map<string, StockLocation> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const zoneOf = useTimeZoneOf();
  const ledger = useLedger(filters);
  const entries = ledger.data?.pages.flatMap((page) => page.items) ?? [];
  // A new technician's bag appears with their first parts: look the locations up again
  // rather than call it "another location" until the cached list goes stale.
  const queryClient = useQueryClient();
  const hasUnknownLocation = entries.some((entry) =>
    [entry.fromLocationId, entry.toLocationId].some((id) => id !== null && !locations.has(id)),
  );
  useEffect(() => {
    if (hasUnknownLocation) void queryClient.invalidateQueries({ queryKey: stockLocationsQueryOptions().queryKey });
  }, [hasUnknownLocation, queryClient]);

  /** Null is outside the company: the supplier a receipt came from, or the customer's appliance. */
  const place = (locationId: string | null, entry: StockLedgerEntry) => {
    if (locationId === null) {
      return entry.reason === 'receipt' ? t('warehouse.ledger.supplier') : t('warehouse.ledger.customer');
    }
    const location = locations.get(locationId);
    return location ? locationLabel(location, t) : t('warehouse.ledger.otherLocation');
  };
  const branchOf = (entry: StockLedgerEntry) =>
    locations.get(entry.toLocationId ?? '')?.branchId ?? locations.get(entry.fromLocationId ?? '')?.branchId;

  return (
    <Stack>
      <ErrorAlert error={ledger.error} />
      <ScrollArea>
        <Table striped aria-label={t('warehouse.ledger.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.ledger.at')}</Table.Th>
              <Table.Th>{t('warehouse.ledger.part')}</Table.Th>
              <Table.Th>{t('warehouse.ledger.fromTo')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.quantity')}</Table.Th>
              <Table.Th>{t('warehouse.ledger.reason')}</Table.Th>
              <Table.Th>{t('warehouse.workOrder')}</Table.Th>
              <Table.Th>{t('warehouse.ledger.reference')}</Table.Th>
              <Table.Th>{t('warehouse.ledger.actor')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id} data-testid="ledger-row">
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(entry.at, zoneOf(branchOf(entry)), locale)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {entry.part.partNo}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {entry.part.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {place(entry.fromLocationId, entry)} → {place(entry.toLocationId, entry)}
                </Table.Td>
                <Table.Td ta="right" fw={600}>
                  {entry.quantity}
                </Table.Td>
                <Table.Td>{t(`warehouse.reason.${entry.reason}`)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {entry.workOrderId ? <WorkOrderLink id={entry.workOrderId} /> : '—'}
                </Table.Td>
                <Table.Td>{entry.reference ?? '—'}</Table.Td>
                <Table.Td>{entry.actor.name}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {entries.length === 0 && !ledger.isPending && !ledger.error && (
        <Text c="dimmed" ta="center" py="xl">
          {t('warehouse.ledger.empty')}
        </Text>
      )}
      <LoadMore query={ledger} />
    </Stack>
  );
}

/** The work order's number, read on demand: a ledger line carries only its id. */
function WorkOrderLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const workOrder = useWorkOrderNumber(id);
  return (
    <Anchor component={Link} to={`/work-orders/${id}`} size="sm">
      {workOrder.data?.number ?? t('warehouse.ledger.openWorkOrder')}
    </Anchor>
  );
}
