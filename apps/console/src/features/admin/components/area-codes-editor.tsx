import { Button, CloseButton, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreaChildren, useAreaNames } from '../api/admin';

/**
 * Operating areas on Indonesia's real area tree: a regency stands for all its districts,
 * or a single district is chosen. The chosen codes are shown by name and can be removed.
 */
export function AreaCodesEditor({ value, onChange }: { value: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const [province, setProvince] = useState<string | null>(null);
  const [regency, setRegency] = useState<string | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const provinces = useAreaChildren(null);
  const regencies = useAreaChildren(province ?? '');
  const districts = useAreaChildren(regency ?? '');
  const names = useAreaNames(value);
  const nameOf = (code: string) => names.data?.items.find((area) => area.code === code)?.name ?? code;
  const options = (items: { code: string; name: string }[] | undefined) =>
    (items ?? []).map((area) => ({ value: area.code, label: area.name }));
  const chosen = district ?? regency;

  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('admin.areaHint')}
      </Text>
      <Group grow align="end">
        <Select
          label={t('intake.province')}
          searchable
          data={options(provinces.data?.items)}
          value={province}
          onChange={(code) => {
            setProvince(code);
            setRegency(null);
            setDistrict(null);
          }}
        />
        <Select
          label={t('intake.regency')}
          searchable
          disabled={!province}
          data={options(regencies.data?.items)}
          value={regency}
          onChange={(code) => {
            setRegency(code);
            setDistrict(null);
          }}
        />
        <Select
          label={t('intake.district')}
          searchable
          clearable
          disabled={!regency}
          data={options(districts.data?.items)}
          value={district}
          onChange={setDistrict}
        />
      </Group>
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
