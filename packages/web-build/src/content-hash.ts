import { createHash } from 'node:crypto';

/** The eight characters a built file's name carries for its content, so it can be cached for good. */
export const contentHash = (content: string) => createHash('sha256').update(content).digest('base64url').slice(0, 8);
