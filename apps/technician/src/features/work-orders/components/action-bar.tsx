import { Button, Modal, Select, Stack, Textarea } from '@mantine/core';
import { holdReasons, type WorkOrderAction, type WorkOrderTransitionBody } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { StoredWorkOrder } from '../../../data/db';
import { queueTransition, technicianActions } from '../../../data/queue';

/** Actions that need more than a tap open their own screen. */
const screens: Partial<Record<WorkOrderAction, string>> = { schedule: 'appointment', complete: 'report' };

type HoldReason = (typeof holdReasons)[number];
const isHoldReason = (value: string | null): value is HoldReason => holdReasons.some((reason) => reason === value);

/** The buttons the shared status table allows this technician now; each works offline. */
export function ActionBar({ workOrder, me }: { workOrder: StoredWorkOrder; me: string }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<'decline' | 'hold' | null>(null);
  const [reason, setReason] = useState('');
  const [holdReason, setHoldReason] = useState<HoldReason>('waiting_part');
  const [error, setError] = useState<unknown>(null);
  const actions = technicianActions(workOrder, me);

  const run = async (body: WorkOrderTransitionBody) => {
    setError(null);
    try {
      await queueTransition(workOrder, body, me);
      setAsking(null);
      setReason('');
    } catch (failure) {
      setError(failure);
    }
  };

  if (actions.length === 0) return null;
  return (
    <Stack gap="xs">
      <ErrorAlert error={error} />
      {actions.map((action) => {
        const screen = screens[action];
        const label = t(`tech.actions.${action}`);
        if (screen) {
          return (
            <Button key={action} component={Link} to={`/work-orders/${workOrder.id}/${screen}`} size="lg" fullWidth>
              {label}
            </Button>
          );
        }
        if (action === 'decline' || action === 'hold') {
          return (
            <Button key={action} size="lg" fullWidth variant="outline" onClick={() => setAsking(action)}>
              {label}
            </Button>
          );
        }
        if (action !== 'claim' && action !== 'accept' && action !== 'depart' && action !== 'start') return null;
        return (
          <Button key={action} size="lg" fullWidth onClick={() => void run({ action })}>
            {label}
          </Button>
        );
      })}
      <Modal opened={asking !== null} onClose={() => setAsking(null)} title={asking ? t(`tech.actions.${asking}`) : ''}>
        <Stack>
          {asking === 'hold' && (
            <Select
              label={t('tech.actions.holdReason')}
              value={holdReason}
              onChange={(value) => isHoldReason(value) && setHoldReason(value)}
              data={holdReasons.map((value) => ({ value, label: t(`tech.holdReason.${value}`) }))}
              allowDeselect={false}
            />
          )}
          <Textarea
            label={asking === 'decline' ? t('tech.actions.declineReason') : t('tech.actions.note')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={500}
          />
          <Button
            size="lg"
            disabled={asking === 'decline' && reason.trim().length === 0}
            onClick={() =>
              void run(
                asking === 'decline'
                  ? { action: 'decline', reason: reason.trim() }
                  : { action: 'hold', reason: holdReason, ...(reason.trim() ? { note: reason.trim() } : {}) },
              )
            }
          >
            {t('common.save')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
