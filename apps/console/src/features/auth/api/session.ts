import type { LoginBody } from '@purnajual/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { meQueryOptions } from '../../../components/use-me';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    // Loaded on submit, as in use-me.ts: the form paints without the schemas.
    mutationFn: async (body: LoginBody) =>
      api.request('POST /api/v1/auth/login', (await import('@purnajual/contract')).loginResponseSchema, { body }),
    onSuccess: (session) => queryClient.setQueryData(meQueryOptions().queryKey, session.user),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST /api/v1/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
