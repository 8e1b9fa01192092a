import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type PartLineDraft, PartLines } from '../../../components/part-lines';
import { useBag } from '../../../data/parts';

/** The parts a repair used, taken from the technician's bag (no more than is in it). */
export function PartsUsedField({
  lines,
  onChange,
}: {
  lines: PartLineDraft[];
  onChange: (lines: PartLineDraft[]) => void;
}) {
  const { t } = useTranslation();
  const bag = useBag();
  const available = bag?.inventory.items.filter((item) => !lines.some((line) => line.partId === item.part.id)) ?? [];
  return (
    <Stack gap="xs">
      <PartLines lines={lines} onChange={onChange} />
      {available.length === 0 && lines.length === 0 && <Text c="dimmed">{t('tech.parts.emptyBag')}</Text>}
      {available.map((item) => (
        <Card key={item.part.id} withBorder padding="xs">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text fw={600}>{item.part.name}</Text>
              <Text size="xs" c="dimmed">
                {item.part.partNo} · {t('tech.parts.inBag', { count: item.quantity })}
              </Text>
            </div>
            <Button
              size="sm"
              variant="outline"
              aria-label={t('tech.parts.use', { name: item.part.name })}
              onClick={() =>
                onChange([
                  ...lines,
                  {
                    key: item.part.id,
                    partId: item.part.id,
                    name: item.part.name,
                    partNo: item.part.partNo,
                    price: item.part.price,
                    quantity: 1,
                    max: item.quantity,
                  },
                ])
              }
            >
              +
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
