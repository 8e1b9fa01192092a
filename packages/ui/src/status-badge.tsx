import { Badge } from '@mantine/core';
import type { WorkOrderStatus } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

export const statusColors: Record<WorkOrderStatus, string> = {
  new: 'blue',
  assigned: 'indigo',
  accepted: 'violet',
  scheduled: 'cyan',
  en_route: 'teal',
  in_progress: 'orange',
  on_hold: 'yellow',
  completed: 'green',
  closed: 'gray',
  cancelled: 'red',
};

export function StatusBadge({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return (
    // The dot carries the colour; the label stays dark, readable on any row background.
    <Badge color={statusColors[status]} variant="dot" c="dark.7">
      {t(`status.${status}`)}
    </Badge>
  );
}
