import { ApiError, pathOf } from '@purnajual/client';
import {
  customerMessageSchema,
  type PaymentBody,
  paymentResponseSchema,
  type RefundBody,
  refundResponseSchema,
  type SetChargesBody,
  trackingLinkSchema,
  type WorkOrderBilling,
  type WorkOrderDetail,
  workOrderBillingSchema,
} from '@purnajual/contract';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { z } from 'zod';
import { api } from '../../../app/api';
import { workOrderQueryOptions } from './work-orders';

/** The detail shows the bill the server just answered with, before the refetch arrives. */
function useBillingUpdate(id: string) {
  const queryClient = useQueryClient();
  const { queryKey } = workOrderQueryOptions(id);
  return {
    show: (billing: WorkOrderBilling) =>
      queryClient.setQueryData(queryKey, (detail: WorkOrderDetail | undefined) =>
        detail ? { ...detail, billing } : detail,
      ),
    // Also after a refusal: a version conflict or a payment made meanwhile shows as it now is.
    refresh: () => queryClient.invalidateQueries({ queryKey }),
  };
}

export const setCharges = (id: string, body: SetChargesBody, version: number) =>
  api.request('PUT /api/v1/work-orders/:id/charges', workOrderBillingSchema, {
    params: { id },
    body,
    headers: { 'if-match': String(version) },
  });

/**
 * Labor, transport and discount, guarded by the version of the charges the user saw. A
 * PUT of the same amounts changes nothing, so it needs no Idempotency-Key.
 */
export function useSetCharges(id: string) {
  const update = useBillingUpdate(id);
  return useMutation({
    mutationFn: ({ body, version }: { body: SetChargesBody; version: number }) => setCharges(id, body, version),
    onSuccess: update.show,
    onSettled: update.refresh,
  });
}

export const recordPayment = (id: string, body: PaymentBody, idempotencyKey: string) =>
  api.request('POST /api/v1/work-orders/:id/payments', paymentResponseSchema, {
    params: { id },
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

export const recordRefund = (id: string, body: RefundBody, idempotencyKey: string) =>
  api.request('POST /api/v1/work-orders/:id/refunds', refundResponseSchema, {
    params: { id },
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

/**
 * Records money taken or given back with one Idempotency-Key per change the user means to
 * make: the key is kept while the outcome is unknown (no network, a server failure), so
 * saving the same payment again cannot take the money twice, and replaced once the server
 * has answered or the change is a different one (the same key with another body is 422).
 */
function useKeyedMoneyChange<Body, Answer extends { billing: WorkOrderBilling }>(
  id: string,
  send: (body: Body, idempotencyKey: string) => Promise<Answer>,
) {
  const update = useBillingUpdate(id);
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return useMutation({
    mutationFn: (body: Body) => {
      const fingerprint = JSON.stringify(body);
      if (attempt.current?.body !== fingerprint) attempt.current = { body: fingerprint, key: crypto.randomUUID() };
      return send(body, attempt.current.key);
    },
    onSuccess: ({ billing }) => {
      attempt.current = null;
      update.show(billing);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) attempt.current = null;
    },
    onSettled: update.refresh,
  });
}

export const useRecordPayment = (id: string) =>
  useKeyedMoneyChange(id, (body: PaymentBody, key) => recordPayment(id, body, key));

/** A refund paid back or a credit note (supervisors and admins). */
export const useRecordRefund = (id: string) =>
  useKeyedMoneyChange(id, (body: RefundBody, key) => recordRefund(id, body, key));

const messagesSchema = z.object({ items: z.array(customerMessageSchema) });

export const fetchCustomerMessages = (id: string) =>
  api.request('GET /api/v1/work-orders/:id/messages', messagesSchema, { params: { id } });

/** Under the work-order keys, so the event stream refreshes them with the detail. */
export const customerMessagesQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['work-orders', 'messages', id], queryFn: () => fetchCustomerMessages(id) });

export const useCustomerMessages = (id: string) => useQuery(customerMessagesQueryOptions(id));

export const revokeTrackingLink = (id: string) =>
  api.request('POST /api/v1/work-orders/:id/tracking-link/revoke', trackingLinkSchema, { params: { id } });

/** Revokes the customer's link (the old one answers 404 from now on) and shows the new one. */
export function useRevokeTrackingLink(id: string) {
  const queryClient = useQueryClient();
  const { queryKey } = workOrderQueryOptions(id);
  return useMutation({
    mutationFn: () => revokeTrackingLink(id),
    onSuccess: ({ trackingUrl }) =>
      queryClient.setQueryData(queryKey, (detail: WorkOrderDetail | undefined) =>
        detail ? { ...detail, trackingUrl } : detail,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey }),
  });
}

/** The service report as the server renders it; opened in the browser, never fetched here. */
export const serviceReportUrl = (id: string, language: 'id' | 'en') =>
  `${pathOf('GET /api/v1/work-orders/:id/report.pdf', { id }).path}${language === 'en' ? '?lang=en' : ''}`;
