import {
  Anchor,
  Badge,
  Button,
  Group,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatRupiah } from '@purnajual/client';
import { catalogRoles } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConnectionIndicator } from '../../../components/ui/connection-indicator';
import { LoadMore } from '../../../components/ui/load-more';
import { useMe } from '../../../components/use-me';
import { type StockFilters, useStock, useStockLocations } from '../api/stock';
import { locationOptions } from './location-label';
import { ReceiptForm } from './receipt-form';
import { useWarehouseStream } from './warehouse-section';

/** What one location holds: a branch warehouse, its defective bin or a technician's bag. */
export function StockPage() {
  const { t } = useTranslation();
  const live = useWarehouseStream();
  const me = useMe();
  const locations = useStockLocations();
  const [chosen, setChosen] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const [show, setShow] = useState<'all' | 'low'>('all');
  const [receiving, setReceiving] = useState(false);
  const warehouses = locations.items.filter((location) => location.kind === 'warehouse');
  // The clerk's own branch warehouse first: that is where most of the day's work is.
  const home = warehouses.find((location) => location.branchId === me.data?.branchId) ?? warehouses[0];
  const locationId = chosen ?? home?.id ?? null;
  const location = locationId ? locations.byId.get(locationId) : undefined;
  const canReceive = catalogRoles.some((role) => role === me.data?.role);
  // Reorder levels are a warehouse's minimum; a bag or the defective bin has none.
  const lowStock = show === 'low' && location?.kind === 'warehouse';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('warehouse.stock.title')}
        </Title>
        <Group>
          {canReceive && !receiving && (
            <Button onClick={() => setReceiving(true)} disabled={warehouses.length === 0}>
              {t('warehouse.receipt.open')}
            </Button>
          )}
          <ConnectionIndicator status={live} />
        </Group>
      </Group>

      {receiving && (
        <ReceiptForm
          warehouses={warehouses}
          defaultLocationId={location?.kind === 'warehouse' ? location.id : (home?.id ?? null)}
          onClose={() => setReceiving(false)}
        />
      )}

      <ErrorAlert error={locations.error} />
      <Group align="end">
        <Select
          label={t('warehouse.stock.location')}
          allowDeselect={false}
          searchable
          data={locationOptions(locations.items, t)}
          value={locationId}
          onChange={setChosen}
          w={320}
        />
        <TextInput
          label={t('common.search')}
          placeholder={t('warehouse.stock.searchHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={280}
        />
        {location?.kind === 'warehouse' && (
          <SegmentedControl
            aria-label={t('warehouse.stock.show')}
            value={show}
            onChange={(value) => setShow(value === 'low' ? 'low' : 'all')}
            data={[
              { value: 'all', label: t('warehouse.stock.allParts') },
              { value: 'low', label: t('warehouse.stock.lowOnly') },
            ]}
          />
        )}
      </Group>

      {locationId && <StockTable filters={{ locationId, q: q || undefined, lowStock }} />}
    </Stack>
  );
}

function StockTable({ filters }: { filters: StockFilters }) {
  const { t } = useTranslation();
  const stock = useStock(filters);
  const items = stock.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <ErrorAlert error={stock.error} />
      <ScrollArea>
        <Table striped aria-label={t('warehouse.stock.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('warehouse.part.partNo')}</Table.Th>
              <Table.Th>{t('warehouse.part.name')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.stock.quantity')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.stock.reorderLevel')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.part.price')}</Table.Th>
              <Table.Th ta="right">{t('warehouse.stock.value')}</Table.Th>
              <Table.Th>{t('warehouse.stock.state')}</Table.Th>
              <Table.Th>{t('warehouse.stock.movements')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <Table.Tr key={item.part.id} data-testid="stock-row">
                <Table.Td ff="monospace">{item.part.partNo}</Table.Td>
                <Table.Td>{item.part.name}</Table.Td>
                <Table.Td ta="right" fw={600} data-testid="stock-quantity">
                  {item.quantity}
                </Table.Td>
                <Table.Td ta="right">{item.part.reorderLevel || '—'}</Table.Td>
                <Table.Td ta="right">{formatRupiah(item.part.price)}</Table.Td>
                {/* At today's price, as the catalog states it. */}
                <Table.Td ta="right">{formatRupiah(item.quantity * item.part.price)}</Table.Td>
                <Table.Td>
                  {item.isLow && (
                    <Badge color="red" variant="filled">
                      {t('warehouse.stock.low')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor
                    component={Link}
                    size="sm"
                    to={`/warehouse/ledger?locationId=${filters.locationId}&partId=${item.part.id}`}
                    aria-label={t('warehouse.stock.movementsOf', { partNo: item.part.partNo })}
                  >
                    {t('warehouse.stock.movements')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {items.length === 0 && !stock.isPending && (
        <Text c="dimmed" ta="center" py="xl">
          {filters.lowStock ? t('warehouse.stock.noneLow') : t('warehouse.stock.empty')}
        </Text>
      )}
      <LoadMore query={stock} />
    </Stack>
  );
}
