import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../../components/use-now';
import type { StoredWorkOrder } from '../../../data/db';
import { repairSecondsAt } from '../../../data/repair-time';

const clock = (seconds: number) =>
  [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');

/** The repair time so far; it keeps running while the repair does, across app restarts and offline. */
export function RepairTimer({ workOrder }: { workOrder: StoredWorkOrder }) {
  const { t } = useTranslation();
  const now = useNow();
  const running = workOrder.inProgressSince !== null;
  return (
    <Paper withBorder p="sm" bg={running ? 'orange.0' : 'white'}>
      <Text size="sm" c="dimmed">
        {running ? t('tech.timer.running') : t('tech.timer.paused')}
      </Text>
      <Text role="timer" aria-live="off" fz={32} fw={700} ff="monospace">
        {clock(repairSecondsAt(workOrder, now))}
      </Text>
    </Paper>
  );
}
