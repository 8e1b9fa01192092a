import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../app/api';

/**
 * The signed-in user: every feature reads the role, branch and time zone from here. The
 * schemas load with the request, so the sign-in form paints without the validation library.
 */
const fetchMe = async () => api.request('GET', '/api/v1/me', (await import('@purnajual/contract')).userSchema);

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me'], queryFn: fetchMe, retry: false, staleTime: 300_000 });

export const useMe = () => useQuery(meQueryOptions());
