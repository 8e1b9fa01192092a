import { Group, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAreaChildren } from '../api/intake';

/** Province → regency → district over Indonesia's official areas, each list searchable. */
export function DistrictPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [province, setProvince] = useState<string | null>(value ? value.slice(0, 2) : null);
  const [regency, setRegency] = useState<string | null>(value ? value.slice(0, 5) : null);
  const provinces = useAreaChildren(null);
  const regencies = useAreaChildren(province, province !== null);
  const districts = useAreaChildren(regency, regency !== null);
  const options = (items: { code: string; name: string }[] | undefined) =>
    (items ?? []).map((area) => ({ value: area.code, label: area.name }));

  return (
    <Group grow align="start">
      <Select
        label={t('intake.province')}
        searchable
        required
        data={options(provinces.data?.items)}
        value={province}
        onChange={(code) => {
          setProvince(code);
          setRegency(null);
          onChange(null);
        }}
      />
      <Select
        label={t('intake.regency')}
        searchable
        required
        disabled={!province}
        data={options(regencies.data?.items)}
        value={regency}
        onChange={(code) => {
          setRegency(code);
          onChange(null);
        }}
      />
      <Select
        label={t('intake.district')}
        searchable
        required
        disabled={!regency}
        data={options(districts.data?.items)}
        value={value}
        onChange={onChange}
        error={error}
      />
    </Group>
  );
}
