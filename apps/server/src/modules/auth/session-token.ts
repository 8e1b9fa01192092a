import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe. */
export const createSessionToken = (): string => randomBytes(32).toString('base64url');

/** Only the hash is stored, so a copy of the database cannot be used to sign in. */
export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');
