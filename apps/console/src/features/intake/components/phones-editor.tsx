import { Button, Group, Radio, Select, Stack, TextInput } from '@mantine/core';
import { maxCustomerPhones, type PhoneLabel, phoneLabels, phoneSchema } from '@purnajual/contract';
import { useTranslation } from 'react-i18next';

export interface PhoneDraft {
  /** Keeps a row's inputs its own while rows above it are removed. */
  key: number;
  number: string;
  label: PhoneLabel;
  isPrimary: boolean;
}

let nextKey = 0;
export const newPhoneDraft = (number = '', isPrimary = false): PhoneDraft => {
  nextKey += 1;
  return { key: nextKey, number, label: 'mobile', isPrimary };
};

/** The numbers as the API takes them. */
export const phonesOf = (drafts: readonly PhoneDraft[]) =>
  drafts.map(({ number, label, isPrimary }) => ({ number, label, isPrimary }));

/**
 * Why row `index`'s number is refused by the rules the server applies (an Indonesian
 * number, each number once), in the user's words.
 */
export function phoneErrorOf(
  phones: readonly PhoneDraft[],
  index: number,
  t: (key: string) => string,
): string | undefined {
  const number = phones[index]?.number ?? '';
  if (!number.trim()) return t('intake.invalid.required');
  const parsed = phoneSchema.safeParse(number);
  if (!parsed.success) return t('intake.invalid.phone');
  const earlier = phones.slice(0, index).map((phone) => phoneSchema.safeParse(phone.number).data);
  return earlier.includes(parsed.data) ? t('intake.invalid.phoneTwice') : undefined;
}

/**
 * A customer's numbers (the controls beside a number name it by its place, not "Telepon",
 * so the number's own field is the one labelled so): each with what it is (mobile, home, office, WhatsApp, family), one
 * marked primary — the one called first and shown everywhere — added and removed in place.
 */
export function PhonesEditor({
  phones,
  onChange,
  errorOf,
  onBlurNumber,
}: {
  phones: readonly PhoneDraft[];
  onChange: (phones: PhoneDraft[]) => void;
  errorOf: (index: number) => string | undefined;
  onBlurNumber: (index: number, value: string) => void;
}) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<PhoneDraft>) =>
    onChange(phones.map((phone, i) => (i === index ? { ...phone, ...patch } : phone)));
  const makePrimary = (index: number) => onChange(phones.map((phone, i) => ({ ...phone, isPrimary: i === index })));
  const remove = (index: number) => {
    const rest = phones.filter((_, i) => i !== index);
    onChange(rest.some((phone) => phone.isPrimary) ? rest : rest.map((phone, i) => ({ ...phone, isPrimary: i === 0 })));
  };
  const numberLabel = (index: number) =>
    index === 0 ? t('intake.phone') : t('intake.phoneNumbered', { index: index + 1 });

  return (
    <Stack gap={6} role="group" aria-label={t('intake.phones')}>
      {phones.map((phone, index) => (
        <Group key={phone.key} align="end" wrap="nowrap">
          <TextInput
            label={numberLabel(index)}
            required
            type="tel"
            flex={1}
            value={phone.number}
            onChange={(e) => change(index, { number: e.currentTarget.value })}
            onBlur={(e) => onBlurNumber(index, e.currentTarget.value)}
            error={errorOf(index)}
          />
          <Select
            label={t('intake.phoneLabel')}
            w={150}
            allowDeselect={false}
            data={phoneLabels.map((label) => ({ value: label, label: t(`intake.phoneLabels.${label}`) }))}
            value={phone.label}
            onChange={(value) => value && change(index, { label: value as PhoneLabel })}
            aria-label={t('intake.phoneLabelOf', { index: index + 1 })}
          />
          <Radio
            mb={8}
            label={t('intake.primary')}
            checked={phone.isPrimary}
            onChange={() => makePrimary(index)}
            aria-label={t('intake.primaryOf', { index: index + 1 })}
          />
          {phones.length > 1 && (
            <Button
              variant="subtle"
              color="red"
              onClick={() => remove(index)}
              aria-label={t('intake.removePhoneOf', { index: index + 1 })}
            >
              {t('intake.removePhone')}
            </Button>
          )}
        </Group>
      ))}
      {phones.length < maxCustomerPhones && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => onChange([...phones, newPhoneDraft()])}>
          {t('intake.addPhone')}
        </Button>
      )}
    </Stack>
  );
}
