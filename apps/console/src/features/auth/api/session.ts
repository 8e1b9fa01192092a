import { type LoginBody, loginResponseSchema } from '@purnajual/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { meQueryOptions } from '../../../components/use-me';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.request('POST', '/api/v1/auth/login', loginResponseSchema, { body }),
    onSuccess: (session) => queryClient.setQueryData(meQueryOptions().queryKey, session.user),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST', '/api/v1/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
