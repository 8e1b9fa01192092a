import {
  Badge,
  Card,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  officeRoles,
  timeZoneLabels,
  type WorkOrderStatus,
  workOrderStatuses,
  zonedInstant,
} from '@purnajual/contract';
import { statusColors } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConnectionIndicator } from '../../../components/ui/connection-indicator';
import { useBranchTechnicians } from '../../../components/use-branch-technicians';
import { useBranches } from '../../../components/use-branches';
import { useLiveWorkOrders } from '../../../components/use-live-work-orders';
import { useMe } from '../../../components/use-me';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { useWorkOrderCounts, useWorkOrders } from '../api/work-orders';
import { BoardTable } from './board-table';
import { SlaPanel } from './sla-panel';

const boardColumns: WorkOrderStatus[] = [
  'new',
  'assigned',
  'accepted',
  'scheduled',
  'en_route',
  'in_progress',
  'on_hold',
  'completed',
];

export function BoardPage() {
  const { t } = useTranslation();
  const live = useLiveWorkOrders();
  const branches = useBranches();
  const me = useMe();
  // The SLA lists are the office's (the warehouse sees the board, not the reports).
  const isOffice = officeRoles.some((role) => role === me.data?.role);
  const [view, setView] = useState<'table' | 'columns'>('table');
  const [status, setStatus] = useState<WorkOrderStatus | undefined>();
  const [branchId, setBranchId] = useState<string | undefined>();
  const [technicianId, setTechnicianId] = useState<string | undefined>();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 300);
  const technicians = useBranchTechnicians(branchId === 'none' ? undefined : branchId);
  // The days are the chosen branch's calendar days (else the user's own branch's), not the
  // browser's: a Jakarta agent filtering a Makassar branch means Makassar's days.
  const timeZone = useTimeZoneOf()(branchId);
  const list = useWorkOrders({
    status: view === 'table' ? status : undefined,
    branchId,
    technicianId,
    q: q || undefined,
    from: from ? zonedInstant(from, timeZone) : undefined,
    to: to ? new Date(Date.parse(zonedInstant(to, timeZone)) + 86_400_000).toISOString() : undefined,
  });
  const counts = useWorkOrderCounts(branchId);
  const items = list.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          {t('board.title')}
        </Title>
        <ConnectionIndicator status={live} />
      </Group>

      <SimpleGrid cols={{ base: 3, md: 5, lg: 10 }} spacing="xs" role="group" aria-label={t('board.filterStatus')}>
        {workOrderStatuses.map((s) => (
          <UnstyledButton key={s} onClick={() => setStatus(status === s ? undefined : s)} aria-pressed={status === s}>
            <Paper withBorder p="xs" bg={status === s ? `${statusColors[s]}.0` : undefined}>
              <Text size="xs" c="dimmed">
                {t(`status.${s}`)}
              </Text>
              <Text fw={700} size="lg" data-testid={`count-${s}`}>
                {counts.data?.counts[s] ?? '·'}
              </Text>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>

      <Group align="end">
        <TextInput
          label={t('common.search')}
          placeholder={t('board.filterText')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={320}
        />
        <Select
          label={t('board.filterBranch')}
          placeholder={t('common.all')}
          clearable
          data={[
            { value: 'none', label: t('board.noBranch') },
            ...branches.items.map((b) => ({ value: b.id, label: b.name })),
          ]}
          value={branchId ?? null}
          onChange={(value) => {
            setBranchId(value ?? undefined);
            setTechnicianId(undefined);
          }}
        />
        <Select
          label={t('board.technician')}
          placeholder={t('common.all')}
          clearable
          searchable
          disabled={!branchId || branchId === 'none'}
          data={[
            { value: 'none', label: t('board.unassigned') },
            ...(technicians.data?.items ?? []).map((tech) => ({ value: tech.id, label: tech.name })),
          ]}
          value={technicianId ?? null}
          onChange={(value) => setTechnicianId(value ?? undefined)}
        />
        <TextInput
          type="date"
          label={`${t('board.from')} (${timeZoneLabels[timeZone]})`}
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          type="date"
          label={`${t('board.to')} (${timeZoneLabels[timeZone]})`}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
        <Select
          label={t('board.filterStatus')}
          placeholder={t('common.all')}
          clearable
          data={workOrderStatuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={status ?? null}
          onChange={(value) => setStatus((value as WorkOrderStatus | null) ?? undefined)}
        />
        <SegmentedControl
          aria-label={t('board.view')}
          value={view}
          onChange={(value) => setView(value === 'columns' ? 'columns' : 'table')}
          data={[
            { value: 'table', label: t('board.table') },
            { value: 'columns', label: t('board.columns') },
          ]}
        />
        <Text c="dimmed" size="sm" ml="auto">
          {list.data?.truncated
            ? t('board.countTruncated', { count: items.length })
            : t('board.count', { count: items.length })}
        </Text>
      </Group>

      {isOffice && <SlaPanel branchId={branchId} branches={branches.byId} />}

      {view === 'table' ? (
        <ScrollArea>
          <BoardTable items={items} branches={branches.byId} />
          {items.length === 0 && !list.isPending && (
            <Text c="dimmed" ta="center" py="xl">
              {t('board.empty')}
            </Text>
          )}
        </ScrollArea>
      ) : (
        <ScrollArea>
          <Group align="start" wrap="nowrap" gap="sm">
            {boardColumns.map((column) => (
              <Stack key={column} w={220} gap="xs" aria-label={t(`status.${column}`)} role="region">
                <Group justify="space-between">
                  <Text fw={600} size="sm">
                    {t(`status.${column}`)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {items.filter((o) => o.status === column).length}
                  </Text>
                </Group>
                {items
                  .filter((o) => o.status === column)
                  .map((order) => (
                    <Card key={order.id} withBorder padding="xs" component={Link} to={`/work-orders/${order.id}`}>
                      <Group justify="space-between" gap={4} wrap="nowrap">
                        <Text fw={600} size="sm">
                          {order.number}
                        </Text>
                        {order.slaBreachedAt !== null && (
                          <Badge size="xs" color="red" variant="filled">
                            {t('board.slaMissed')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs">{order.customer.name}</Text>
                      <Text size="xs" c="dimmed" lineClamp={2}>
                        {order.complaint}
                      </Text>
                    </Card>
                  ))}
              </Stack>
            ))}
          </Group>
        </ScrollArea>
      )}
    </Stack>
  );
}
