import { Alert, Center, Loader } from '@mantine/core';
import { ErrorAlert } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { isOffline } from '../../../data/sync';
import type { WorkOrderRead } from './use-work-order-read';

/** In place of a screen whose work order the phone does not hold (yet): why, for as long as it lasts. */
export function WorkOrderPending({ read }: { read: WorkOrderRead }) {
  const { t } = useTranslation();
  if (read.state === 'reading') {
    return (
      <Center mih="40vh">
        <Loader role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (read.state === 'done') return <Alert color="yellow">{t('tech.sync.reason.notFound')}</Alert>;
  if (isOffline(read.error)) return <Alert color="yellow">{t('tech.workOrders.notOnPhone')}</Alert>;
  return <ErrorAlert error={read.error} />;
}
