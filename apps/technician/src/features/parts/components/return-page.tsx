import { Button, Card, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import type { PartCondition } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type PartLineDraft, PartLines } from '../../../components/part-lines';
import { useBag } from '../../../data/parts';
import { queuePartReturn } from '../../../data/queue';

type ReturnDraft = PartLineDraft & { condition: PartCondition; workOrderId?: string };

/**
 * Give parts back to the warehouse: unused or faulty ones from the bag, and the replaced
 * defective parts the repair obliges the technician to bring back. Works offline.
 */
export function ReturnPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const bag = useBag();
  const [condition, setCondition] = useState<PartCondition>('unused');
  const [lines, setLines] = useState<ReturnDraft[]>([]);
  const [note, setNote] = useState('');
  const keyOf = (line: { partId: string; condition: string; workOrderId?: string }) =>
    `${line.partId}/${line.condition}/${line.workOrderId ?? ''}`;
  const chosen = new Set(lines.map((line) => line.key));

  const submit = async () => {
    await queuePartReturn({
      lines: lines.map((line) => ({
        partId: line.partId,
        quantity: line.quantity,
        condition: line.condition,
        ...(line.workOrderId ? { workOrderId: line.workOrderId } : {}),
      })),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    navigate('/parts?view=returns', { replace: true });
  };

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.parts.return')}
      </Title>
      <SegmentedControl
        fullWidth
        value={condition}
        onChange={(value) => setCondition(value === 'defective' ? 'defective' : 'unused')}
        data={[
          { value: 'unused', label: t('tech.parts.condition.unused') },
          { value: 'defective', label: t('tech.parts.condition.defective') },
        ]}
      />
      <Stack gap="xs" component="section" aria-label={t('tech.parts.views.bag')}>
        {bag?.inventory.items
          .filter((item) => !chosen.has(keyOf({ partId: item.part.id, condition })))
          .filter((item) => condition === 'defective' || item.part.returnable)
          .map((item) => (
            <Card key={item.part.id} withBorder padding="xs">
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600}>{item.part.name}</Text>
                  <Text size="xs" c="dimmed">
                    {item.part.partNo} · {t('tech.parts.inBag', { count: item.quantity })}
                  </Text>
                </div>
                <Button
                  size="sm"
                  variant="outline"
                  aria-label={t('tech.parts.add', { name: item.part.name })}
                  onClick={() =>
                    setLines([
                      ...lines,
                      {
                        key: keyOf({ partId: item.part.id, condition }),
                        partId: item.part.id,
                        name: item.part.name,
                        partNo: item.part.partNo,
                        price: item.part.price,
                        quantity: 1,
                        max: item.quantity,
                        condition,
                      },
                    ])
                  }
                >
                  +
                </Button>
              </Group>
            </Card>
          ))}
        {condition === 'defective' &&
          bag?.inventory.defectiveDue
            .filter(
              (due) =>
                !chosen.has(keyOf({ partId: due.part.id, condition: 'defective', workOrderId: due.workOrder.id })),
            )
            .map((due) => (
              <Card key={`${due.workOrder.id}/${due.part.id}`} withBorder padding="xs" bg="orange.0">
                <Group justify="space-between" wrap="nowrap">
                  <div>
                    <Text fw={600}>{due.part.name}</Text>
                    <Text size="xs">
                      {t('tech.parts.replacedIn', { number: due.workOrder.number, count: due.quantity })}
                    </Text>
                  </div>
                  <Button
                    size="sm"
                    variant="outline"
                    aria-label={t('tech.parts.add', { name: due.part.name })}
                    onClick={() =>
                      setLines([
                        ...lines,
                        {
                          key: keyOf({ partId: due.part.id, condition: 'defective', workOrderId: due.workOrder.id }),
                          partId: due.part.id,
                          name: due.part.name,
                          partNo: due.part.partNo,
                          price: due.part.price,
                          quantity: due.quantity,
                          max: due.quantity,
                          condition: 'defective',
                          workOrderId: due.workOrder.id,
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
      <PartLines lines={lines} onChange={setLines} />
      <Textarea
        label={t('tech.actions.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={500}
        autosize
      />
      <Button size="lg" disabled={lines.length === 0} onClick={() => void submit()}>
        {t('tech.parts.sendReturn')}
      </Button>
    </Stack>
  );
}
