import { Divider, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiKeysSection } from './api-keys-section';
import { WebhooksSection } from './webhooks-section';

/** Admin: how other systems reach Purnajual (API keys) and hear from it (webhooks). */
export function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Title order={1} size="h2">
        {t('integrations.title')}
      </Title>
      <Text c="dimmed">{t('integrations.intro')}</Text>
      <ApiKeysSection />
      <Divider />
      <WebhooksSection />
    </Stack>
  );
}
