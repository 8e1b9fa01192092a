import type { CustomerMatch } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { encodeCursor } from '../../platform/cursor';
import { planSearch } from '../search/search-plan';
import { bestMatches, compareText, type RankedMatch, rankMatches, rankOf } from '../search/search-results';
import { buildCustomerSearchQueries } from './customers.repository';

/**
 * Matches of each kind a search ranks. An agent narrows a search long before paging
 * through this many customers named "Sari"; the bound keeps every search a few index reads.
 */
export const customerSearchCap = 200;

type Match = RankedMatch<CustomerMatch['field']>;

const byTokenThenId = (a: Match, b: Match) => compareText(a.token, b.token) || compareText(a.entityId, b.entityId);

const cursorKey = (match: Match) => [match.rank, match.token, match.entityId] as const;

const isAfter = (match: Match, cursor: readonly (string | number)[]) => {
  const [rank = 0, token = '', id = ''] = cursor;
  return (
    match.rank > Number(rank) ||
    (match.rank === Number(rank) && byTokenThenId(match, { ...match, token: String(token), entityId: String(id) }) > 0)
  );
};

/** One page of the customers matching `q`, best first, each with what matched. */
export async function searchCustomers(
  db: Kysely<DB>,
  q: string,
  cursor: (string | number)[] | undefined,
  limit: number,
): Promise<{ matches: Match[]; nextCursor: string | null }> {
  const plan = planSearch(q);
  const results = await Promise.all(
    buildCustomerSearchQueries(db, plan, customerSearchCap).map(async ({ field, query }) =>
      rankMatches(field, await query.execute(), (token) => rankOf(field, token, plan, 'address')),
    ),
  );
  const ranked = bestMatches(results.flat(), byTokenThenId);
  const after = cursor === undefined ? ranked : ranked.filter((match) => isAfter(match, cursor));
  const matches = after.slice(0, limit);
  const last = matches.at(-1);
  return { matches, nextCursor: after.length > limit && last ? encodeCursor(cursorKey(last)) : null };
}
