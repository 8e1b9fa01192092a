import { formatDateTime, formatPhone } from '@purnajual/client';
import { type Branch, headOfficeTimeZone, type WorkOrderSummary } from '@purnajual/contract';
import { statusColors } from '@purnajual/ui';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import classes from './board-table.module.css';

interface RowProps {
  order: WorkOrderSummary;
  branch: Branch | undefined;
  locale: 'id' | 'en';
  /** Translations come from the table, not a hook in each of hundreds of rows. */
  statusLabel: string;
  unassignedLabel: string;
  slaMissedLabel: string;
}

/**
 * One board row in plain elements: a board shows hundreds of rows, and a component
 * library's text and badge components cost several times more per cell.
 */
const BoardRow = memo(function BoardRow({
  order,
  branch,
  locale,
  statusLabel,
  unassignedLabel,
  slaMissedLabel,
}: RowProps) {
  const zone = branch?.timeZone ?? headOfficeTimeZone;
  return (
    <tr data-testid="work-order-row">
      <td>
        <Link className={classes.number} to={`/work-orders/${order.id}`}>
          {order.number}
        </Link>
      </td>
      <td>
        <span className={classes.status}>
          <span
            className={classes.dot}
            style={{ background: `var(--mantine-color-${statusColors[order.status]}-6)` }}
          />
          {statusLabel}
        </span>
      </td>
      <td>
        <div>{order.customer.name}</div>
        <div className={classes.muted}>{formatPhone(order.customer.phone)}</div>
      </td>
      <td>{order.product?.model.name ?? '—'}</td>
      <td className={order.technicianName ? undefined : classes.muted}>{order.technicianName ?? unassignedLabel}</td>
      <td>{formatDateTime(order.appointmentStart, zone, locale)}</td>
      <td>
        {formatDateTime(order.slaDueAt, zone, locale)}
        {order.slaBreachedAt !== null && <span className={classes.slaMissed}>{slaMissedLabel}</span>}
      </td>
    </tr>
  );
});

export function BoardTable({ items, branches }: { items: WorkOrderSummary[]; branches: Map<string, Branch> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <table className={classes.table} aria-label={t('board.title')}>
      <thead>
        <tr>
          <th>{t('board.number')}</th>
          <th>{t('board.filterStatus')}</th>
          <th>{t('board.customer')}</th>
          <th>{t('board.product')}</th>
          <th>{t('board.technician')}</th>
          <th>{t('board.appointment')}</th>
          <th>{t('board.due')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((order) => (
          <BoardRow
            key={order.id}
            order={order}
            branch={order.branchId ? branches.get(order.branchId) : undefined}
            locale={locale}
            statusLabel={t(`status.${order.status}`)}
            unassignedLabel={t('board.unassigned')}
            slaMissedLabel={t('board.slaMissed')}
          />
        ))}
      </tbody>
    </table>
  );
}
