import { Card, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Icon, type IconName } from '../../../components/icons';
import { useNow } from '../../../components/use-now';
import { localDay } from '../../../data/local-time';
import { useProfile, useTimeZone } from '../../../data/profile';
import { useWorkOrders } from '../../../data/work-orders';

const tiles: { to: string; label: string; icon: IconName }[] = [
  { to: '/work-orders', label: 'tech.menu.workOrders', icon: 'wrench' },
  { to: '/schedule', label: 'tech.menu.schedule', icon: 'calendar' },
  { to: '/appointments', label: 'tech.menu.appointments', icon: 'clock' },
  { to: '/parts', label: 'tech.menu.parts', icon: 'box' },
  { to: '/profile', label: 'tech.menu.profile', icon: 'user' },
];

const waiting = new Set(['assigned', 'accepted', 'scheduled']);
const working = new Set(['en_route', 'in_progress', 'on_hold']);

export function HomePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const timeZone = useTimeZone();
  const today = localDay(useNow(60_000).toISOString(), timeZone);
  const mine = (useWorkOrders() ?? []).filter((item) => item.technicianId === profile?.user.id);
  const summary = [
    { label: 'tech.home.assigned', value: mine.filter((item) => waiting.has(item.status)).length },
    { label: 'tech.home.inProgress', value: mine.filter((item) => working.has(item.status)).length },
    {
      label: 'tech.home.doneToday',
      value: mine.filter(
        (item) =>
          (item.status === 'completed' || item.status === 'closed') && localDay(item.updatedAt, timeZone) === today,
      ).length,
    },
  ];

  return (
    <Stack>
      <div>
        <Title order={1} size="h3">
          {t('tech.home.greeting', { name: profile?.user.name ?? '' })}
        </Title>
        <Text c="dimmed">{profile?.branch?.name}</Text>
      </div>
      <Paper withBorder p="sm" aria-label={t('tech.home.today')} component="section">
        <Text fw={600} mb="xs">
          {t('tech.home.today')}
        </Text>
        <SimpleGrid cols={3}>
          {summary.map((item) => (
            <div key={item.label}>
              <Text fz={28} fw={700} c="teal.9">
                {item.value}
              </Text>
              <Text size="sm">{t(item.label)}</Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={2} component="nav" aria-label={t('common.menu')}>
        {tiles.map((tile) => (
          <Card key={tile.to} component={Link} to={tile.to} withBorder padding="lg" mih={104}>
            <Stack gap={6} align="flex-start" c="teal.9">
              <Icon name={tile.icon} size={32} />
              <Text fw={600} c="dark">
                {t(tile.label)}
              </Text>
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
