import { Badge } from '@mantine/core';
import type { StreamStatus } from '@purnajual/client';
import { useTranslation } from 'react-i18next';

/** Shows whether live updates are flowing; the stream reconnects by itself. */
export function ConnectionIndicator({ status }: { status: StreamStatus }) {
  const { t } = useTranslation();
  const label =
    status === 'open' ? t('board.live') : status === 'connecting' ? t('board.connecting') : t('board.reconnecting');
  return (
    <Badge role="status" aria-live="polite" color={status === 'open' ? 'green' : 'yellow'} variant="dot" size="lg">
      {label}
    </Badge>
  );
}
