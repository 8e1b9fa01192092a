import { Card, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { db } from '../../../data/db';
import { useTimeZone } from '../../../data/profile';
import { queueNotificationRead } from '../../../data/queue';

/** What the office sent, newest first; opening one marks it read (offline too). */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const items = useLiveQuery(() => db.notifications.orderBy('createdAt').reverse().toArray(), [], []);

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.notifications.title')}
      </Title>
      {items.length === 0 && <Text c="dimmed">{t('tech.notifications.empty')}</Text>}
      {items.map((item) => {
        const unread = item.readAt === null;
        return (
          <Card key={item.id} withBorder padding="sm" bg={unread ? 'teal.0' : 'white'}>
            {/* Named by all it shows, so a voice command reading the title out finds it (WCAG 2.5.3). */}
            <UnstyledButton onClick={() => unread && void queueNotificationRead(item.id)} w="100%">
              <Text fw={unread ? 700 : 500}>
                {unread && <VisuallyHidden>{`${t('tech.notifications.markRead')} `}</VisuallyHidden>}
                {item.title}
              </Text>
              <Text size="sm">{item.body}</Text>
              <Text size="xs" c="dimmed">
                {item.sender?.name ?? t('tech.notifications.system')} ·{' '}
                {formatDateTime(item.createdAt, timeZone, i18n.language === 'en' ? 'en' : 'id')}
                {unread ? ` · ${t('tech.notifications.unread')}` : ''}
              </Text>
            </UnstyledButton>
            {item.workOrderId && (
              <Text component={Link} to={`/work-orders/${item.workOrderId}`} size="sm" c="teal.9" td="underline">
                {t('tech.notifications.openWorkOrder')}
              </Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
