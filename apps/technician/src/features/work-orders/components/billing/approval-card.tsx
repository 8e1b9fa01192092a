import { Alert, Button, Card, Stack, Text, TextInput } from '@mantine/core';
import { formatDateTime, formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../../../data/profile';
import { queueApproval } from '../../../../data/queue';
import { SignatureField } from '../signature-field';

interface ApprovalCardProps {
  workOrderId: string;
  billing: WorkOrderBilling;
  /** A change to the bill is still on its way: the figures the customer would sign are not final. */
  waiting: boolean;
}

/** The customer's signature approving the current total, or who approved it and when. */
export function ApprovalCard({ workOrderId, billing, waiting }: ApprovalCardProps) {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const [signerName, setSignerName] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const { approval } = billing;
  return (
    <Card withBorder component="section" aria-label={t('tech.billing.approval')}>
      {approval?.isCurrent ? (
        <Stack gap={4}>
          <Text fw={600}>
            {t('tech.billing.approvedBy', { name: approval.name, total: formatRupiah(approval.approvedTotal) })}
          </Text>
          <Text size="sm" c="dimmed">
            {formatDateTime(approval.at, timeZone, i18n.language === 'en' ? 'en' : 'id')}
          </Text>
        </Stack>
      ) : (
        <Stack>
          {approval && <Alert color="orange">{t('tech.billing.approvalOutdated')}</Alert>}
          <TextInput
            size="md"
            label={t('tech.billing.signerName')}
            value={signerName}
            onChange={(e) => setSignerName(e.currentTarget.value)}
            maxLength={120}
          />
          <SignatureField label={t('tech.billing.customerSignature')} onChange={setSignature} />
          <Button
            size="lg"
            disabled={!signature || !signerName.trim() || waiting}
            onClick={() =>
              signature &&
              void queueApproval(workOrderId, { signature, name: signerName.trim(), approvedTotal: billing.total })
            }
          >
            {t('tech.billing.approve', { total: formatRupiah(billing.total) })}
          </Button>
        </Stack>
      )}
    </Card>
  );
}
