import { Alert, Badge, Card, Center, Grid, Group, Image, Loader, Stack, Text, Timeline, Title } from '@mantine/core';
import { ApiError, formatDateTime, formatDuration, formatPhone } from '@purnajual/client';
import { headOfficeTimeZone, officeRoles, type Role } from '@purnajual/contract';
import { OfflineTimeNote, StatusBadge } from '@purnajual/ui';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useBranches } from '../../../components/use-branches';
import { useLiveWorkOrders } from '../../../components/use-live-work-orders';
import { useMe } from '../../../components/use-me';
import { useWorkOrder } from '../api/work-orders';
import { ActionPanel } from './action-panel';
import { ProductCard } from './product-card';

// Both from one chunk (billing-section.ts), fetched when the office first opens a detail.
const BillingPanel = lazy(() => import('./billing-section').then((module) => ({ default: module.BillingPanel })));
const CustomerContactCard = lazy(() =>
  import('./billing-section').then((module) => ({ default: module.CustomerContactCard })),
);

/** Money and the customer's messages are the office's business; the warehouse sees the repair. */
const isOfficeRole = (role: Role | undefined) => officeRoles.some((office) => office === role);

function SectionLoader() {
  const { t } = useTranslation();
  return (
    <Center mih={120}>
      <Loader size="sm" role="status" aria-label={t('common.loading')} />
    </Center>
  );
}

export function WorkOrderDetailPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const { id = '' } = useParams();
  useLiveWorkOrders();
  const query = useWorkOrder(id);
  const branches = useBranches();
  const me = useMe();

  if (query.isPending) {
    return (
      <Center mih="40vh">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (query.error || !query.data) {
    const notFound = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Alert color="red" role="alert">
        {notFound ? t('detail.notFound') : t('common.unexpectedError')}
      </Alert>
    );
  }
  const order = query.data;
  const branch = order.branchId ? branches.byId.get(order.branchId) : undefined;
  const zone = branch?.timeZone ?? headOfficeTimeZone;
  const when = (iso: string | null) => formatDateTime(iso, zone, locale);
  const isOffice = isOfficeRole(me.data?.role);

  return (
    <Stack>
      <Group justify="space-between" align="start">
        <Stack gap={4}>
          <Title order={1} size="h2">
            {order.number}
          </Title>
          <Group gap="xs">
            <StatusBadge status={order.status} />
            <Badge variant="outline">{t(`priority.${order.priority}`)}</Badge>
            {order.slaBreachedAt !== null && (
              <Badge color="red" variant="filled">
                {t('board.slaMissed')}
              </Badge>
            )}
            <Badge variant="outline">{t(`serviceType.${order.serviceType}`)}</Badge>
            <Badge variant="outline" color={order.warrantyStatus === 'in_warranty' ? 'green' : 'gray'}>
              {t(`warranty.${order.warrantyStatus}`)}
            </Badge>
          </Group>
        </Stack>
        <Stack gap={0} align="end">
          <Text size="sm">{branch?.name ?? t('board.noBranch')}</Text>
          <Text size="sm" c="dimmed">
            {t('board.technician')}: {order.technicianName ?? t('board.unassigned')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('board.due')}: {when(order.slaDueAt)}
          </Text>
        </Stack>
      </Group>

      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('detail.customer')}
              </Title>
              <Text fw={600}>{order.customer.name}</Text>
              <Text size="sm">{formatPhone(order.customer.phone)}</Text>
              <Text size="sm">{order.customer.address}</Text>
              <Text size="sm" c="dimmed">
                {order.customer.areaName}
              </Text>
            </Card>
            <ProductCard order={order} timeZone={zone} />
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t('detail.complaint')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{order.complaint}</Text>
              {order.appointmentStart && (
                <Text size="sm" mt="xs">
                  {t('board.appointment')}: {when(order.appointmentStart)} – {when(order.appointmentEnd)}
                </Text>
              )}
              <Text size="sm" c="dimmed">
                {t('detail.repairTime')}: {formatDuration(order.repairSeconds, locale)}
              </Text>
            </Card>
            {order.report && (
              <Card withBorder>
                <Title order={2} size="h4" mb="xs">
                  {t('detail.report')}
                </Title>
                <Text size="sm">
                  <b>{t('detail.diagnosis')}:</b> {order.report.diagnosis}
                </Text>
                <Text size="sm">
                  <b>{t('detail.actionTaken')}:</b> {order.report.actionTaken}
                </Text>
                <Text size="sm">
                  <b>{t('detail.result')}:</b> {t(`detail.result_${order.report.result}`)}
                </Text>
                <Text size="sm" mt="xs">
                  {t('detail.signature')}
                </Text>
                <Image src={order.report.signatureUrl} alt={t('detail.signature')} maw={240} bg="gray.0" />
              </Card>
            )}
            {isOffice && (
              <Suspense fallback={<SectionLoader />}>
                <BillingPanel order={order} timeZone={zone} />
              </Suspense>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Card withBorder>
              <ActionPanel order={order} />
            </Card>
            {isOffice && (
              <Suspense fallback={<SectionLoader />}>
                <CustomerContactCard order={order} timeZone={zone} />
              </Suspense>
            )}
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('detail.history')}
              </Title>
              <Timeline bulletSize={14} lineWidth={2} active={order.history.length}>
                {order.history.map((entry) => (
                  <Timeline.Item
                    key={entry.id}
                    title={`${t(`actions.${entry.action}`)} → ${t(`status.${entry.toStatus}`)}`}
                  >
                    <Text size="xs" c="dimmed">
                      {when(entry.at)} · {entry.actor?.name ?? t('detail.system')}
                    </Text>
                    {entry.receivedAt && (
                      <OfflineTimeNote receivedAt={when(entry.receivedAt)} timeAdjusted={entry.timeAdjusted} />
                    )}
                    {entry.note && <Text size="sm">{entry.note}</Text>}
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
