import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { formatPhone } from '@purnajual/client';
import { type Customer, mergeRoles, type Role, type WorkOrderSummary } from '@purnajual/contract';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../components/use-me';
import { EditPhonesForm } from './edit-phones-form';
import { MergeCustomerDialog } from './merge-customer-dialog';
import { MessagePreferences } from './message-preferences';

/** Mantine's yellow title on yellow is 2:1: the warning reads in the text colour, on the palest yellow. */
const noticeStyles = { title: { color: 'var(--mantine-color-text)' } };

/**
 * The caller as the agent found them, their numbers (edited in place), their open work orders,
 * and (as `children`) the unit; a supervisor or admin may merge a duplicate into them.
 */
export function SelectedCustomer({
  customer,
  openOrders,
  onChange,
  children,
}: {
  customer: Customer;
  openOrders: readonly WorkOrderSummary[];
  onChange: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const [merging, setMerging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const mayMerge = me.data !== undefined && (mergeRoles as readonly Role[]).includes(me.data.role);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} size="h5">
          {t('intake.selected')}
        </Title>
        <Group gap={4}>
          {mayMerge && (
            <Button size="xs" variant="subtle" onClick={() => setMerging(true)}>
              {t('customer.merge')}
            </Button>
          )}
          <Button size="xs" variant="subtle" onClick={onChange}>
            {t('intake.change')}
          </Button>
        </Group>
      </Group>
      {notice && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <Text fw={600}>{customer.name}</Text>
      <Text size="sm">{customer.address}</Text>
      {editing ? (
        <EditPhonesForm
          customer={customer}
          onSaved={() => {
            setEditing(false);
            setNotice(t('customer.phonesSaved'));
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <Group gap="xs">
          <Group gap="xs" role="list" aria-label={t('intake.phones')}>
            {customer.phones.map((phone) => (
              <Text key={phone.number} size="sm" role="listitem" fw={phone.isPrimary ? 600 : undefined}>
                {formatPhone(phone.number)} ({t(`intake.phoneLabels.${phone.label}`)}
                {phone.isPrimary ? `, ${t('intake.primary').toLowerCase()}` : ''})
              </Text>
            ))}
          </Group>
          <Button size="xs" variant="subtle" onClick={() => setEditing(true)}>
            {t('customer.editPhones')}
          </Button>
        </Group>
      )}
      <Text size="sm" c="dimmed">
        {customer.areaName}
      </Text>
      <MessagePreferences customer={customer} />
      {openOrders.length > 0 && (
        <Alert color="yellow" bg="yellow.0" title={t('intake.duplicates')} styles={noticeStyles}>
          {openOrders.map((o) => (
            <Anchor key={o.id} component={Link} to={`/work-orders/${o.id}`} mr="sm">
              {o.number} ({t(`status.${o.status}`)})
            </Anchor>
          ))}
        </Alert>
      )}
      {children}
      <MergeCustomerDialog
        survivor={customer}
        opened={merging}
        onClose={() => setMerging(false)}
        onMerged={(result, name) => setNotice(t('customer.merged', { name, ...result.moved }))}
      />
    </Stack>
  );
}
