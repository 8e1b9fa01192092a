import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import type { PartRequest, PartRequestAction, PartRequestStatus, PartRequestTransitionBody } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { usePartRequestTransition } from '../api/part-requests';
import { useTechnicianLimits } from '../api/stock';
import { StockErrorAlert } from './stock-error-alert';

const partRequestStatusColors: Record<PartRequestStatus, string> = {
  requested: 'blue',
  approved: 'cyan',
  issued: 'green',
  rejected: 'red',
  cancelled: 'gray',
};

/** Cancelling is the requesting technician's own action, never the warehouse's. */
const warehouseActions = ['approve', 'issue', 'reject'] as const satisfies readonly PartRequestAction[];
type WarehouseAction = (typeof warehouseActions)[number];

/** One request: who wants what for which work order, and the buttons the status table allows. */
export function PartRequestCard({ request, onDone }: { request: PartRequest; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const zone = useTimeZoneOf()(request.branchId);
  const when = (iso: string | null) => formatDateTime(iso, zone, locale);
  const transition = usePartRequestTransition(request.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const actions = warehouseActions.filter((action) => request.allowedActions.includes(action));
  // Limits matter while the parts are still to go into the bag.
  const limits = useTechnicianLimits(request.technician.id, actions.includes('approve') || actions.includes('issue'));
  const headingId = `part-request-${request.id}`;
  const name = request.technician.name;

  const run = (action: WarehouseAction) => {
    const body: PartRequestTransitionBody = action === 'reject' ? { action, reason: reason.trim() } : { action };
    // Not mutate's callbacks: those never run once the refreshed queue has dropped this card.
    transition.mutateAsync({ body, version: request.version }).then(
      () => {
        setRejecting(false);
        setReason('');
        onDone(t(`warehouse.requests.done.${action}`, { name }));
      },
      // The card shows the refusal from `transition.error`.
      () => undefined,
    );
  };

  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="start">
          <Stack gap={2}>
            <Group gap="xs">
              <Title order={2} size="h4" id={headingId}>
                {name}
              </Title>
              <Badge color={partRequestStatusColors[request.status]} variant="dot" c="dark.7">
                {t(`warehouse.requestStatus.${request.status}`)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {t('warehouse.requests.requestedAt', { when: when(request.createdAt) })}
            </Text>
          </Stack>
          <Text size="sm">
            {request.workOrder ? (
              <>
                {t('warehouse.workOrder')}:{' '}
                <Anchor component={Link} to={`/work-orders/${request.workOrder.id}`} fw={600}>
                  {request.workOrder.number}
                </Anchor>
              </>
            ) : (
              t('warehouse.requests.forBag')
            )}
          </Text>
        </Group>
        {request.note && (
          <Text size="sm" fs="italic">
            {request.note}
          </Text>
        )}
        {/* Fixed columns line the cards of the queue up under one another. */}
        <Table
          layout="fixed"
          withRowBorders={false}
          verticalSpacing={4}
          aria-label={t('warehouse.requests.linesOf', { name })}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="20%">{t('warehouse.part.partNo')}</Table.Th>
              <Table.Th>{t('warehouse.part.name')}</Table.Th>
              <Table.Th w="10%" ta="right">
                {t('warehouse.quantity')}
              </Table.Th>
              <Table.Th w="16%" ta="right">
                {t('warehouse.part.price')}
              </Table.Th>
              <Table.Th w="16%" ta="right">
                {t('warehouse.subtotal')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.lines.map((line) => (
              <Table.Tr key={line.part.id}>
                <Table.Td ff="monospace">{line.part.partNo}</Table.Td>
                <Table.Td>{line.part.name}</Table.Td>
                <Table.Td ta="right">{line.quantity}</Table.Td>
                <Table.Td ta="right">{formatRupiah(line.part.price)}</Table.Td>
                <Table.Td ta="right">{formatRupiah(line.quantity * line.part.price)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group justify="space-between">
          <Text size="sm" fw={600}>
            {t('warehouse.total', { count: request.totalItems, value: formatRupiah(request.totalValue) })}
          </Text>
          {limits.data && (
            <Text size="sm" c="dimmed">
              {t('warehouse.requests.bagUse', {
                items:
                  limits.data.maxItems === null
                    ? limits.data.currentItems
                    : `${limits.data.currentItems} / ${limits.data.maxItems}`,
                value:
                  limits.data.maxValue === null
                    ? formatRupiah(limits.data.currentValue)
                    : `${formatRupiah(limits.data.currentValue)} / ${formatRupiah(limits.data.maxValue)}`,
              })}
            </Text>
          )}
        </Group>
        {request.decidedBy && (
          <Text size="sm">
            {t(request.status === 'rejected' ? 'warehouse.requests.rejectedBy' : 'warehouse.requests.approvedBy', {
              name: request.decidedBy.name,
              when: when(request.decidedAt),
            })}
            {request.rejectReason && `: ${request.rejectReason}`}
          </Text>
        )}
        {request.issuedBy && (
          <Text size="sm">
            {t('warehouse.requests.issuedBy', { name: request.issuedBy.name, when: when(request.issuedAt) })}
          </Text>
        )}
        <StockErrorAlert error={transition.error} />
        {actions.length > 0 && !rejecting && (
          <Group gap="xs">
            {actions.map((action) => (
              <Button
                key={action}
                variant={action === 'reject' ? 'default' : 'filled'}
                loading={transition.isPending && transition.variables?.body.action === action}
                disabled={transition.isPending}
                onClick={() => (action === 'reject' ? setRejecting(true) : run(action))}
              >
                {t(`warehouse.requests.action.${action}`)}
              </Button>
            ))}
          </Group>
        )}
        {rejecting && (
          <Stack gap="xs" p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
            <Textarea
              label={t('warehouse.requests.rejectReason')}
              required
              autosize
              minRows={2}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group>
              <Button
                color="red"
                disabled={!reason.trim()}
                loading={transition.isPending}
                onClick={() => run('reject')}
              >
                {t('warehouse.requests.action.reject')}
              </Button>
              <Button variant="subtle" onClick={() => setRejecting(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
