import { Alert, Group, Image, Stack, Text, Title } from '@mantine/core';
import { formatRupiah } from '@purnajual/client';
import type { WorkOrderBilling } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

/** Who approved which total and when, with their signature; greyed out once the bill changed after it. */
export function ApprovalView({ billing, when }: { billing: WorkOrderBilling; when: (iso: string) => string }) {
  const { t } = useTranslation();
  const { approval } = billing;
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('billing.approval.title')}
      </Title>
      {approval ? (
        <>
          {!approval.isCurrent && (
            <Alert color="red" title={t('billing.approval.outdated')}>
              {t('billing.approval.outdatedHint', { total: formatRupiah(billing.total) })}
            </Alert>
          )}
          <Group align="start" justify="space-between">
            <Stack gap={2}>
              <Text size="sm">
                {t('billing.approval.by')}: <b>{approval.name}</b>
              </Text>
              <Text size="sm">
                {t('billing.approval.approvedTotal')}: {formatRupiah(approval.approvedTotal)}
              </Text>
              <Text size="sm" c="dimmed">
                {when(approval.at)}
              </Text>
            </Stack>
            <Image
              src={approval.signatureUrl}
              alt={t('billing.approval.signature', { name: approval.name })}
              maw={200}
              bg="gray.0"
              style={approval.isCurrent ? undefined : { opacity: 0.5 }}
            />
          </Group>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('billing.approval.none')}
        </Text>
      )}
    </Stack>
  );
}
