import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { formatPhone } from '@purnajual/client';
import { searchTextIssue } from '@purnajual/contract';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useCustomerSearch } from '../api/intake';
import { MatchHighlight } from './match-highlight';

const issueMessages = { too_short: 'intake.searchTooShort', too_few_digits: 'intake.searchTooFewDigits' } as const;

/**
 * Finds the caller as they speak: part of any of their numbers, a word of the name or the
 * street, a serial or work-order number. Each result shows what matched, marked.
 */
export function CustomerSearch({
  search,
  onSearchChange,
  onSelect,
  onNew,
  error,
  inputRef,
}: {
  search: string;
  onSearchChange: (text: string) => void;
  onSelect: (customerId: string) => void;
  onNew: () => void;
  error: string | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
}) {
  const { t } = useTranslation();
  const [q] = useDebouncedValue(search.trim(), 250);
  const results = useCustomerSearch(q);
  const issue = q.length > 0 ? searchTextIssue(q) : null;
  return (
    <>
      <TextInput
        ref={inputRef}
        label={t('intake.findCustomer')}
        description={t('intake.findCustomerHint')}
        value={search}
        onChange={(e) => onSearchChange(e.currentTarget.value)}
        error={error}
        autoFocus
      />
      {issue !== null && (
        <Text size="sm" c="dimmed" aria-live="polite">
          {t(issueMessages[issue])}
        </Text>
      )}
      {issue === null && q.length > 0 && (
        <Stack gap={6} role="list" aria-label={t('intake.findCustomer')}>
          {(results.data?.items ?? []).map((c) => (
            <Group key={c.id} role="listitem" justify="space-between" wrap="nowrap">
              <div>
                <Text fw={600} size="sm">
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatPhone(c.phone)} · {c.areaName}
                </Text>
                {c.matchedBy && (
                  <Text size="xs">
                    {t(`intake.matchedBy.${c.matchedBy.field}`)}: <MatchHighlight match={c.matchedBy} q={q} />
                  </Text>
                )}
              </div>
              <Button
                size="xs"
                variant="default"
                // A long address must not squeeze the button's label.
                style={{ flexShrink: 0 }}
                onClick={() => onSelect(c.id)}
                aria-label={`${t('intake.selectCustomer')} ${c.name}`}
              >
                {t('intake.selectCustomer')}
              </Button>
            </Group>
          ))}
          {results.data?.items.length === 0 && <Text c="dimmed">{t('intake.noMatch')}</Text>}
        </Stack>
      )}
      <Button variant="outline" onClick={onNew}>
        {t('intake.newCustomer')}
      </Button>
    </>
  );
}
