import { Alert, Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { fillTemplate, type MessagePlaceholder, type MessageTemplate, messagePlaceholders } from '@purnajual/contract';
import { ErrorAlert } from '@purnajual/ui';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMessageTemplates, useSaveMessageTemplate } from '../api/message-templates';

/** What the preview fills the placeholders with. */
const sampleValues: Record<MessagePlaceholder, string> = {
  customerName: 'Ibu Sari Wulandari',
  workOrderNumber: 'WO-2612-000123',
  technicianName: 'Agus',
  trackingUrl: `${window.location.origin}/t/Xq3…`,
};

function TemplateForm({ template }: { template: MessageTemplate }) {
  const { t } = useTranslation();
  const save = useSaveMessageTemplate();
  const [body, setBody] = useState(template.body);
  const [whatsappTemplateName, setWhatsappTemplateName] = useState(template.whatsappTemplateName);
  const title = `${t(`billing.messages.kind.${template.kind}`)} · ${t(`customer.languages.${template.language}`)}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ kind: template.kind, language: template.language, body: { body, whatsappTemplateName } });
  };

  return (
    <Card withBorder component="section" aria-label={title}>
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={2} size="h5">
            {title}
          </Title>
          <Textarea
            label={t('messageTemplates.text')}
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <TextInput
            label={t('messageTemplates.whatsappName')}
            value={whatsappTemplateName}
            onChange={(e) => setWhatsappTemplateName(e.currentTarget.value)}
          />
          <Text size="xs" c="dimmed">
            {t('messageTemplates.preview')}
          </Text>
          <Text size="sm" p="xs" bg="gray.0" style={{ borderRadius: 8 }} aria-label={t('messageTemplates.preview')}>
            {fillTemplate(body, sampleValues)}
          </Text>
          <ErrorAlert error={save.error} />
          {save.isSuccess && (
            <Alert color="green" role="status">
              {t('messageTemplates.saved')}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The admin's page of the texts sent to customers, per kind and language, each with a preview. */
export function MessageTemplatesPage() {
  const { t } = useTranslation();
  const templates = useMessageTemplates();
  return (
    <Stack>
      <Title order={1} size="h3">
        {t('messageTemplates.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('messageTemplates.help', { placeholders: messagePlaceholders.map((name) => `{{${name}}}`).join(', ') })}
      </Text>
      <ErrorAlert error={templates.error} />
      {templates.isPending && <Loader size="sm" role="status" aria-label={t('common.loading')} />}
      {templates.data?.items.map((template) => (
        <TemplateForm key={`${template.kind}-${template.language}`} template={template} />
      ))}
    </Stack>
  );
}
