import { ActionIcon, Box, Button, Group, Indicator, Notification, Text } from '@mantine/core';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { Icon } from '../components/icons';
import { db } from '../data/db';
import { useSession } from '../data/session';
import { useLiveSync } from './use-live-sync';

const toastMs = 6000;

function useQueueCounts() {
  return useLiveQuery(
    async () => ({
      pending: await db.queue.where('state').equals('pending').count(),
      rejected: await db.queue.where('state').equals('rejected').count(),
    }),
    [],
    { pending: 0, rejected: 0 },
  );
}

/** The frame of every signed-in screen: back, sync state, notifications, profile; a toast for what arrives. */
export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.kind === 'signedIn' ? session.profile.user.id : '';
  const live = useLiveSync(me);
  const location = useLocation();
  const navigate = useNavigate();
  const queue = useQueueCounts();
  const unread = useLiveQuery(() => db.notifications.filter((item) => item.readAt === null).count(), [], 0);
  const [toast, setToast] = useState<{ id: string; title: string } | null>(null);

  useEffect(() => {
    if (!live.arrived) return;
    setToast(live.arrived);
    const timer = window.setTimeout(() => setToast(null), toastMs);
    return () => window.clearTimeout(timer);
  }, [live.arrived]);

  const isHome = location.pathname === '/';
  return (
    <Box mih="100dvh" bg="gray.0">
      {/* The header and what the technician must not miss (unsent changes, no network) stay in view. */}
      <Box pos="sticky" top={0} style={{ zIndex: 10 }}>
        <Box component="header" bg="teal.9" c="white" px="xs" h={56} style={{ display: 'flex', alignItems: 'center' }}>
          <Group justify="space-between" w="100%" wrap="nowrap">
            <Group gap={4} wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
              {!isHome && (
                <ActionIcon
                  variant="transparent"
                  c="white"
                  size={48}
                  onClick={() => navigate(-1)}
                  aria-label={t('tech.back')}
                >
                  <Icon name="back" />
                </ActionIcon>
              )}
              {/* Beside the back button a 360 px bar has room for the short name only. */}
              <Text fw={700} size="lg" pl={isHome ? 'xs' : 0} truncate>
                {isHome ? t('tech.appName') : t('app.name')}
              </Text>
            </Group>
            <Group gap={4} wrap="nowrap">
              <Indicator label={unread} disabled={unread === 0} size={18} color="red.9" offset={8}>
                <ActionIcon
                  component={Link}
                  to="/notifications"
                  variant="transparent"
                  c="white"
                  size={48}
                  aria-label={t('tech.notifications.open', { count: unread })}
                >
                  <Icon name="bell" />
                </ActionIcon>
              </Indicator>
              <ActionIcon
                component={Link}
                to="/profile"
                variant="transparent"
                c="white"
                size={48}
                aria-label={t('tech.profile.title')}
              >
                <Icon name="user" />
              </ActionIcon>
            </Group>
          </Group>
        </Box>
        {(queue.pending > 0 || queue.rejected > 0) && (
          <Button
            component={Link}
            to="/sync"
            fullWidth
            radius={0}
            color={queue.rejected > 0 ? 'red.9' : 'yellow.3'}
            c={queue.rejected > 0 ? 'white' : 'dark'}
            leftSection={<Icon name="sync" size={16} />}
          >
            {[
              queue.pending > 0 ? t('tech.sync.waiting', { count: queue.pending }) : null,
              queue.rejected > 0 ? t('tech.sync.rejectedCount', { count: queue.rejected }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Button>
        )}
        {live.status !== 'open' && (
          <Text role="status" ta="center" size="sm" bg="gray.2" py={4}>
            {t('tech.offline')}
          </Text>
        )}
      </Box>
      <Box component="main" p="sm" pb="xl" maw={640} mx="auto">
        <Outlet />
      </Box>
      {toast && (
        <Notification
          role="status"
          pos="fixed"
          bottom={16}
          left={16}
          right={16}
          style={{ zIndex: 20 }}
          title={t('tech.notifications.arrived')}
          onClose={() => setToast(null)}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          <Text component={Link} to="/notifications" size="sm">
            {toast.title}
          </Text>
        </Notification>
      )}
    </Box>
  );
}
