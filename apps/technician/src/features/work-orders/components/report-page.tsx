import { Alert, Button, Card, Select, Stack, Textarea, Title } from '@mantine/core';
import { repairResults } from '@purnajual/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import type { PartLineDraft } from '../../../components/part-lines';
import { useProfile } from '../../../data/profile';
import { queueTransition } from '../../../data/queue';
import { useQueuedChanges, useWorkOrder } from '../../../data/work-orders';
import { PartsUsedField } from './parts-used-field';
import { PhotoCapture } from './photo-capture';
import { PhotoGrid } from './photo-grid';
import { RepairTimer } from './repair-timer';
import { SignatureField } from './signature-field';

type RepairResult = (typeof repairResults)[number];
const isResult = (value: string | null): value is RepairResult => repairResults.some((result) => result === value);

/** The repair result in place of the paper form: what was found, what was done, photos, the customer's signature. */
export function ReportPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const me = useProfile()?.user.id ?? '';
  const found = useWorkOrder(id);
  const queued = useQueuedChanges(id);
  const [diagnosis, setDiagnosis] = useState('');
  const [actionTaken, setActionTaken] = useState('');
  const [result, setResult] = useState<RepairResult>('fixed');
  const [signature, setSignature] = useState<string | null>(null);
  const [partsUsed, setPartsUsed] = useState<PartLineDraft[]>([]);
  const [tried, setTried] = useState(false);

  if (!found) return null;
  const workOrder = found.summary;
  if (!workOrder) return <Navigate to="/work-orders" replace />;
  if (workOrder.status !== 'in_progress') return <Navigate to={`/work-orders/${id}`} replace />;

  const complete = diagnosis.trim().length > 0 && actionTaken.trim().length > 0 && signature !== null;
  const submit = async () => {
    setTried(true);
    if (!complete || !signature) return;
    await queueTransition(
      workOrder,
      {
        action: 'complete',
        diagnosis: diagnosis.trim(),
        actionTaken: actionTaken.trim(),
        result,
        signature,
        ...(partsUsed.length
          ? { partsUsed: partsUsed.map((line) => ({ partId: line.partId, quantity: line.quantity })) }
          : {}),
      },
      me,
    );
    navigate(`/work-orders/${id}`, { replace: true });
  };

  return (
    <Stack>
      <Title order={1} size="h3">
        {t('tech.report.title')} · {workOrder.number}
      </Title>
      <RepairTimer workOrder={workOrder} />
      <Card withBorder>
        <Stack>
          <Textarea
            size="md"
            label={t('tech.report.diagnosis')}
            value={diagnosis}
            onChange={(e) => setDiagnosis(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            required
            error={tried && !diagnosis.trim() ? t('tech.report.required') : null}
          />
          <Textarea
            size="md"
            label={t('tech.report.actionTaken')}
            value={actionTaken}
            onChange={(e) => setActionTaken(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={2000}
            required
            error={tried && !actionTaken.trim() ? t('tech.report.required') : null}
          />
          <Select
            size="md"
            label={t('tech.report.result')}
            value={result}
            onChange={(value) => isResult(value) && setResult(value)}
            data={repairResults.map((value) => ({ value, label: t(`tech.result.${value}`) }))}
            allowDeselect={false}
          />
        </Stack>
      </Card>
      <Card withBorder>
        <Title order={2} size="h5" mb="xs">
          {t('tech.report.partsUsed')}
        </Title>
        <PartsUsedField lines={partsUsed} onChange={setPartsUsed} />
      </Card>
      <Card withBorder>
        <Title order={2} size="h5" mb="xs">
          {t('tech.report.photos')}
        </Title>
        <Stack gap="xs">
          <PhotoGrid detail={found.detail} queued={queued} />
          <PhotoCapture workOrderId={id} />
        </Stack>
      </Card>
      <Card withBorder>
        <SignatureField label={t('tech.report.signature')} onChange={setSignature} />
        {tried && !signature && (
          <Alert color="red" mt="xs" role="alert">
            {t('tech.report.signatureRequired')}
          </Alert>
        )}
      </Card>
      <Button size="lg" onClick={() => void submit()}>
        {t('tech.actions.complete')}
      </Button>
    </Stack>
  );
}
