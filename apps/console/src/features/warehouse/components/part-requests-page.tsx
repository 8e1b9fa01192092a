import { Alert, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../../../components/ui/connection-indicator';
import { type PartRequestFilter, usePartRequests } from '../api/part-requests';
import { LoadMore } from './load-more';
import { PartRequestCard } from './part-request-card';
import { useWarehouseStream } from './warehouse-section';

const filters: PartRequestFilter[] = ['open', 'requested', 'approved', 'issued', 'rejected', 'cancelled', 'all'];

const isFilter = (value: string): value is PartRequestFilter => filters.some((filter) => filter === value);

/** The branch warehouse's queue of technicians' part requests, newest first, live. */
export function PartRequestsPage() {
  const { t } = useTranslation();
  const live = useWarehouseStream();
  const [filter, setFilter] = useState<PartRequestFilter>('open');
  const requests = usePartRequests(filter);
  const items = requests.data?.pages.flatMap((page) => page.items) ?? [];
  const [done, setDone] = useState<string | null>(null);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('warehouse.requests.title')}
        </Title>
        <ConnectionIndicator status={live} />
      </Group>
      <SegmentedControl
        aria-label={t('warehouse.status')}
        value={filter}
        onChange={(value) => {
          if (isFilter(value)) setFilter(value);
        }}
        data={filters.map((value) => ({ value, label: t(`warehouse.requests.filter.${value}`) }))}
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
      <Stack gap="sm">
        {items.map((request) => (
          <PartRequestCard key={request.id} request={request} onDone={setDone} />
        ))}
      </Stack>
      <ErrorAlert error={requests.error} />
      {items.length === 0 && !requests.isPending && !requests.error && (
        <Text c="dimmed" ta="center" py="xl">
          {t('warehouse.requests.empty')}
        </Text>
      )}
      <LoadMore query={requests} />
    </Stack>
  );
}
