import { Button, Card, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { formatPhone } from '@purnajual/client';
import { timeZoneLabels } from '@purnajual/contract';
import { changeLanguage } from '@purnajual/ui';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { db } from '../../../data/db';
import { useProfile } from '../../../data/profile';
import { signOut } from '../../../data/session';
import { PushSwitch } from './push-switch';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const profile = useProfile();
  const pending = useLiveQuery(() => db.queue.where('state').equals('pending').count(), [], 0);
  const [confirming, setConfirming] = useState(false);
  if (!profile) return null;
  const { user, branch } = profile;

  const leave = async () => {
    await signOut();
    navigate('/login', { replace: true });
  };

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.profile.title')}
      </Title>
      <Card withBorder>
        <Stack gap="sm">
          <Row label={t('tech.profile.name')} value={user.name} />
          <Row label={t('auth.employeeNo')} value={user.employeeNo} />
          <Row
            label={t('tech.profile.branch')}
            value={branch ? `${branch.name} (${timeZoneLabels[branch.timeZone]})` : t('common.none')}
          />
          <Row
            label={t('tech.profile.areas')}
            value={profile.areaNames.length ? profile.areaNames.join(', ') : t('common.none')}
          />
          <Row label={t('tech.profile.phone')} value={user.phone ? formatPhone(user.phone) : t('common.none')} />
        </Stack>
      </Card>
      <PushSwitch />
      <SegmentedControl
        aria-label={t('common.language')}
        value={i18n.language === 'en' ? 'en' : 'id'}
        onChange={(value) => void changeLanguage(value === 'en' ? 'en' : 'id')}
        data={[
          { value: 'id', label: 'Bahasa Indonesia' },
          { value: 'en', label: 'English' },
        ]}
      />
      <Button
        size="lg"
        variant="outline"
        color="red.9"
        onClick={() => (pending > 0 ? setConfirming(true) : void leave())}
      >
        {t('common.signOut')}
      </Button>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('common.signOut')}>
        <Stack>
          <Text>{t('tech.profile.signOutPending', { count: pending })}</Text>
          <Button color="red.9" onClick={() => void leave()}>
            {t('tech.profile.signOutAnyway')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
