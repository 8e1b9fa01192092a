import { Group, SegmentedControl, Switch, Text } from '@mantine/core';
import { type Customer, type MessageLanguage, messageLanguages } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { useTranslation } from 'react-i18next';
import { useUpdateMessagePreferences } from '../api/customers';

/** Whether the customer gets messages (WhatsApp, SMS, e-mail), and in which language. */
export function MessagePreferences({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const update = useUpdateMessagePreferences(customer.id);
  const save = (body: { messagesOptOut?: boolean; language?: MessageLanguage }) =>
    update.mutate({ body, version: customer.version });
  return (
    <>
      <Group gap="md">
        <Switch
          size="sm"
          label={t('customer.messagesOptOut')}
          checked={customer.messagesOptOut}
          disabled={update.isPending}
          onChange={(event) => save({ messagesOptOut: event.currentTarget.checked })}
        />
        <Group gap={6}>
          <Text size="sm" id={`message-language-${customer.id}`}>
            {t('customer.messageLanguage')}
          </Text>
          <SegmentedControl
            size="xs"
            aria-labelledby={`message-language-${customer.id}`}
            value={customer.language}
            disabled={update.isPending}
            data={messageLanguages.map((language) => ({ value: language, label: t(`customer.languages.${language}`) }))}
            onChange={(value) => save({ language: value as MessageLanguage })}
          />
        </Group>
      </Group>
      <ErrorAlert error={update.error} />
    </>
  );
}
