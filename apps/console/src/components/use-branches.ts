import { type Branch, branchSchema } from '@purnajual/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../app/api';

export const branchesQueryOptions = () =>
  queryOptions({
    queryKey: ['branches'],
    queryFn: () => api.request('GET /api/v1/branches', z.object({ items: z.array(branchSchema) })),
    staleTime: 300_000,
  });

/** Every branch, and a lookup by id (names and time zones appear on most screens). */
export function useBranches() {
  const query = useQuery(branchesQueryOptions());
  const items = query.data?.items ?? [];
  const byId = new Map<string, Branch>(items.map((branch) => [branch.id, branch]));
  return { ...query, items, byId };
}
