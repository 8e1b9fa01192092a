import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db } from '../../../data/db';
import { dismissRejected } from '../../../data/queue';
import { rejectionMessage } from '../../../data/rejection';
import { drainQueue } from '../../../data/sync';

/** Everything done on the phone that the server has not taken yet, and what it refused and why. */
export function SyncPage() {
  const { t } = useTranslation();
  const items = useLiveQuery(() => db.queue.orderBy('seq').toArray(), [], []);
  const workOrders = useLiveQuery(() => db.workOrders.toArray(), [], []);
  const numberOf = (id: string | null) => workOrders.find((item) => item.id === id)?.number;

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.sync.title')}
      </Title>
      {items.length === 0 && <Alert color="green">{t('tech.sync.allSent')}</Alert>}
      {items.some((item) => item.state === 'pending') && (
        <Button size="lg" onClick={() => void drainQueue()}>
          {t('tech.sync.sendNow')}
        </Button>
      )}
      {items.map((item) => (
        <Card key={item.seq} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Text fw={600}>{t(`tech.sync.label.${item.label}`)}</Text>
              {item.workOrderId && (
                <Text component={Link} to={`/work-orders/${item.workOrderId}`} size="sm" td="underline">
                  {numberOf(item.workOrderId) ?? item.workOrderId}
                </Text>
              )}
            </div>
            <Badge
              color={item.state === 'rejected' ? 'red.9' : 'yellow.4'}
              c={item.state === 'rejected' ? 'white' : 'dark'}
            >
              {t(`tech.sync.state.${item.state}`)}
            </Badge>
          </Group>
          {item.rejection && (
            <Stack gap={4} mt="xs">
              <Text size="sm" c="red.9">
                {rejectionMessage(
                  item,
                  workOrders.find((workOrder) => workOrder.id === item.workOrderId),
                  t,
                )}
              </Text>
              <Button
                size="compact-md"
                variant="light"
                color="red"
                onClick={() => item.seq && void dismissRejected(item.seq)}
              >
                {t('tech.sync.dismiss')}
              </Button>
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}
