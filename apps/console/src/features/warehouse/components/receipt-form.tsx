import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  List,
  NumberInput,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import type { StockLocation } from '@purnajual/contract';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../../components/ui/form-actions';
import { useReceiveGoods } from '../api/stock';
import { locationLabel } from './location-label';
import { PartPicker } from './part-picker';
import { StockErrorAlert } from './stock-error-alert';

interface ReceiptLine {
  /** Keeps each line's inputs in place when an earlier line is removed. */
  key: string;
  partId: string | null;
  quantity: number | string;
}

const newLine = (): ReceiptLine => ({ key: crypto.randomUUID(), partId: null, quantity: 1 });

const isWhole = (quantity: number | string): quantity is number =>
  typeof quantity === 'number' && Number.isInteger(quantity) && quantity >= 1;

/** Goods from a supplier into a warehouse: the delivery note's number and its lines. */
export function ReceiptForm({
  warehouses,
  defaultLocationId,
  onClose,
}: {
  warehouses: readonly StockLocation[];
  defaultLocationId: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const receive = useReceiveGoods();
  const [locationId, setLocationId] = useState(defaultLocationId ?? warehouses[0]?.id ?? null);
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<ReceiptLine[]>(() => [newLine()]);
  const chosen = lines.flatMap((line) => (line.partId ? [line.partId] : []));
  const ready =
    locationId !== null &&
    reference.trim() !== '' &&
    lines.every((line) => line.partId !== null && isWhole(line.quantity));

  const update = (key: string, change: Partial<ReceiptLine>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    receive.mutate(
      {
        locationId,
        reference: reference.trim(),
        lines: lines.flatMap((line) =>
          line.partId && isWhole(line.quantity) ? [{ partId: line.partId, quantity: line.quantity }] : [],
        ),
      },
      {
        onSuccess: () => {
          setReference('');
          setLines([newLine()]);
        },
      },
    );
  };

  return (
    <Card withBorder component="form" onSubmit={submit} aria-label={t('warehouse.receipt.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('warehouse.receipt.title')}
        </Title>
        {receive.data && (
          <Alert color="green" role="status" title={t('warehouse.receipt.done', { reference: receive.data.reference })}>
            <List size="sm">
              {receive.data.lines.map((line) => (
                <List.Item key={line.part.id}>
                  {t('warehouse.receipt.doneLine', {
                    partNo: line.part.partNo,
                    quantity: line.quantity,
                    onHand: line.onHand,
                  })}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <StockErrorAlert error={receive.error} />
        <Group grow align="start">
          <Select
            label={t('warehouse.receipt.warehouse')}
            required
            allowDeselect={false}
            data={warehouses.map((location) => ({ value: location.id, label: locationLabel(location, t) }))}
            value={locationId}
            onChange={setLocationId}
          />
          <TextInput
            label={t('warehouse.receipt.reference')}
            description={t('warehouse.receipt.referenceHint')}
            required
            value={reference}
            onChange={(e) => setReference(e.currentTarget.value)}
          />
        </Group>
        {lines.map((line, index) => (
          <Group key={line.key} align="end" wrap="nowrap">
            <PartPicker
              label={t('warehouse.receipt.part', { line: index + 1 })}
              required
              value={line.partId}
              onChange={(part) => update(line.key, { partId: part?.id ?? null })}
              exclude={chosen}
              w={420}
            />
            <NumberInput
              label={t('warehouse.receipt.quantity', { line: index + 1 })}
              required
              min={1}
              max={10_000}
              allowDecimal={false}
              allowNegative={false}
              w={140}
              value={line.quantity}
              onChange={(quantity) => update(line.key, { quantity })}
            />
            <ActionIcon
              variant="default"
              size="input-sm"
              disabled={lines.length === 1}
              aria-label={t('warehouse.receipt.removeLine', { line: index + 1 })}
              onClick={() => setLines((current) => current.filter((other) => other.key !== line.key))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setLines((current) => [...current, newLine()])}>
            {t('warehouse.receipt.addLine')}
          </Button>
        </Group>
        <FormActions saving={receive.isPending} disabled={!ready} onCancel={onClose} />
      </Stack>
    </Card>
  );
}
