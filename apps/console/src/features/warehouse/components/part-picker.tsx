import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Part } from '@purnajual/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partQueryOptions, usePart, useParts } from '../api/stock';

const partLabel = (part: Pick<Part, 'partNo' | 'name'>) => `${part.partNo} · ${part.name}`;

/**
 * A part from the catalog, searched on the server by number or name as the user types.
 * `exclude` keeps parts that other lines of the same form already name out of the list.
 */
export function PartPicker({
  label,
  placeholder,
  value,
  onChange,
  exclude = [],
  clearable = false,
  required = false,
  w,
}: {
  label: string;
  placeholder?: string;
  value: string | null;
  onChange: (part: Part | null) => void;
  exclude?: readonly string[];
  clearable?: boolean;
  required?: boolean;
  w?: number;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const selected = usePart(value);
  const selectedLabel = selected.data ? partLabel(selected.data) : null;
  // Once a part is chosen the box shows its label; that is no search term.
  const [q] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 250);
  const results = useParts(q);
  const parts = [
    ...(selected.data ? [selected.data] : []),
    ...(results.data?.items ?? []).filter((part) => part.id !== value && !exclude.includes(part.id)),
  ];

  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable={clearable}
      required={required}
      w={w}
      data={parts.map((part) => ({ value: part.id, label: partLabel(part) }))}
      // The server has already matched number and name; Mantine's own filter would hide word matches.
      filter={({ options }) => options}
      nothingFoundMessage={t('warehouse.parts.noMatch')}
      value={value}
      onChange={(id) => {
        const part = parts.find((candidate) => candidate.id === id) ?? null;
        if (part) queryClient.setQueryData(partQueryOptions(part.id).queryKey, part);
        onChange(part);
      }}
      searchValue={search}
      onSearchChange={setSearch}
    />
  );
}
