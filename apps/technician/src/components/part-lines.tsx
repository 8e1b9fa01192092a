import { ActionIcon, Card, Group, NumberInput, Stack, Text } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import { useTranslation } from 'react-i18next';

export interface PartLineDraft {
  /** Tells lines apart: the same part may be returned unused and, separately, defective. */
  key: string;
  partId: string;
  name: string;
  partNo: string;
  price: number;
  quantity: number;
  /** The most that may be chosen (what is in the bag), if anything limits it. */
  max?: number;
}

/** The parts chosen so far, each with its quantity, removable. */
export function PartLines<T extends PartLineDraft>({
  lines,
  onChange,
}: {
  lines: T[];
  onChange: (lines: T[]) => void;
}) {
  const { t } = useTranslation();
  if (lines.length === 0) return null;
  const total = lines.reduce((sum, line) => sum + line.price * line.quantity, 0);
  return (
    <Stack gap="xs" component="section" aria-label={t('tech.parts.chosen')}>
      {lines.map((line) => (
        <Card key={line.key} withBorder padding="xs">
          <Group justify="space-between" wrap="nowrap">
            <div style={{ minWidth: 0 }}>
              <Text fw={600}>{line.name}</Text>
              <Text size="xs" c="dimmed">
                {line.partNo} · {formatRupiah(line.price)}
              </Text>
            </div>
            <Group gap={4} wrap="nowrap">
              <NumberInput
                w={84}
                size="md"
                min={1}
                max={line.max ?? 99}
                clampBehavior="strict"
                allowDecimal={false}
                value={line.quantity}
                aria-label={t('tech.parts.quantityOf', { name: line.name })}
                onChange={(value) =>
                  onChange(
                    lines.map((other) =>
                      other.key === line.key ? { ...other, quantity: Math.max(1, Number(value) || 1) } : other,
                    ),
                  )
                }
              />
              <ActionIcon
                variant="subtle"
                color="red.9"
                size={44}
                aria-label={t('tech.parts.remove', { name: line.name })}
                onClick={() => onChange(lines.filter((other) => other.key !== line.key))}
              >
                ×
              </ActionIcon>
            </Group>
          </Group>
        </Card>
      ))}
      <Text fw={600} ta="right">
        {t('tech.parts.total')}: {formatRupiah(total)}
      </Text>
    </Stack>
  );
}
