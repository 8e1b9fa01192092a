import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../app/api';

/**
 * The signed-in user: every feature reads the role, branch and time zone from here. The
 * schemas load only once there is a user to read: a visitor without a session is answered
 * 401, and the sign-in page never builds the contract's schemas (on a slow phone, building
 * them blocked the page longer than drawing it).
 */
const fetchMe = async () => {
  const answer = await api.exchange('GET /api/v1/me');
  return (await import('@purnajual/contract')).userSchema.parse(answer);
};

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me'], queryFn: fetchMe, retry: false, staleTime: 300_000 });

export const useMe = () => useQuery(meQueryOptions());
