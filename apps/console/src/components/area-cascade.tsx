import { Group, Select } from '@mantine/core';
import { areaSchema, pageSchema } from '@purnajual/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api';

export const areaChildrenQueryOptions = (parent: string | null) =>
  queryOptions({
    queryKey: ['areas', parent],
    queryFn: () => api.request('GET /api/v1/areas', pageSchema(areaSchema), { query: parent ? { parent } : {} }),
    // The official area tree changes by regulation, not during a working day.
    staleTime: Number.POSITIVE_INFINITY,
  });

/** The provinces (parent null), or the children of a chosen area; nothing until one is chosen. */
const useAreaChildren = (parent: string | null, enabled = true) =>
  useQuery({ ...areaChildrenQueryOptions(parent), enabled });

export interface AreaChoice {
  regency: string | null;
  district: string | null;
}

/**
 * Province → regency → district over Indonesia's official areas, each list searchable.
 * Reports the regency and district chosen so far; choosing a higher level clears the lower.
 * `error` stands next to the first level still to choose, the one the user must open next.
 */
export function AreaCascade({
  onChange,
  required = false,
  error,
}: {
  onChange: (choice: AreaChoice) => void;
  required?: boolean;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [province, setProvince] = useState<string | null>(null);
  const [regency, setRegency] = useState<string | null>(null);
  const [district, setDistrict] = useState<string | null>(null);
  const provinces = useAreaChildren(null);
  const regencies = useAreaChildren(province, province !== null);
  const districts = useAreaChildren(regency, regency !== null);
  const options = (items: { code: string; name: string }[] | undefined) =>
    (items ?? []).map((area) => ({ value: area.code, label: area.name }));
  const choose = (next: { province: string | null; regency: string | null; district: string | null }) => {
    setProvince(next.province);
    setRegency(next.regency);
    setDistrict(next.district);
    onChange({ regency: next.regency, district: next.district });
  };
  const errorAt = !province ? 'province' : !regency ? 'regency' : 'district';

  return (
    <Group grow align="start">
      <Select
        label={t('intake.province')}
        searchable
        required={required}
        data={options(provinces.data?.items)}
        value={province}
        onChange={(code) => choose({ province: code, regency: null, district: null })}
        error={errorAt === 'province' ? error : undefined}
      />
      <Select
        label={t('intake.regency')}
        searchable
        required={required}
        disabled={!province}
        data={options(regencies.data?.items)}
        value={regency}
        onChange={(code) => choose({ province, regency: code, district: null })}
        error={errorAt === 'regency' ? error : undefined}
      />
      <Select
        label={t('intake.district')}
        searchable
        required={required}
        clearable={!required}
        disabled={!regency}
        data={options(districts.data?.items)}
        value={district}
        onChange={(code) => choose({ province, regency, district: code })}
        error={errorAt === 'district' ? error : undefined}
      />
    </Group>
  );
}
