import type { TokenMatch } from './search-index';
import type { SearchPlan } from './search-plan';

/** Matches of one query for one kind of thing (phone, name, …), with their rank: lower is better. */
export interface RankedMatch<Field extends string> {
  entityId: string;
  token: string;
  field: Field;
  rank: number;
}

/**
 * The ranking every search shares, lower first: the exact phone, serial or number, then name
 * words, then other parts of a phone, serial or number, then `wordField` (the address's or
 * the complaint's words).
 */
export function rankOf(field: string, token: string, plan: SearchPlan, wordField: string): number {
  if (field === 'name') return 1;
  if (field === wordField) return 3;
  const exact = field === 'phone' && plan.kind === 'digits' ? plan.exactPhone : plan.code;
  return token === exact ? 0 : 2;
}

export function rankMatches<Field extends string>(
  field: Field,
  rows: readonly TokenMatch[],
  rankOf: (token: string) => number,
): RankedMatch<Field>[] {
  return rows.map((row) => ({ ...row, field, rank: rankOf(row.token) }));
}

/**
 * Each record once, by its best match (rank, then the order `compare` gives), sorted the
 * same way: a customer found by the exact number and by a name word is listed by the number.
 */
export function bestMatches<Field extends string>(
  matches: readonly RankedMatch<Field>[],
  compare: (a: RankedMatch<Field>, b: RankedMatch<Field>) => number,
): RankedMatch<Field>[] {
  const byRank = (a: RankedMatch<Field>, b: RankedMatch<Field>) => a.rank - b.rank || compare(a, b);
  const best = new Map<string, RankedMatch<Field>>();
  for (const match of matches) {
    const current = best.get(match.entityId);
    if (current === undefined || byRank(match, current) < 0) best.set(match.entityId, match);
  }
  return [...best.values()].sort(byRank);
}

export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
