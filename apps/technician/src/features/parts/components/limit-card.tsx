import { Paper, Progress, Stack, Text } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { TechnicianPartLimits } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

function Measure({
  label,
  current,
  max,
  format,
}: {
  label: string;
  current: number;
  max: number | null;
  format: (n: number) => string;
}) {
  const { t } = useTranslation();
  const share = max ? Math.min(100, (current / max) * 100) : 0;
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}: {format(current)} {max === null ? `· ${t('tech.parts.noLimit')}` : `/ ${format(max)}`}
      </Text>
      {max !== null && (
        <Progress
          value={share}
          color={share >= 100 ? 'red.9' : share >= 80 ? 'orange.8' : 'teal.9'}
          aria-label={label}
          mt={4}
        />
      )}
    </div>
  );
}

/** What the technician may carry and carries now; the warehouse refuses issues past it. */
export function LimitCard({ limits }: { limits: TechnicianPartLimits }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-label={t('tech.parts.limits')}>
      <Stack gap="xs">
        <Text fw={700}>{t('tech.parts.limits')}</Text>
        <Measure label={t('tech.parts.items')} current={limits.currentItems} max={limits.maxItems} format={String} />
        <Measure
          label={t('tech.parts.value')}
          current={limits.currentValue}
          max={limits.maxValue}
          format={formatRupiah}
        />
      </Stack>
    </Paper>
  );
}
