import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { StatusBadge } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useProfile } from '../../../data/profile';
import { useQueuedChanges, useWorkOrder } from '../../../data/work-orders';
import { ActionBar } from './action-bar';
import { CustomerCard } from './detail/customer-card';
import { JobCard } from './detail/job-card';
import { QueueAlerts } from './detail/queue-alerts';
import { HistoryCard, PartsUsedCard, ReportCard } from './detail/record-cards';
import { PhotoGrid } from './photo-grid';
import { RepairTimer } from './repair-timer';
import { useWorkOrderRead } from './use-work-order-read';
import { WorkOrderPending } from './work-order-pending';

const billableStatuses = ['accepted', 'scheduled', 'en_route', 'in_progress', 'on_hold', 'completed'];
const endedStatuses = ['completed', 'closed', 'cancelled'];

export function WorkOrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useProfile()?.user.id ?? '';
  const found = useWorkOrder(id);
  const queued = useQueuedChanges(id);
  const read = useWorkOrderRead(id);

  const workOrder = found?.detail ?? found?.summary;
  // Until the store has answered, nothing is known yet, whatever the read says.
  if (!workOrder) return <WorkOrderPending read={found ? read : { state: 'reading' }} />;

  const detail = found?.detail;
  const mine = workOrder.technicianId === me;
  const showTimer = workOrder.inProgressSince !== null || workOrder.repairSeconds > 0;
  const photosQueued = queued.some((change) => change.state === 'pending' && change.photo);

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h3">
            {workOrder.customer.name}
          </Title>
          <Text c="dimmed">{workOrder.number}</Text>
        </div>
        <StatusBadge status={workOrder.status} />
      </Group>
      <QueueAlerts queued={queued} summary={found?.summary} />

      {showTimer && <RepairTimer workOrder={workOrder} />}
      <ActionBar workOrder={workOrder} me={me} />
      {mine && billableStatuses.includes(workOrder.status) && (
        <Button component={Link} to={`/work-orders/${workOrder.id}/billing`} variant="outline" size="md">
          {t('tech.billing.open')}
        </Button>
      )}
      {mine && !endedStatuses.includes(workOrder.status) && (
        <Button component={Link} to={`/parts/request?workOrderId=${workOrder.id}`} variant="outline" size="md">
          {t('tech.parts.requestForThis')}
        </Button>
      )}

      <CustomerCard customer={workOrder.customer} />
      <JobCard workOrder={workOrder} />
      {(detail?.attachments.length || photosQueued) && (
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('tech.report.photos')}
          </Title>
          <PhotoGrid detail={detail} queued={queued} />
        </Card>
      )}
      {detail && <PartsUsedCard partsUsed={detail.partsUsed} />}
      {detail?.report && <ReportCard report={detail.report} />}
      {detail && <HistoryCard history={detail.history} />}
    </Stack>
  );
}
