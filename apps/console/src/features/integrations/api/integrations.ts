import {
  apiKeySchema,
  type CreateApiKeyBody,
  type CreateWebhookBody,
  createdApiKeySchema,
  createdWebhookSchema,
  pageSchema,
  type UpdateWebhookBody,
  webhookDeliverySchema,
  webhookSchema,
} from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../app/api';

export const apiKeysQueryOptions = () =>
  queryOptions({
    queryKey: ['api-keys'],
    queryFn: () => api.request('GET /api/v1/api-keys', z.object({ items: z.array(apiKeySchema) })),
  });

export const useApiKeys = () => useQuery(apiKeysQueryOptions());

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.request('POST /api/v1/api-keys', createdApiKeySchema, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send('DELETE /api/v1/api-keys/:id', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export const webhooksQueryOptions = () =>
  queryOptions({
    queryKey: ['webhooks'],
    queryFn: () => api.request('GET /api/v1/webhooks', z.object({ items: z.array(webhookSchema) })),
  });

export const useWebhooks = () => useQuery(webhooksQueryOptions());

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => api.request('POST /api/v1/webhooks', createdWebhookSchema, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateWebhookBody }) =>
      api.request('PATCH /api/v1/webhooks/:id', webhookSchema, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.send('DELETE /api/v1/webhooks/:id', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
}

export const deliveriesQueryOptions = (webhookId: string) =>
  queryOptions({
    queryKey: ['webhooks', webhookId, 'deliveries'],
    queryFn: () =>
      api.request('GET /api/v1/webhooks/:id/deliveries', pageSchema(webhookDeliverySchema), {
        params: { id: webhookId },
        query: { limit: 50 },
      }),
  });

export const useDeliveries = (webhookId: string) => useQuery(deliveriesQueryOptions(webhookId));

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, deliveryId }: { webhookId: string; deliveryId: string }) =>
      api.request('POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver', webhookDeliverySchema, {
        params: { id: webhookId, deliveryId },
      }),
    onSuccess: (_delivery, { webhookId }) =>
      queryClient.invalidateQueries({ queryKey: ['webhooks', webhookId, 'deliveries'] }),
  });
}
