import {
  type CustomerPhone,
  customerMergePreviewSchema,
  customerMergeResultSchema,
  customerProductSchema,
  customerSchema,
  type MessageLanguage,
} from '@purnajual/contract';
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';

const detailKey = (id: string) => ['customers', 'detail', id] as const;

/**
 * Replaces the customer's numbers, guarded by the version the agent saw: a change someone
 * else made meanwhile is refused, and the customer is loaded again to show it.
 */
export function useUpdatePhones(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ phones, version }: { phones: CustomerPhone[]; version: number }) =>
      api.request('PATCH /api/v1/customers/:id', customerSchema, {
        params: { id: customerId },
        body: { phones },
        headers: { 'if-match': String(version) },
      }),
    onSuccess: (customer) => {
      queryClient.setQueryData(detailKey(customer.id), customer);
      void queryClient.invalidateQueries({ queryKey: ['customers', 'search'] });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: detailKey(customerId) }),
  });
}

/** The customer's opt-out of messages and their language, guarded by the version the agent saw. */
export function useUpdateMessagePreferences(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      body,
      version,
    }: {
      body: { messagesOptOut?: boolean; language?: MessageLanguage };
      version: number;
    }) =>
      api.request('PATCH /api/v1/customers/:id', customerSchema, {
        params: { id: customerId },
        body,
        headers: { 'if-match': String(version) },
      }),
    onSuccess: (customer) => queryClient.setQueryData(detailKey(customer.id), customer),
    onError: () => queryClient.invalidateQueries({ queryKey: detailKey(customerId) }),
  });
}

/** What merging `duplicateId` into the survivor would do, asked once a duplicate is chosen. */
export const useMergePreview = (survivorId: string, duplicateId: string | null) =>
  useQuery({
    queryKey: ['customers', 'merge-preview', survivorId, duplicateId],
    queryFn:
      duplicateId === null
        ? skipToken
        : () =>
            api.request('GET /api/v1/customers/:id/merge-preview', customerMergePreviewSchema, {
              params: { id: survivorId },
              query: { duplicateId },
            }),
    retry: false,
    staleTime: 0,
  });

export function useMergeCustomers(survivorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (duplicateId: string) =>
      api.request('POST /api/v1/customers/:id/merge', customerMergeResultSchema, {
        params: { id: survivorId },
        body: { duplicateId },
      }),
    onSuccess: (result) => {
      queryClient.setQueryData(detailKey(survivorId), result.customer);
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
  });
}

/** Gives a unit registered for another customer to this one; both customers' units change. */
export function useTransferProduct(toCustomerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (productId: string) =>
      api.request('POST /api/v1/products/:id/transfer', customerProductSchema, {
        params: { id: productId },
        body: { toCustomerId },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers'] }),
  });
}
