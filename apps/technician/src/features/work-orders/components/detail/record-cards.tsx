import { Card, Image, Stack, Text, Title } from '@mantine/core';
import { formatDateTime } from '@purnajual/client';
import { OfflineTimeNote } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import type { StoredDetail } from '../../../../data/db';
import { useTimeZone } from '../../../../data/profile';
import { Field } from './field';

/** The parts fitted in the repair, once it is recorded. */
export function PartsUsedCard({ partsUsed }: { partsUsed: StoredDetail['partsUsed'] }) {
  const { t } = useTranslation();
  if (partsUsed.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        {t('tech.report.partsUsed')}
      </Title>
      {partsUsed.map((part) => (
        <Text key={part.partId}>
          {part.quantity} × {part.name} ({part.partNo})
        </Text>
      ))}
    </Card>
  );
}

/** The repair report the customer signed. */
export function ReportCard({ report }: { report: NonNullable<StoredDetail['report']> }) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('tech.report.title')}
        </Title>
        <Field label={t('tech.report.diagnosis')}>{report.diagnosis}</Field>
        <Field label={t('tech.report.actionTaken')}>{report.actionTaken}</Field>
        <Field label={t('tech.report.result')}>{t(`tech.result.${report.result}`)}</Field>
        <Image src={report.signatureUrl} alt={t('tech.report.signature')} h={120} fit="contain" bg="white" />
      </Stack>
    </Card>
  );
}

/** Every step of the work order, with who took it and, for a step done offline, when the server heard of it. */
export function HistoryCard({ history }: { history: StoredDetail['history'] }) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return (
    <Card withBorder>
      <Title order={2} size="h5" mb="xs">
        {t('tech.detail.history')}
      </Title>
      <Stack gap="xs">
        {history.map((entry) => (
          <div key={entry.id}>
            <Text size="sm" fw={600}>
              {t(`status.${entry.toStatus}`)}
              {entry.actor ? ` · ${entry.actor.name}` : ''}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at, timeZone, locale)}
              {entry.note ? ` · ${entry.note}` : ''}
            </Text>
            {entry.receivedAt && (
              <OfflineTimeNote
                receivedAt={formatDateTime(entry.receivedAt, timeZone, locale)}
                timeAdjusted={entry.timeAdjusted}
              />
            )}
          </div>
        ))}
      </Stack>
    </Card>
  );
}
