import { Alert, Button, FileButton, Group, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentKind } from '../../../data/db';
import { downscalePhoto } from '../../../data/photo';
import { queuePhoto } from '../../../data/queue';

const kinds: AttachmentKind[] = ['before', 'after', 'damage', 'serial_plate'];
const isKind = (value: string | null): value is AttachmentKind => kinds.some((kind) => kind === value);

/** Takes a photo with the phone's camera, shrinks it, and queues it for the work order. */
export function PhotoCapture({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<AttachmentKind>('before');
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);

  const take = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setFailed(false);
    try {
      await queuePhoto(workOrderId, kind, await downscalePhoto(file));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs">
      {failed && (
        <Alert color="red" role="alert">
          {t('tech.report.photoUnreadable')}
        </Alert>
      )}
      <Group grow align="flex-end">
        <Select
          label={t('tech.report.photoKind')}
          value={kind}
          onChange={(value) => isKind(value) && setKind(value)}
          data={kinds.map((value) => ({ value, label: t(`tech.photoKind.${value}`) }))}
          allowDeselect={false}
          size="md"
        />
        <FileButton onChange={(file) => void take(file)} accept="image/*" capture="environment">
          {(props) => (
            <Button {...props} size="md" loading={busy}>
              {t('tech.report.takePhoto')}
            </Button>
          )}
        </FileButton>
      </Group>
    </Stack>
  );
}
