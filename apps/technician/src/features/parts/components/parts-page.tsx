import { Badge, Button, Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useBag, usePartRequests, usePartReturns, useQueuedPartChanges } from '../../../data/parts';
import { useTimeZone } from '../../../data/profile';
import { LimitCard } from './limit-card';

const views = ['bag', 'requests', 'returns'] as const;
type View = (typeof views)[number];
const isView = (value: string | null): value is View => views.some((view) => view === value);

const requestColors: Record<string, string> = {
  requested: 'blue.9',
  approved: 'teal.9',
  issued: 'green.9',
  rejected: 'red.9',
  cancelled: 'gray.7',
};

/** The parts in the technician's bag, their requests to the warehouse and their returns. */
export function PartsPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const [params, setParams] = useSearchParams();
  const initial = params.get('view');
  const [view, setView] = useState<View>(isView(initial) ? initial : 'bag');
  const bag = useBag();
  const requests = usePartRequests();
  const returns = usePartReturns();
  const queuedRequests = useQueuedPartChanges('partRequest');
  const queuedReturns = useQueuedPartChanges('partReturn');

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.menu.parts')}
      </Title>
      {bag && <LimitCard limits={bag.limits} />}
      <Group grow>
        <Button component={Link} to="/parts/request" size="md">
          {t('tech.parts.request')}
        </Button>
        <Button component={Link} to="/parts/return" size="md" variant="outline">
          {t('tech.parts.return')}
        </Button>
      </Group>
      <SegmentedControl
        fullWidth
        value={view}
        onChange={(value) => {
          if (!isView(value)) return;
          setView(value);
          setParams({ view: value }, { replace: true });
        }}
        data={views.map((value) => ({ value, label: t(`tech.parts.views.${value}`) }))}
      />

      {view === 'bag' && (
        <Stack gap="xs" aria-label={t('tech.parts.views.bag')} component="section">
          {!bag?.inventory.items.length && <Text c="dimmed">{t('tech.parts.emptyBag')}</Text>}
          {bag?.inventory.items.map((item) => (
            <Card key={item.part.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600}>{item.part.name}</Text>
                  <Text size="sm" c="dimmed">
                    {item.part.partNo} · {formatRupiah(item.part.price)}
                    {item.part.returnable ? ` · ${t('tech.parts.returnable')}` : ''}
                  </Text>
                </div>
                <Text fw={700} fz="xl" aria-label={t('tech.parts.quantityOf', { name: item.part.name })}>
                  {item.quantity}
                </Text>
              </Group>
            </Card>
          ))}
          {bag && bag.inventory.defectiveDue.length > 0 && (
            <>
              <Text fw={700} mt="sm">
                {t('tech.parts.defectiveDue')}
              </Text>
              {bag.inventory.defectiveDue.map((due) => (
                <Card key={`${due.workOrder.id}/${due.part.id}`} withBorder padding="sm" bg="orange.0">
                  <Text fw={600}>
                    {due.quantity} × {due.part.name}
                  </Text>
                  <Text size="sm">{due.workOrder.number}</Text>
                </Card>
              ))}
            </>
          )}
        </Stack>
      )}

      {view === 'requests' && (
        <Stack gap="xs" aria-label={t('tech.parts.views.requests')} component="section">
          {queuedRequests.map((change) => (
            <Card key={change.seq} withBorder padding="sm" bg="yellow.0">
              <Text fw={600}>{t('tech.sync.state.pending')}</Text>
              <Text size="sm">{t('tech.parts.waitingToSend')}</Text>
            </Card>
          ))}
          {requests.length === 0 && queuedRequests.length === 0 && <Text c="dimmed">{t('tech.parts.noRequests')}</Text>}
          {requests.map((request) => (
            <Card key={request.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  {request.lines.map((line) => (
                    <Text key={line.part.id} fw={600}>
                      {line.quantity} × {line.part.name}
                    </Text>
                  ))}
                  <Text size="sm" c="dimmed">
                    {formatDateTime(request.createdAt, timeZone, locale)}
                    {request.workOrder ? ` · ${request.workOrder.number}` : ''}
                  </Text>
                  {request.rejectReason && (
                    <Text size="sm" c="red.9">
                      {request.rejectReason}
                    </Text>
                  )}
                </Stack>
                <Badge color={requestColors[request.status] ?? 'gray.7'}>
                  {t(`tech.parts.requestStatus.${request.status}`)}
                </Badge>
              </Group>
            </Card>
          ))}
        </Stack>
      )}

      {view === 'returns' && (
        <Stack gap="xs" aria-label={t('tech.parts.views.returns')} component="section">
          {queuedReturns.map((change) => (
            <Card key={change.seq} withBorder padding="sm" bg="yellow.0">
              <Text fw={600}>{t('tech.sync.state.pending')}</Text>
              <Text size="sm">{t('tech.parts.waitingToSend')}</Text>
            </Card>
          ))}
          {returns.length === 0 && queuedReturns.length === 0 && <Text c="dimmed">{t('tech.parts.noReturns')}</Text>}
          {returns.map((item) => (
            <Card key={item.id} withBorder padding="sm">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  {item.lines.map((line) => (
                    <Text key={`${line.part.id}/${line.condition}/${line.workOrder?.id ?? ''}`} fw={600}>
                      {line.quantity} × {line.part.name} · {t(`tech.parts.condition.${line.condition}`)}
                    </Text>
                  ))}
                  <Text size="sm" c="dimmed">
                    {formatDateTime(item.createdAt, timeZone, locale)}
                  </Text>
                </Stack>
                <Badge
                  color={item.status === 'received' ? 'green.9' : item.status === 'cancelled' ? 'gray.7' : 'blue.9'}
                >
                  {t(`tech.parts.returnStatus.${item.status}`)}
                </Badge>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
