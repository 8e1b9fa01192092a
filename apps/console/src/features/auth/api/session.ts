import type { LoginBody, TotpLoginBody } from '@purnajual/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';
import { meQueryOptions } from '../../../components/use-me';

/** A password sign-in: the session (the user is then known), or the challenge of a second factor. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    // Loaded on submit, as in use-me.ts: the form paints without the schemas.
    mutationFn: async (body: LoginBody) =>
      api.request('POST /api/v1/auth/login', (await import('@purnajual/contract')).loginAnswerSchema, { body }),
    onSuccess: (answer) => {
      if ('user' in answer) queryClient.setQueryData(meQueryOptions().queryKey, answer.user);
    },
  });
}

/** The second step: the challenge and a code of the authenticator app or a recovery code. */
export function useTotpSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TotpLoginBody) =>
      api.request('POST /api/v1/auth/login/totp', (await import('@purnajual/contract')).loginResponseSchema, {
        body,
      }),
    onSuccess: (session) => queryClient.setQueryData(meQueryOptions().queryKey, session.user),
  });
}

/**
 * Whether the server offers single sign-on, for the sign-in page's button. Read without the
 * contract's schemas, which the sign-in page does not download (see use-me.ts): one boolean.
 */
export const useIsSsoOffered = () =>
  useQuery({
    queryKey: ['auth-methods'],
    queryFn: async () => {
      const answer = await api.exchange('GET /api/v1/auth/methods');
      return typeof answer === 'object' && answer !== null && 'oidc' in answer && answer.oidc === true;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.send('POST /api/v1/auth/logout'),
    onSettled: () => queryClient.clear(),
  });
}
