import { Loader, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { disablePush, enablePush, type PushState, readPushState } from '../../../data/push';

/**
 * "Notifikasi push": new assignments and messages on the phone while the app is closed.
 * Hidden when the server sends no pushes; disabled, with the reason, when the browser
 * cannot take them or the technician refused the permission.
 */
export function PushSwitch() {
  const { t } = useTranslation();
  const [state, setState] = useState<PushState | 'loading'>('loading');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    readPushState().then(
      (read) => live && setState(read),
      () => live && setState('off'),
    );
    return () => {
      live = false;
    };
  }, []);

  if (state === 'loading') return <Loader size="sm" aria-label={t('tech.profile.push.label')} />;
  if (state === 'serverOff') return null;

  const toggle = async (on: boolean) => {
    setBusy(true);
    setFailed(false);
    try {
      if (on) setState(await enablePush());
      else {
        await disablePush({ tellServer: true });
        setState('off');
      }
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  const reason = state === 'unsupported' || state === 'denied' ? t(`tech.profile.push.${state}`) : null;
  return (
    <div>
      <Switch
        size="lg"
        label={t('tech.profile.push.label')}
        description={t('tech.profile.push.description')}
        checked={state === 'on'}
        disabled={busy || reason !== null}
        onChange={(event) => void toggle(event.currentTarget.checked)}
      />
      {reason && (
        <Text size="sm" c="red.9" mt="xs">
          {reason}
        </Text>
      )}
      {failed && (
        <Text size="sm" c="red.9" mt="xs" role="alert">
          {t('tech.profile.push.failed')}
        </Text>
      )}
    </div>
  );
}
