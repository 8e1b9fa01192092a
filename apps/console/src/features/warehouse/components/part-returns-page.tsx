import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import type { PartReturn, PartReturnAction, PartReturnStatus } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type PartReturnFilter, usePartReturns, usePartReturnTransition } from '../api/part-returns';
import { QueuePage } from './queue-page';
import { runTransition, StockDocumentCard, useBranchDateTime } from './stock-document-card';
import { StockErrorAlert } from './stock-error-alert';

const filters: PartReturnFilter[] = ['submitted', 'received', 'cancelled', 'all'];

const statusColors: Record<PartReturnStatus, string> = { submitted: 'blue', received: 'green', cancelled: 'gray' };

/** Parts technicians bring back: unused ones to the shelf, faulty and replaced ones to the defective bin. */
export function PartReturnsPage() {
  return (
    <QueuePage
      section="returns"
      filters={filters}
      initialFilter="submitted"
      useItems={usePartReturns}
      renderCard={(partReturn, onDone) => (
        <PartReturnCard key={partReturn.id} partReturn={partReturn} onDone={onDone} />
      )}
    />
  );
}

function PartReturnCard({ partReturn, onDone }: { partReturn: PartReturn; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const when = useBranchDateTime(partReturn.branchId);
  const transition = usePartReturnTransition(partReturn.id);
  // A cancelled return cannot be taken back: ask once more.
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const name = partReturn.technician.name;

  const run = (action: PartReturnAction) =>
    runTransition(transition, { action }, partReturn.version, () => {
      setConfirmingCancel(false);
      onDone(t(`warehouse.returns.done.${action}`, { name }));
    });

  return (
    <StockDocumentCard
      headingId={`part-return-${partReturn.id}`}
      name={name}
      statusColor={statusColors[partReturn.status]}
      statusLabel={t(`warehouse.returnStatus.${partReturn.status}`)}
      sentAt={t('warehouse.returns.submittedAt', { when: when(partReturn.createdAt) })}
      aside={
        <Text size="sm" fw={600}>
          {t('warehouse.returns.items', { count: partReturn.totalItems })}
        </Text>
      }
      note={partReturn.note}
      linesLabel={t('warehouse.returns.linesOf', { name })}
      lines={partReturn.lines}
      lineKey={(line) => `${line.part.id}/${line.condition}/${line.workOrder?.id ?? ''}`}
      columns={[
        {
          header: t('warehouse.returns.condition'),
          cell: (line) => (
            <Badge variant="outline" color={line.condition === 'defective' ? 'red.9' : 'teal.9'}>
              {t(`warehouse.condition.${line.condition}`)}
            </Badge>
          ),
        },
        {
          header: t('warehouse.workOrder'),
          cell: (line) =>
            line.workOrder ? (
              <Anchor component={Link} to={`/work-orders/${line.workOrder.id}`} size="sm">
                {line.workOrder.number}
              </Anchor>
            ) : (
              '—'
            ),
        },
      ]}
    >
      {partReturn.receivedBy && (
        <Text size="sm">
          {t('warehouse.returns.receivedBy', { name: partReturn.receivedBy.name, when: when(partReturn.receivedAt) })}
        </Text>
      )}
      <StockErrorAlert error={transition.error} />
      {!confirmingCancel && partReturn.allowedActions.length > 0 && (
        <Group gap="xs">
          {partReturn.allowedActions.includes('receive') && (
            <Button loading={transition.isPending} onClick={() => run('receive')}>
              {t('warehouse.returns.action.receive')}
            </Button>
          )}
          {partReturn.allowedActions.includes('cancel') && (
            <Button variant="default" disabled={transition.isPending} onClick={() => setConfirmingCancel(true)}>
              {t('warehouse.returns.action.cancel')}
            </Button>
          )}
        </Group>
      )}
      {confirmingCancel && (
        <Group gap="xs" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
          <Text size="sm">{t('warehouse.returns.confirmCancel')}</Text>
          <Button color="red" loading={transition.isPending} onClick={() => run('cancel')}>
            {t('warehouse.returns.action.cancel')}
          </Button>
          <Button variant="subtle" onClick={() => setConfirmingCancel(false)}>
            {t('warehouse.returns.keep')}
          </Button>
        </Group>
      )}
    </StockDocumentCard>
  );
}
