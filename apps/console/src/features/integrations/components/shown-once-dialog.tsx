import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A secret the server shows this once (an API key, a webhook's signing secret): a copy
 * button and the warning that it cannot be shown again. Closing forgets it.
 */
export function ShownOnceDialog({
  title,
  secret,
  onClose,
}: {
  title: string;
  secret: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={secret !== null}
      onClose={onClose}
      title={title}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {secret !== null && (
        <Stack gap="sm">
          <Alert color="orange" title={t('integrations.shownOnce.title')}>
            {t('integrations.shownOnce.warning')}
          </Alert>
          <Code block data-testid="shown-once-secret" style={{ wordBreak: 'break-all' }}>
            {secret}
          </Code>
          <Group justify="space-between">
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button variant={copied ? 'light' : 'filled'} color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? t('integrations.shownOnce.copied') : t('integrations.shownOnce.copy')}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={onClose}>
              {t('integrations.shownOnce.done')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('integrations.shownOnce.hint')}
          </Text>
        </Stack>
      )}
    </Modal>
  );
}
