import { Alert, Button, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { ApiError, formatRupiah } from '@purnajual/client';
import {
  timeZoneLabels,
  type WorkOrderAction,
  type WorkOrderDetail,
  type WorkOrderTransitionBody,
  zonedInstant,
} from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../components/use-me';
import { useTimeZoneOf } from '../../../components/use-time-zone-of';
import { useCandidates, useTransition } from '../api/work-orders';
import { OverrideRefusal, overridableRefusalOf, overrideSubmitKey } from './override-refusal';

/** The office's actions, exactly those the shared status table allows this user now. */
const officeActions: WorkOrderAction[] = ['assign', 'schedule', 'close', 'reopen', 'cancel'];

const moneyRefusals: readonly string[] = ['unpaid_balance', 'overpaid_balance'];
const isOverpaidBalance = (error: unknown) => error instanceof ApiError && error.code === 'overpaid_balance';

export function ActionPanel({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  const transition = useTransition(order.id);
  const actions = order.allowedActions.filter((action) => officeActions.includes(action));
  const [open, setOpen] = useState<WorkOrderAction | null>(null);
  const [technicianId, setTechnicianId] = useState<string | null>(order.technicianId);
  const [reason, setReason] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const candidates = useCandidates(order.id, open === 'assign');
  const me = useMe();
  // The server lets only these override a refusal (money owed, an outdated approval, a booked hour), with a reason.
  const mayOverride = me.data?.role === 'supervisor' || me.data?.role === 'admin';
  const refusal = overridableRefusalOf(transition.error, open, order);
  // Money paid beyond the bill has no override: the refusal stands until it is given back.
  const isOverpaidRefusal = isOverpaidBalance(transition.error) && order.billing.balance < 0;
  // Said by the override's alert, or by the money alerts (a stale unpaid refusal says nothing once paid).
  const isShownApart =
    refusal !== null || (transition.error instanceof ApiError && moneyRefusals.includes(transition.error.code));
  // The appointment is the customer's local time, not the browser's: a Jakarta agent booking
  // 10:00 in Makassar means 10:00 WITA.
  const timeZone = useTimeZoneOf()(order.branchId);
  const atBranchTime = (local: string) => zonedInstant(local.slice(0, 10), timeZone, local.slice(11, 16));

  if (actions.length === 0) return null;

  const run = (body: WorkOrderTransitionBody) =>
    transition.mutate(
      { body, version: order.version },
      {
        onSuccess: () => {
          setOpen(null);
          setReason('');
        },
      },
    );

  /** After a refusal that an override answers, the action goes again only with the reason. */
  const override = (): { overrideReason?: string } | null => {
    if (refusal === null) return {};
    return mayOverride && reason.trim() ? { overrideReason: reason.trim() } : null;
  };

  const bodyFor = (action: WorkOrderAction): WorkOrderTransitionBody | null => {
    const overriding = override();
    if (overriding === null) return null;
    switch (action) {
      case 'assign':
        return technicianId ? { action, technicianId, ...overriding } : null;
      case 'schedule':
        return start && end
          ? { action, appointmentStart: atBranchTime(start), appointmentEnd: atBranchTime(end), ...overriding }
          : null;
      case 'cancel':
      case 'reopen':
        return reason.trim() ? { action, reason: reason.trim() } : null;
      case 'close':
        return { action, ...overriding };
      default:
        return null;
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('detail.actions')}
      </Title>
      {isOverpaidRefusal && (
        <Alert color="red" role="alert" title={t('billing.errors.overpaid_balance')}>
          {t('billing.close.overpaidHint', { amount: formatRupiah(-order.billing.balance) })}
        </Alert>
      )}
      <ErrorAlert error={isShownApart ? null : transition.error} />
      <Group gap="xs">
        {actions.map((action) => (
          <Button
            key={action}
            variant={open === action ? 'filled' : 'default'}
            color={action === 'cancel' ? 'red' : undefined}
            aria-pressed={open === action}
            onClick={() => setOpen(open === action ? null : action)}
          >
            {t(`actions.${action}`)}
          </Button>
        ))}
      </Group>
      {open && (
        <Stack gap="xs" p="sm" bg="gray.0" style={{ borderRadius: 8 }} role="group" aria-label={t(`actions.${open}`)}>
          {open === 'assign' && (
            <Select
              label={t('detail.chooseTechnician')}
              searchable
              value={technicianId}
              onChange={setTechnicianId}
              data={(candidates.data?.items ?? []).map((c) => ({
                value: c.id,
                label: `${c.name} — ${c.covers ? `${t('detail.covers')}, ` : ''}${t('detail.openLoad', { count: c.openWorkOrders })}`,
              }))}
            />
          )}
          {open === 'schedule' && (
            <Group grow>
              <TextInput
                type="datetime-local"
                label={`${t('detail.appointmentStart')} (${timeZoneLabels[timeZone]})`}
                value={start}
                onChange={(e) => setStart(e.currentTarget.value)}
              />
              <TextInput
                type="datetime-local"
                label={`${t('detail.appointmentEnd')} (${timeZoneLabels[timeZone]})`}
                value={end}
                onChange={(e) => setEnd(e.currentTarget.value)}
              />
            </Group>
          )}
          {(open === 'cancel' || open === 'reopen') && (
            <TextInput label={t('detail.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          )}
          {refusal && (
            <OverrideRefusal
              refusal={refusal}
              order={order}
              timeZone={timeZone}
              mayOverride={mayOverride}
              reason={reason}
              onReason={setReason}
            />
          )}
          {open === 'close' && !refusal && (
            <>
              <Text size="sm">{t('actions.close')}?</Text>
              {order.billing.balance > 0 && (
                <Text size="sm" c="red.9">
                  {t('billing.close.balanceDue', { balance: formatRupiah(order.billing.balance) })}
                </Text>
              )}
              {order.billing.balance < 0 && !isOverpaidRefusal && (
                <Text size="sm" c="red.9">
                  {t('billing.close.overpaidHint', { amount: formatRupiah(-order.billing.balance) })}
                </Text>
              )}
            </>
          )}
          <Group>
            <Button
              onClick={() => {
                const body = bodyFor(open);
                if (body) run(body);
              }}
              disabled={!bodyFor(open)}
              loading={transition.isPending}
              color={open === 'cancel' ? 'red' : undefined}
            >
              {refusal ? t(overrideSubmitKey(refusal.code)) : t(`actions.${open}`)}
            </Button>
            <Button variant="subtle" onClick={() => setOpen(null)}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
