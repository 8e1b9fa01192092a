import { Alert, Textarea } from '@mantine/core';
import { ApiError, formatRupiah, formatTimeWindow } from '@purnajual/client';
import type { TimeZone, WorkOrderAction, WorkOrderDetail } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

/** The server's refusals a supervisor or an admin may override with a reason, by the action they answer. */
const overridable = {
  close: ['unpaid_balance', 'approval_outdated'],
  assign: ['appointment_conflict'],
  schedule: ['appointment_conflict'],
} as const satisfies Partial<Record<WorkOrderAction, readonly string[]>>;

type OverridableAction = keyof typeof overridable;
export type OverridableRefusal = (typeof overridable)[OverridableAction][number];

const isOverridableAction = (action: WorkOrderAction): action is OverridableAction => action in overridable;

/**
 * The refusal of the action open now that an override can answer, while it still holds: an
 * unpaid balance stands only while money is owed (once paid, a plain close goes through).
 */
export function overridableRefusalOf(
  error: unknown,
  action: WorkOrderAction | null,
  order: WorkOrderDetail,
): { code: OverridableRefusal; error: ApiError } | null {
  if (!(error instanceof ApiError) || action === null || !isOverridableAction(action)) return null;
  const code = (overridable[action] as readonly string[]).find((candidate) => candidate === error.code);
  if (code === undefined || (code === 'unpaid_balance' && order.billing.balance <= 0)) return null;
  return { code: code as OverridableRefusal, error };
}

interface OverrideRefusalProps {
  refusal: { code: OverridableRefusal; error: ApiError };
  order: WorkOrderDetail;
  timeZone: TimeZone;
  mayOverride: boolean;
  reason: string;
  onReason: (reason: string) => void;
}

/** What was refused and why, and — for a supervisor or an admin — the reason that overrides it. */
export function OverrideRefusal({ refusal, order, timeZone, mayOverride, reason, onReason }: OverrideRefusalProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const texts = (() => {
    if (refusal.code === 'unpaid_balance') {
      const balance = formatRupiah(order.billing.balance);
      return {
        title: t('billing.errors.unpaid_balance'),
        hint: mayOverride
          ? t('billing.close.overrideHint', { balance })
          : t('billing.close.paymentNeeded', { balance }),
        reason: t('billing.close.overrideReason'),
      };
    }
    const other = refusal.error.problem?.conflictingWorkOrder;
    const values = {
      number: other?.number ?? '',
      when: formatTimeWindow(other?.appointmentStart, other?.appointmentEnd, timeZone, locale),
    };
    const key = `detail.overrides.${refusal.code}`;
    return {
      title: t(`${key}.title`),
      hint: t(mayOverride ? `${key}.overrideHint` : `${key}.hint`, values),
      reason: t(`${key}.reason`),
    };
  })();
  return (
    <>
      <Alert color="red" role="alert" title={texts.title}>
        {texts.hint}
      </Alert>
      {mayOverride && (
        <Textarea
          label={texts.reason}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => onReason(event.currentTarget.value)}
        />
      )}
    </>
  );
}

/** The label of the button that sends the action again with the override. */
export const overrideSubmitKey = (code: OverridableRefusal) =>
  code === 'unpaid_balance' ? 'billing.close.override' : `detail.overrides.${code}.submit`;
