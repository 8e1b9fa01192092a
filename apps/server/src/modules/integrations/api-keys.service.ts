import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type ApiKey,
  type ApiScope,
  apiScopeSchema,
  type CreateApiKeyBody,
  type CreatedApiKey,
  maxApiKeys,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import { isRetryableTransactionError, withRetries } from '../../db/retry';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError } from '../../errors';
import { type Actor, integrationRole } from '../../platform/actor';
import { createApiKeyToken, invalidApiKey, wellFormedKeyPrefix } from '../../platform/api-key-token';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import * as repo from './api-keys.repository';

export interface ApiKeysServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Requests per key per minute, across instances. */
  requestsPerMinute: number;
}

/** The list shows the newest keys, revoked ones too, up to this many. */
const listLimit = 200;

/*
 * SHA-256, not a password hash: a key carries 256 random bits, so no guess can be tested
 * against a stolen hash in any useful time, and a slow hash would only slow every request.
 */
const hashOf = (key: string) => createHash('sha256').update(key).digest();

const scopesOf = (stored: string): ApiScope[] =>
  stored.split(',').flatMap((scope) => {
    const parsed = apiScopeSchema.safeParse(scope);
    return parsed.success ? [parsed.data] : [];
  });

const toApiKey = (row: repo.ApiKeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  scopes: scopesOf(row.scopes),
  prefix: row.prefix,
  createdAt: row.createdAt,
  expiresAt: row.expiresAt,
  lastUsedAt: row.lastUsedAt,
  revokedAt: row.revokedAt,
});

/** A deadlock between two single statements is broken by the database; run the loser again. */
const retried = <T>(work: () => Promise<T>) => withRetries(work, isRetryableTransactionError);

/** The start of the minute `at` falls in: the rate window. */
const minuteOf = (at: Date) => new Date(Math.floor(at.getTime() / 60_000) * 60_000);

export function createApiKeysService({ db, clock, requestsPerMinute }: ApiKeysServiceDeps) {
  async function countRequest(row: repo.ApiKeyRow, now: Date) {
    const window = minuteOf(now);
    const request = { id: row.id, windowStartedAt: toIso(window), now: toIso(now), max: requestsPerMinute };
    if (await retried(() => repo.countApiKeyRequest(db, request))) return;
    const retryAfter = Math.max(1, Math.ceil((window.getTime() + 60_000 - now.getTime()) / 1000));
    throw new AppError(
      'rate_limited',
      { en: 'Too many requests with this API key', id: 'Terlalu banyak permintaan dengan kunci API ini' },
      { headers: { 'retry-after': String(retryAfter) } },
    );
  }

  return {
    async createApiKey(actor: Pick<Actor, 'id'>, body: CreateApiKeyBody): Promise<CreatedApiKey> {
      const now = clock.now();
      if (body.expiresAt !== undefined && new Date(body.expiresAt) <= now) {
        throw fieldError('expiresAt', 'must be in the future', 'The expiry must be in the future');
      }
      if ((await repo.countActiveApiKeys(db)) >= maxApiKeys) {
        throw new AppError('conflict', {
          en: `At most ${maxApiKeys} API keys may be in use; revoke one first`,
          id: `Paling banyak ${maxApiKeys} kunci API aktif; cabut salah satu dulu`,
        });
      }
      const { key, prefix } = createApiKeyToken();
      const row = {
        id: newId(),
        name: body.name,
        prefix,
        keyHash: hashOf(key).toString('hex'),
        scopes: body.scopes.join(','),
        createdBy: actor.id,
        createdAt: toIso(now),
        expiresAt: body.expiresAt === undefined ? null : toIso(new Date(body.expiresAt)),
        revokedAt: null,
        lastUsedAt: null,
        windowStartedAt: null,
        windowRequests: 0,
      };
      await repo.insertApiKey(db, row);
      return { ...toApiKey(row), key };
    },

    async listApiKeys(): Promise<ApiKey[]> {
      return (await repo.findApiKeys(db, listLimit)).map(toApiKey);
    },

    /** Idempotent: revoking a revoked key changes nothing; an unknown one is not found. */
    async revokeApiKey(id: string): Promise<void> {
      if (!(await repo.findApiKeyById(db, id))) throw new AppError('not_found', 'API key not found');
      await repo.revokeApiKey(db, id, toIso(clock.now()));
    },

    /** The integration actor of a presented key; see `ApiKeyResolver`. */
    async resolveApiKey(key: string): Promise<Actor> {
      const prefix = wellFormedKeyPrefix(key);
      const row = prefix === null ? undefined : await repo.findApiKeyByPrefix(db, prefix);
      // Compared in constant time, so the answer's timing tells nothing of the stored hash.
      if (!row || !timingSafeEqual(hashOf(key), Buffer.from(row.keyHash, 'hex'))) throw invalidApiKey();
      const now = clock.now();
      if (row.revokedAt !== null || (row.expiresAt !== null && new Date(row.expiresAt) <= now)) throw invalidApiKey();
      await countRequest(row, now);
      return {
        kind: 'integration',
        id: row.id,
        employeeNo: `API-${row.prefix}`,
        name: row.name,
        role: integrationRole,
        branchId: null,
        sessionId: '',
        scopes: scopesOf(row.scopes),
      };
    },
  };
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;
