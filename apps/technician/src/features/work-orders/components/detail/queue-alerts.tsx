import { Alert, Button, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../../components/icons';
import type { QueuedChange, StoredWorkOrder } from '../../../../data/db';
import { dismissRejected } from '../../../../data/queue';
import { rejectionMessage } from '../../../../data/rejection';

interface QueueAlertsProps {
  queued: QueuedChange[];
  /** The work order as last listed: a refusal because it changed in the office names its status. */
  summary: StoredWorkOrder | undefined;
}

/** Changes of this work order the server refused, each with why, and how many still wait to be sent. */
export function QueueAlerts({ queued, summary }: QueueAlertsProps) {
  const { t } = useTranslation();
  const pending = queued.filter((change) => change.state === 'pending');
  return (
    <>
      {queued
        .filter((change) => change.state === 'rejected')
        .map((change) => (
          <Alert
            key={change.seq}
            color="red"
            role="alert"
            title={t('tech.sync.rejectedTitle', { action: t(`tech.sync.label.${change.label}`) })}
          >
            <Stack gap="xs">
              <Text size="sm">{rejectionMessage(change, summary, t)}</Text>
              <Button
                size="compact-md"
                variant="white"
                color="red"
                onClick={() => change.seq && void dismissRejected(change.seq)}
              >
                {t('tech.sync.dismiss')}
              </Button>
            </Stack>
          </Alert>
        ))}
      {pending.length > 0 && (
        <Alert color="yellow" icon={<Icon name="sync" size={18} />}>
          {t('tech.sync.waitingHere', { count: pending.length })}
        </Alert>
      )}
    </>
  );
}
