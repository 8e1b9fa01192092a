import { type LoginBody, loginResponseSchema, userSchema } from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';

export const fetchMe = () => api.request('GET', '/api/v1/me', userSchema);

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me'], queryFn: fetchMe, retry: false, staleTime: 300_000 });

export const useMe = () => useQuery(meQueryOptions());

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.request('POST', '/api/v1/auth/login', loginResponseSchema, { body }),
    onSuccess: (session) => queryClient.setQueryData(['me'], session.user),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST', '/api/v1/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
