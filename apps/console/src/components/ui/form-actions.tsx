import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The Save and Cancel pair under every form; Save submits the form it stands in. */
export function FormActions({
  saving,
  onCancel,
  onSave,
  disabled = false,
}: {
  saving: boolean;
  onCancel: () => void;
  /** For forms that are not a `<form>`: what Save does. */
  onSave?: () => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group>
      <Button type={onSave ? 'button' : 'submit'} onClick={onSave} loading={saving} disabled={disabled}>
        {t('common.save')}
      </Button>
      <Button variant="subtle" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </Group>
  );
}
