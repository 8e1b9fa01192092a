import { Anchor, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { PartRequest, PartRequestAction, PartRequestStatus, PartRequestTransitionBody } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePartRequestTransition } from '../api/part-requests';
import { useTechnicianLimits } from '../api/stock';
import { runTransition, StockDocumentCard, useBranchDateTime } from './stock-document-card';
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
  const { t } = useTranslation();
  const when = useBranchDateTime(request.branchId);
  const transition = usePartRequestTransition(request.id);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const actions = warehouseActions.filter((action) => request.allowedActions.includes(action));
  // Limits matter while the parts are still to go into the bag.
  const limits = useTechnicianLimits(request.technician.id, actions.includes('approve') || actions.includes('issue'));
  const name = request.technician.name;

  const run = (action: WarehouseAction) => {
    const body: PartRequestTransitionBody = action === 'reject' ? { action, reason: reason.trim() } : { action };
    runTransition(transition, body, request.version, () => {
      setRejecting(false);
      setReason('');
      onDone(t(`warehouse.requests.done.${action}`, { name }));
    });
  };

  return (
    <StockDocumentCard
      headingId={`part-request-${request.id}`}
      name={name}
      statusColor={partRequestStatusColors[request.status]}
      statusLabel={t(`warehouse.requestStatus.${request.status}`)}
      sentAt={t('warehouse.requests.requestedAt', { when: when(request.createdAt) })}
      aside={
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
      }
      note={request.note}
      linesLabel={t('warehouse.requests.linesOf', { name })}
      lines={request.lines}
      lineKey={(line) => line.part.id}
      columns={[
        { header: t('warehouse.part.price'), isNumeric: true, cell: (line) => formatRupiah(line.part.price) },
        {
          header: t('warehouse.subtotal'),
          isNumeric: true,
          cell: (line) => formatRupiah(line.quantity * line.part.price),
        },
      ]}
    >
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
            <Button color="red" disabled={!reason.trim()} loading={transition.isPending} onClick={() => run('reject')}>
              {t('warehouse.requests.action.reject')}
            </Button>
            <Button variant="subtle" onClick={() => setRejecting(false)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </StockDocumentCard>
  );
}
