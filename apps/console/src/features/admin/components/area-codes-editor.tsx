import { Button, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaCascade, type AreaChoice } from '../../../components/area-cascade';
import { useAreaNames } from '../api/admin';

/**
 * Operating areas on Indonesia's real area tree: a regency stands for all its districts,
 * or a single district is chosen. The chosen codes are shown by name and can be removed.
 */
export function AreaCodesEditor({ value, onChange }: { value: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<AreaChoice>({ regency: null, district: null });
  const names = useAreaNames(value);
  const nameOf = (code: string) => names.data?.items.find((area) => area.code === code)?.name ?? code;
  const chosen = choice.district ?? choice.regency;

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('admin.areaHint')}
      </Text>
      <AreaCascade onChange={setChoice} />
      <Button
        variant="default"
        w="fit-content"
        disabled={!chosen || value.includes(chosen)}
        onClick={() => chosen && onChange([...value, chosen].sort())}
      >
        {t('admin.addArea')}
      </Button>
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('admin.noAreas')}
        </Text>
      ) : (
        <Stack gap={4} role="list" aria-label={t('admin.areas')}>
          {value.map((code) => (
            <Group key={code} role="listitem" gap="xs" wrap="nowrap">
              <Text size="sm">
                {nameOf(code)}{' '}
                <Text span c="dimmed" size="xs">
                  ({code})
                </Text>
              </Text>
              <CloseButton
                size="sm"
                aria-label={t('admin.removeArea', { name: nameOf(code) })}
                onClick={() => onChange(value.filter((c) => c !== code))}
              />
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
