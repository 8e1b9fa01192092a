import type { TotpDisableBody } from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';

const statusQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: ['totp-status'],
    queryFn: async () => api.request('GET /api/v1/auth/totp', (await import('@purnajual/contract')).totpStatusSchema),
    enabled,
    retry: false,
    staleTime: 60_000,
  });

/** The signed-in console user's second factor; `enabled` false for technicians, who have none. */
export const useTotpStatus = (enabled = true) => useQuery(statusQuery(enabled));

export const useStartEnrolment = () =>
  useMutation({
    mutationFn: async () =>
      api.request('POST /api/v1/auth/totp/enrolment', (await import('@purnajual/contract')).totpEnrolmentSchema),
  });

export function useConfirmEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (code: string) =>
      api.request(
        'POST /api/v1/auth/totp/enrolment/confirm',
        (await import('@purnajual/contract')).recoveryCodesSchema,
        { body: { code } },
      ),
    // The session may now do everything: what it was refused is asked again.
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

export function useDisableTotp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TotpDisableBody) => api.send('POST /api/v1/auth/totp/disable', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: statusQuery(true).queryKey }),
  });
}
