import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Under a history entry of a step done offline: when the server got it, and whether the
 * phone's time had to be clamped. `receivedAt` comes formatted in the branch's zone.
 */
export function OfflineTimeNote({ receivedAt, timeAdjusted }: { receivedAt: string; timeAdjusted: boolean }) {
  const { t } = useTranslation();
  return (
    <Text size="xs" c={timeAdjusted ? 'red.9' : 'orange.9'}>
      {t('offlineTime.recorded', { time: receivedAt })}
      {timeAdjusted ? ` · ${t('offlineTime.adjusted')}` : ''}
    </Text>
  );
}
