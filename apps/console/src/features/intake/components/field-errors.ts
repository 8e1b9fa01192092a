import { ApiError } from '@purnajual/client';
import type { TFunction } from 'i18next';
import type { z } from 'zod';

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

type Issue = z.ZodError['issues'][number];

/** What a rule the contract states needs in words; `hints` name what a pattern or check means for one field. */
/** Nothing typed, or only spaces (the contract trims them): the field is empty, not too short. */
const isBlank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && !value.trim());

function messageOf(issue: Issue, value: unknown, hint: string | undefined, t: TFunction): string {
  if (isBlank(value)) return t('intake.invalid.required');
  if (hint && (issue.code === 'custom' || issue.code === 'invalid_format')) return t(hint);
  if (issue.code === 'too_small') return t('intake.invalid.tooShort', { min: Number(issue.minimum) });
  if (issue.code === 'too_big') return t('intake.invalid.tooLong', { max: Number(issue.maximum) });
  if (issue.code === 'invalid_format' && issue.format === 'email') return t('intake.invalid.email');
  return t('intake.invalid.generic');
}

/**
 * Checks a form's body against the contract's own schema — the rule the server will apply —
 * and says, per field and in the user's language, why a value is refused.
 */
export function fieldErrorsOf<Field extends string>(
  schema: z.ZodType,
  body: Record<Field, unknown>,
  t: TFunction,
  hints: FieldErrors<Field> = {},
): FieldErrors<Field> {
  const result = schema.safeParse(body);
  const errors: FieldErrors<Field> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0]) as Field;
    if (!(field in body) || errors[field] !== undefined) continue;
    errors[field] = messageOf(issue, body[field], hints[field], t);
  }
  return errors;
}

/**
 * The fields the server refused for reasons the form cannot know (a serial number already
 * registered, a district it does not serve). Its words are English; `messages` says them
 * in the user's language, anything else gets the general "check it" message.
 */
export function serverFieldErrorsOf<Field extends string>(
  error: unknown,
  fields: readonly Field[],
  t: TFunction,
  messages: FieldErrors<Field> = {},
): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  if (!(error instanceof ApiError)) return errors;
  for (const field of fields) {
    if (error.fieldError(`body.${field}`) === undefined) continue;
    const key = messages[field];
    errors[field] = key ? t(key) : t('intake.invalid.generic');
  }
  return errors;
}

/** After a refused submit, the agent types next in the first field that says why. */
export function focusFirstInvalid(form: HTMLElement | null) {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
