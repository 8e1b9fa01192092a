import { ApiError } from '@purnajual/client';
import type { TFunction } from 'i18next';

/**
 * What a refused sign-in step says, for the password and the code step alike: `wrong` is
 * the step's own refusal of what was typed; throttling and a lost network read the same.
 */
export function signInErrorText(error: unknown, wrong: { code: string; text: string }, t: TFunction) {
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : null;
  if (code === wrong.code) return wrong.text;
  if (code === 'rate_limited') return t('auth.rateLimited');
  if (code === 'network_error') return t('common.networkError');
  return t('common.unexpectedError');
}
