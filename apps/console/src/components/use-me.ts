import { userSchema } from '@purnajual/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../app/api';

/** The signed-in user: every feature reads the role, branch and time zone from here. */
const fetchMe = () => api.request('GET', '/api/v1/me', userSchema);

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me'], queryFn: fetchMe, retry: false, staleTime: 300_000 });

export const useMe = () => useQuery(meQueryOptions());
