import { type SendNotificationBody, sendNotificationResponseSchema, sentNotificationSchema } from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../../app/api';

export const sentNotificationsQueryOptions = () =>
  queryOptions({
    queryKey: ['notifications', 'sent'],
    queryFn: () => api.request('GET /api/v1/notifications/sent', z.object({ items: z.array(sentNotificationSchema) })),
    refetchInterval: 30_000,
  });

export const useSentNotifications = () => useQuery(sentNotificationsQueryOptions());

export function useSendNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendNotificationBody) =>
      api.request('POST /api/v1/notifications', sendNotificationResponseSchema, {
        body,
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications', 'sent'] }),
  });
}
