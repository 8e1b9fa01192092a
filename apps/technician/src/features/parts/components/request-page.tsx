import { Alert, Button, Card, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { type PartLineDraft, PartLines } from '../../../components/part-lines';
import { useBag, useCatalog } from '../../../data/parts';
import { useProfile } from '../../../data/profile';
import { queuePartRequest } from '../../../data/queue';
import { isOpen, useWorkOrders } from '../../../data/work-orders';

const shownResults = 30;

/** Ask the warehouse for parts, optionally for one of the technician's work orders; works offline. */
export function RequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const me = useProfile()?.user.id;
  const myOpen = (useWorkOrders() ?? []).filter((item) => item.technicianId === me && isOpen(item));
  const catalog = useCatalog();
  const bag = useBag();
  const [workOrderId, setWorkOrderId] = useState<string | null>(params.get('workOrderId'));
  const [query, setQuery] = useState('');
  const [lines, setLines] = useState<PartLineDraft[]>([]);
  const [note, setNote] = useState('');

  const model = myOpen.find((item) => item.id === workOrderId)?.product?.model.code;
  const needle = query.trim().toLowerCase();
  const results = catalog
    .filter((part) => !lines.some((line) => line.partId === part.id))
    .filter((part) => !model || needle || part.modelCodes.includes(model))
    .filter((part) => !needle || part.name.toLowerCase().includes(needle) || part.partNo.toLowerCase().includes(needle))
    .slice(0, shownResults);

  const requestedItems = lines.reduce((sum, line) => sum + line.quantity, 0);
  const requestedValue = lines.reduce((sum, line) => sum + line.quantity * line.price, 0);
  const limits = bag?.limits;
  const overLimit =
    limits &&
    ((limits.maxItems !== null && limits.currentItems + requestedItems > limits.maxItems) ||
      (limits.maxValue !== null && limits.currentValue + requestedValue > limits.maxValue));

  const submit = async () => {
    await queuePartRequest({
      lines: lines.map((line) => ({ partId: line.partId, quantity: line.quantity })),
      ...(workOrderId ? { workOrderId } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    navigate('/parts?view=requests', { replace: true });
  };

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.parts.request')}
      </Title>
      <Select
        size="md"
        label={t('tech.parts.forWorkOrder')}
        placeholder={t('tech.parts.noWorkOrder')}
        clearable
        value={workOrderId}
        onChange={setWorkOrderId}
        data={myOpen.map((item) => ({ value: item.id, label: `${item.number} · ${item.customer.name}` }))}
      />
      <TextInput
        size="md"
        label={t('tech.parts.search')}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        description={model && !needle ? t('tech.parts.fitsModel', { model }) : undefined}
      />
      <Stack gap="xs" component="section" aria-label={t('tech.parts.catalog')}>
        {results.length === 0 && <Text c="dimmed">{t('tech.parts.noMatch')}</Text>}
        {results.map((part) => (
          <Card key={part.id} withBorder padding="xs">
            <Group justify="space-between" wrap="nowrap">
              <div style={{ minWidth: 0 }}>
                <Text fw={600}>{part.name}</Text>
                <Text size="xs" c="dimmed">
                  {part.partNo} · {formatRupiah(part.price)}
                </Text>
              </div>
              <Button
                size="sm"
                variant="outline"
                aria-label={t('tech.parts.add', { name: part.name })}
                onClick={() =>
                  setLines([
                    ...lines,
                    {
                      key: part.id,
                      partId: part.id,
                      name: part.name,
                      partNo: part.partNo,
                      price: part.price,
                      quantity: 1,
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
      {overLimit && <Alert color="orange">{t('tech.parts.overLimit')}</Alert>}
      <Textarea
        label={t('tech.actions.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={500}
        autosize
      />
      <Button size="lg" disabled={lines.length === 0} onClick={() => void submit()}>
        {t('tech.parts.send')}
      </Button>
    </Stack>
  );
}
