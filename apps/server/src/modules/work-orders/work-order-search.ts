import type { WorkOrderMatch } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderScope } from '../../platform/access-policy/work-order-policy';
import { encodeCursor } from '../../platform/cursor';
import { planSearch } from '../search/search-plan';
import { bestMatches, compareText, type RankedMatch, rankMatches, rankOf } from '../search/search-results';
import { buildWorkOrderSearchQueries, type WorkOrderFilter } from './work-orders.repository';

/** Work orders of each kind of match a search ranks, the newest first (see customer-search.ts). */
export const workOrderSearchCap = 200;

type Match = RankedMatch<WorkOrderMatch['field']>;

/** Within a rank, newest first, as the list is. */
const newestFirst = (a: Match, b: Match) => compareText(b.entityId, a.entityId);

const isAfter = (match: Match, cursor: readonly (string | number)[]) => {
  const [rank = 0, id = ''] = cursor;
  return match.rank > Number(rank) || (match.rank === Number(rank) && match.entityId < String(id));
};

/** One page of the work orders in the caller's scope and filters that match `q`, best first. */
export async function searchWorkOrders(
  db: Kysely<DB>,
  scope: WorkOrderScope,
  filter: WorkOrderFilter,
  q: string,
  cursor: (string | number)[] | undefined,
  limit: number,
): Promise<{ matches: Match[]; nextCursor: string | null }> {
  const plan = planSearch(q);
  const results = await Promise.all(
    buildWorkOrderSearchQueries(db, scope, filter, plan, workOrderSearchCap).map(async ({ field, query }) =>
      rankMatches(field, await query.execute(), (token) => rankOf(field, token, plan, 'complaint')),
    ),
  );
  const ranked = bestMatches(results.flat(), newestFirst);
  const after = cursor === undefined ? ranked : ranked.filter((match) => isAfter(match, cursor));
  const matches = after.slice(0, limit);
  const last = matches.at(-1);
  return { matches, nextCursor: after.length > limit && last ? encodeCursor([last.rank, last.entityId]) : null };
}
