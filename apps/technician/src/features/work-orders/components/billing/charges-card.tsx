import { Button, Card, Select, Stack, Text } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queueCharges } from '../../../../data/queue';

/** The labor the technician charges, from the branch's price list, and the fixed transport. */
export function ChargesCard({ workOrderId, billing }: { workOrderId: string; billing: WorkOrderBilling }) {
  const { t } = useTranslation();
  const [labor, setLabor] = useState<string | null>(null);
  const laborChoice = labor ?? String(billing.charges.labor || (billing.priceList.laborOptions[0] ?? 0));
  const { transport } = billing.priceList;
  return (
    <Card withBorder component="section" aria-label={t('tech.billing.setCharges')}>
      <Stack>
        <Select
          size="md"
          label={t('tech.billing.labor')}
          value={laborChoice}
          onChange={setLabor}
          allowDeselect={false}
          data={[...new Set([...billing.priceList.laborOptions, billing.charges.labor])].map((option) => ({
            value: String(option),
            label: formatRupiah(option),
          }))}
        />
        <Text size="sm">
          {t('tech.billing.transport')}: {formatRupiah(transport)}
        </Text>
        <Button
          size="md"
          variant="outline"
          onClick={() => void queueCharges(workOrderId, { labor: Number(laborChoice), transport, discount: 0 })}
        >
          {t('tech.billing.saveCharges')}
        </Button>
      </Stack>
    </Card>
  );
}
