import { Image, SimpleGrid } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueuedChange, StoredDetail } from '../../../data/db';

/** A photo taken on the phone and not yet sent, shown from the queue. */
function QueuedPhoto({ change }: { change: QueuedChange }) {
  const { t } = useTranslation();
  const url = useMemo(() => (change.photo ? URL.createObjectURL(change.photo.blob) : null), [change.photo]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (!url || !change.photo) return null;
  return <Image src={url} alt={t(`tech.photoKind.${change.photo.kind}`)} radius="sm" h={96} fit="cover" />;
}

/** The work order's photos: those on the server and those still waiting on the phone. */
export function PhotoGrid({ detail, queued }: { detail: StoredDetail | undefined; queued: QueuedChange[] }) {
  const { t } = useTranslation();
  const waiting = queued.filter((change) => change.photo && change.state === 'pending');
  if (!detail?.attachments.length && waiting.length === 0) return null;
  return (
    <SimpleGrid cols={3} spacing="xs">
      {detail?.attachments.map((attachment) => (
        <Image
          key={attachment.id}
          src={attachment.url}
          alt={t(`tech.photoKind.${attachment.kind}`)}
          radius="sm"
          h={96}
          fit="cover"
        />
      ))}
      {waiting.map((change) => (
        <QueuedPhoto key={change.seq} change={change} />
      ))}
    </SimpleGrid>
  );
}
