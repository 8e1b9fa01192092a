import { Alert, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '@purnajual/ui';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../../../components/ui/connection-indicator';
import { LoadMore } from '../../../components/ui/load-more';
import { useWarehouseStream } from './warehouse-section';

interface QueueQuery<T> {
  data: { pages: { items: T[] }[] } | undefined;
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * The frame of a warehouse queue (requests, returns): title and live state, a status
 * filter, what the last action did, the cards, and paging. `section` names the texts.
 */
export function QueuePage<F extends string, T extends { id: string }>({
  section,
  filters,
  initialFilter,
  useItems,
  renderCard,
}: {
  section: 'requests' | 'returns';
  filters: readonly F[];
  initialFilter: F;
  useItems: (filter: F) => QueueQuery<T>;
  renderCard: (item: T, onDone: (message: string) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const live = useWarehouseStream();
  const [filter, setFilter] = useState<F>(initialFilter);
  const query = useItems(filter);
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const [done, setDone] = useState<string | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t(`warehouse.${section}.title`)}
        </Title>
        <ConnectionIndicator status={live} />
      </Group>
      <SegmentedControl
        aria-label={t('warehouse.status')}
        value={filter}
        onChange={(value) => {
          const chosen = filters.find((option) => option === value);
          if (chosen) setFilter(chosen);
        }}
        data={filters.map((value) => ({ value, label: t(`warehouse.${section}.filter.${value}`) }))}
        style={{ alignSelf: 'start' }}
      />
      {done && (
        <Alert
          color="green"
          role="status"
          withCloseButton
          closeButtonLabel={t('common.close')}
          onClose={() => setDone(null)}
        >
          {done}
        </Alert>
      )}
      <Stack gap="sm">{items.map((item) => renderCard(item, setDone))}</Stack>
      <ErrorAlert error={query.error} />
      {items.length === 0 && !query.isPending && !query.error && (
        <Text c="dimmed" ta="center" py="xl">
          {t(`warehouse.${section}.empty`)}
        </Text>
      )}
      <LoadMore query={query} />
    </Stack>
  );
}
