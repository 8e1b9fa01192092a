import {
  type CreateCustomerBody,
  type CreateCustomerProductBody,
  type CreateWorkOrderBody,
  createWorkOrderResponseSchema,
  customerProductSchema,
  customerSchema,
  pageSchema,
  productModelSchema,
  workOrderSummarySchema,
} from '@purnajual/contract';
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../app/api';

export const customersQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['customers', 'search', q],
    queryFn: () => api.request('GET', '/api/v1/customers', pageSchema(customerSchema), { query: { q, limit: 10 } }),
    placeholderData: keepPreviousData,
  });

/** Customers matching a phone number (any notation), name or serial number, as the agent types. */
export const useCustomerSearch = (q: string) => useQuery({ ...customersQueryOptions(q), enabled: q.length >= 3 });

export const useCustomer = (id: string | null) =>
  useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn: () => api.request('GET', `/api/v1/customers/${id}`, customerSchema),
    enabled: id !== null,
  });

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerBody) => api.request('POST', '/api/v1/customers', customerSchema, { body }),
    onSuccess: (customer) => {
      queryClient.setQueryData(['customers', 'detail', customer.id], customer);
      void queryClient.invalidateQueries({ queryKey: ['customers', 'search'] });
    },
  });
}

export function useAddProduct(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerProductBody) =>
      api.request('POST', `/api/v1/customers/${customerId}/products`, customerProductSchema, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', 'detail', customerId] }),
  });
}

export const useProductModels = () =>
  useQuery({
    queryKey: ['product-models'],
    queryFn: () =>
      api.request('GET', '/api/v1/product-models', pageSchema(productModelSchema), { query: { limit: 200 } }),
    staleTime: 300_000,
  });

/** Open work orders of the customer: the agent sees them before creating another. */
export const useOpenWorkOrders = (customerId: string | null) =>
  useQuery({
    queryKey: ['work-orders', 'open-of-customer', customerId],
    queryFn: () =>
      api.request('GET', '/api/v1/work-orders', pageSchema(workOrderSummarySchema), {
        query: { customerId: customerId ?? undefined, open: true, limit: 20 },
      }),
    enabled: customerId !== null,
  });

export function useCreateWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateWorkOrderBody; key: string }) =>
      api.request('POST', '/api/v1/work-orders', createWorkOrderResponseSchema, {
        body,
        headers: { 'idempotency-key': key },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
  });
}
