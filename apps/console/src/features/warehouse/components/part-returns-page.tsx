import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import type { PartReturn, PartReturnAction, PartReturnStatus } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { type PartReturnFilter, usePartReturns, usePartReturnTransition } from '../api/part-returns';
import { QueuePage } from './queue-page';
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
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const zone = useTimeZoneOf()(partReturn.branchId);
  const when = (iso: string | null) => formatDateTime(iso, zone, locale);
  const transition = usePartReturnTransition(partReturn.id);
  // A cancelled return cannot be taken back: ask once more.
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const headingId = `part-return-${partReturn.id}`;
  const name = partReturn.technician.name;

  // Not mutate's callbacks: those never run once the refreshed list has dropped this card.
  const run = (action: PartReturnAction) =>
    transition.mutateAsync({ body: { action }, version: partReturn.version }).then(
      () => {
        setConfirmingCancel(false);
        onDone(t(`warehouse.returns.done.${action}`, { name }));
      },
      // The card shows the refusal from `transition.error`.
      () => undefined,
    );

  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h4" id={headingId}>
                {name}
              </Title>
              <Badge color={statusColors[partReturn.status]} variant="dot" c="dark.7">
                {t(`warehouse.returnStatus.${partReturn.status}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('warehouse.returns.submittedAt', { when: when(partReturn.createdAt) })}
            </Text>
          </Stack>
          <Text size="sm" fw={600}>
            {t('warehouse.returns.items', { count: partReturn.totalItems })}
          </Text>
        </Group>
        {partReturn.note && (
          <Text size="sm" fs="italic">
            {partReturn.note}
          </Text>
        )}
        {/* Fixed columns line the cards up under one another. */}
        <Table
          layout="fixed"
          withRowBorders={false}
          verticalSpacing={4}
          aria-label={t('warehouse.returns.linesOf', { name })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="20%">{t('warehouse.part.partNo')}</Table.Th>
              <Table.Th>{t('warehouse.part.name')}</Table.Th>
              <Table.Th w="10%" ta="right">
                {t('warehouse.quantity')}
              </Table.Th>
              <Table.Th w="16%">{t('warehouse.returns.condition')}</Table.Th>
              <Table.Th w="16%">{t('warehouse.workOrder')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {partReturn.lines.map((line) => (
              <Table.Tr key={`${line.part.id}/${line.condition}/${line.workOrder?.id ?? ''}`}>
                <Table.Td ff="monospace">{line.part.partNo}</Table.Td>
                <Table.Td>{line.part.name}</Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td>
                  <Badge variant="outline" color={line.condition === 'defective' ? 'red.9' : 'teal.9'}>
                    {t(`warehouse.condition.${line.condition}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {line.workOrder ? (
                    <Anchor component={Link} to={`/work-orders/${line.workOrder.id}`} size="sm">
                      {line.workOrder.number}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
      </Stack>
    </Card>
  );
}
