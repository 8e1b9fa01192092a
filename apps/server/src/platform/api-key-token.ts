import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';

/*
 * The one format of an API key: `pj_<8 hex prefix>_<32 random bytes, base64url>`. The
 * prefix finds the key's row and names it in logs; the rest is the secret.
 */
const keyPattern = /^pj_([0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;
const prefixPattern = /^pj_([0-9a-f]{8})/;

export const apiKeyMark = 'pj_';

/** A new key and its prefix. */
export function createApiKeyToken(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { key: `${apiKeyMark}${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The prefix of a well-formed key; null for anything else. */
export const wellFormedKeyPrefix = (token: string): string | null => keyPattern.exec(token)?.[1] ?? null;

/** What a log may say of a presented key: its prefix, never the secret. */
export const loggableKeyPrefix = (token: string): string => prefixPattern.exec(token)?.[1] ?? 'malformed';

/** The one refusal of a key that is malformed, unknown, revoked or expired: which of them is not told. */
export const invalidApiKey = () =>
  new AppError('invalid_api_key', { en: 'The API key is not valid', id: 'Kunci API tidak sah' });
