import { Button, Card, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatPhone } from '@purnajual/client';
import type { Customer, CustomerMergeResult, CustomerPhone } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMergeCustomers, useMergePreview } from '../api/customers';
import { useCustomerSearch } from '../api/intake';

function PhoneList({ phones, label }: { phones: readonly CustomerPhone[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2} role="list" aria-label={label}>
      {phones.map((phone) => (
        <Text key={phone.number} size="sm" role="listitem" fw={phone.isPrimary ? 600 : undefined}>
          {formatPhone(phone.number)} ({t(`intake.phoneLabels.${phone.label}`)}
          {phone.isPrimary ? `, ${t('intake.primary').toLowerCase()}` : ''})
        </Text>
      ))}
    </Stack>
  );
}

/** One side of the merge: who they are, and what they bring. */
function MergeSide({ title, customer, workOrders }: { title: string; customer: Customer; workOrders: number }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-label={`${title}: ${customer.name}`}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {title}
      </Text>
      <Text fw={600}>{customer.name}</Text>
      <Text size="sm">{customer.address}</Text>
      <PhoneList phones={customer.phones} label={t('intake.phones')} />
      <Text size="sm" mt="xs">
        {t('customer.productCount', { count: customer.products.length })}
      </Text>
      <Text size="sm">{t('customer.workOrderCount', { count: workOrders })}</Text>
    </Card>
  );
}

/** Finds the duplicate with the customer search; the survivor is not among the choices. */
function DuplicatePicker({ survivorId, onPick }: { survivorId: string; onPick: (id: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = useCustomerSearch(q);
  const others = (results.data?.items ?? []).filter((customer) => customer.id !== survivorId);
  return (
    <Stack gap="xs">
      <TextInput
        label={t('customer.findDuplicate')}
        description={t('intake.findCustomerHint')}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-autofocus
      />
      {results.data && q.length > 0 && (
        <Stack gap={6} role="list" aria-label={t('customer.findDuplicate')}>
          {others.map((customer) => (
            <Group key={customer.id} role="listitem" justify="space-between" wrap="nowrap">
              <Text size="sm">
                <b>{customer.name}</b> · {formatPhone(customer.phone)} · {customer.address}
              </Text>
              <Button size="xs" variant="default" style={{ flexShrink: 0 }} onClick={() => onPick(customer.id)}>
                {t('customer.pickDuplicate', { name: customer.name })}
              </Button>
            </Group>
          ))}
          {others.length === 0 && <Text c="dimmed">{t('customer.noOtherMatch')}</Text>}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * Merges a customer found to be the same person into the one on screen: the agent finds the
 * duplicate, sees both side by side with what each has, and the numbers the survivor keeps,
 * and confirms. A refusal (another branch, too many numbers) is said where it happened.
 */
export function MergeCustomerDialog({
  survivor,
  opened,
  onClose,
  onMerged,
}: {
  survivor: Customer;
  opened: boolean;
  onClose: () => void;
  onMerged: (result: CustomerMergeResult, duplicateName: string) => void;
}) {
  const { t } = useTranslation();
  const [duplicateId, setDuplicateId] = useState<string | null>(null);
  const preview = useMergePreview(survivor.id, duplicateId);
  const merge = useMergeCustomers(survivor.id);
  const close = () => {
    setDuplicateId(null);
    merge.reset();
    onClose();
  };
  const plan = preview.data;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('customer.mergeTitle', { name: survivor.name })}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{t('customer.mergeIntro', { name: survivor.name })}</Text>
        {duplicateId === null && <DuplicatePicker survivorId={survivor.id} onPick={setDuplicateId} />}
        <ErrorAlert error={preview.error ?? merge.error} />
        {duplicateId !== null && plan && (
          <>
            <SimpleGrid cols={2}>
              <MergeSide
                title={t('customer.survivor')}
                customer={plan.survivor.customer}
                workOrders={plan.survivor.workOrderCount}
              />
              <MergeSide
                title={t('customer.duplicate')}
                customer={plan.duplicate.customer}
                workOrders={plan.duplicate.workOrderCount}
              />
            </SimpleGrid>
            <Text fw={500}>{t('customer.phonesAfter')}</Text>
            <PhoneList phones={plan.phones} label={t('customer.phonesAfter')} />
          </>
        )}
        {duplicateId !== null && (
          <Group>
            {plan && (
              <Button
                color="red"
                loading={merge.isPending}
                onClick={() =>
                  merge.mutate(plan.duplicate.customer.id, {
                    onSuccess: (result) => {
                      onMerged(result, plan.duplicate.customer.name);
                      close();
                    },
                  })
                }
              >
                {t('customer.confirmMerge', { name: survivor.name })}
              </Button>
            )}
            <Button
              variant="default"
              onClick={() => {
                setDuplicateId(null);
                merge.reset();
              }}
            >
              {t('customer.otherDuplicate')}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
