import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { type IndexToken, prefixBounds, type SearchField } from './search-tokens';

/** A record a search found, and the token it matched on. */
export interface TokenMatch {
  entityId: string;
  token: string;
}

/** One search query, unexecuted: the service runs it, the EXPLAIN test compiles it. */
export interface TokenMatchQuery {
  execute(): Promise<TokenMatch[]>;
  compile(): CompiledQuery<TokenMatch>;
}

/** Rows of one multi-row insert: well under SQLite's bound-parameter limit. */
const insertChunk = 500;

/**
 * Replaces the tokens of these records in `fields` with `tokens`; called inside the
 * transaction that writes the records, so a search never sees one without the other.
 */
export async function replaceTokens(
  trx: Kysely<DB>,
  entityIds: readonly string[],
  fields: readonly SearchField[],
  tokens: readonly (IndexToken & { entityId: string })[],
) {
  if (entityIds.length === 0) return;
  await trx
    .deleteFrom('search_token')
    .where('entityId', 'in', [...entityIds])
    .where('field', 'in', [...fields])
    .execute();
  const rows = [...new Map(tokens.map((row) => [`${row.entityId} ${row.field} ${row.token}`, row])).values()];
  for (let start = 0; start < rows.length; start += insertChunk) {
    await trx
      .insertInto('search_token')
      .values(rows.slice(start, start + insertChunk))
      .execute();
  }
}

export const indexRecord = (trx: Kysely<DB>, entityId: string, fields: readonly SearchField[], tokens: IndexToken[]) =>
  replaceTokens(
    trx,
    [entityId],
    fields,
    tokens.map((token) => ({ ...token, entityId })),
  );

/**
 * Records with a token of `field` starting with `prefix` and, for every word of
 * `alsoStartingWith`, another token of the field starting with it (the words of "ibu sari"
 * each start a word of the name). The first `limit` in token order: one index range read
 * in its own order, stopping at `limit`, then a lookup per further word. (Several prefixes
 * are several queries: an OR of ranges made SQLite read the whole field in token order.)
 */
export function matchingTokens(
  db: Kysely<DB>,
  field: SearchField,
  prefix: string,
  limit: number,
  alsoStartingWith: readonly string[] = [],
) {
  const [from, to] = prefixBounds(prefix);
  let query = db
    .selectFrom('search_token')
    .select(['search_token.entityId', 'search_token.token'])
    .where('search_token.field', '=', field)
    .where('search_token.token', '>=', from)
    .where('search_token.token', '<', to);
  for (const word of alsoStartingWith) {
    const [wordFrom, wordTo] = prefixBounds(word);
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('search_token as other')
          .select('other.entityId')
          .whereRef('other.entityId', '=', 'search_token.entityId')
          .where('other.field', '=', field)
          .where('other.token', '>=', wordFrom)
          .where('other.token', '<', wordTo),
      ),
    );
  }
  return query.orderBy('search_token.token').orderBy('search_token.entityId').limit(limit);
}
