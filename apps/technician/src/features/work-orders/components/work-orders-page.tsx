import { SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useProfile } from '../../../data/profile';
import { byUrgency, isClaimable, isOpen, useWorkOrders } from '../../../data/work-orders';
import { WorkOrderCard } from './work-order-card';

const views = ['mine', 'claimable', 'done'] as const;
type View = (typeof views)[number];
const isView = (value: string | null): value is View => views.some((view) => view === value);

/** The customers to visit, the pool the technician may claim, and what is done. */
export function WorkOrdersPage() {
  const { t } = useTranslation();
  const me = useProfile()?.user.id;
  const all = useWorkOrders() ?? [];
  const [params, setParams] = useSearchParams();
  const initial = params.get('view');
  const [view, setView] = useState<View>(isView(initial) ? initial : 'mine');

  const mine = all.filter((item) => item.technicianId === me);
  const lists: Record<View, typeof all> = {
    mine: mine.filter(isOpen).sort(byUrgency),
    claimable: all.filter(isClaimable).sort(byUrgency),
    done: mine.filter((item) => !isOpen(item)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)),
  };
  const shown = lists[view];

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.workOrders.title')}
      </Title>
      <SegmentedControl
        fullWidth
        value={view}
        onChange={(value) => {
          if (!isView(value)) return;
          setView(value);
          setParams({ view: value }, { replace: true });
        }}
        data={views.map((value) => ({ value, label: `${t(`tech.workOrders.${value}`)} (${lists[value].length})` }))}
      />
      {shown.length === 0 && <Text c="dimmed">{t(`tech.workOrders.empty.${view}`)}</Text>}
      {shown.map((item) => (
        <WorkOrderCard key={item.id} workOrder={item} />
      ))}
    </Stack>
  );
}
