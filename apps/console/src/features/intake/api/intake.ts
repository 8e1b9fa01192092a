import {
  type CreateCustomerBody,
  type CreateCustomerProductBody,
  type CreateWorkOrderBody,
  type Customer,
  type CustomerProduct,
  createWorkOrderResponseSchema,
  customerListItemSchema,
  customerProductSchema,
  customerSchema,
  pageSchema,
  productModelSchema,
  searchTextIssue,
  workOrderSummarySchema,
} from '@purnajual/contract';
import {
  keepPreviousData,
  queryOptions,
  skipToken,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api } from '../../../app/api';

export const customersQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['customers', 'search', q],
    queryFn: () =>
      api.request('GET /api/v1/customers', pageSchema(customerListItemSchema), { query: { q, limit: 10 } }),
    placeholderData: keepPreviousData,
  });

/**
 * Customers matching part of a phone number, name or address words, a serial or work-order
 * number, as the agent types; asked only once the text is long enough for the server.
 */
export const useCustomerSearch = (q: string) =>
  useQuery({ ...customersQueryOptions(q), enabled: searchTextIssue(q) === null });

export interface RegisteredUnit {
  owner: Pick<Customer, 'id' | 'name'>;
  product: CustomerProduct;
}

/**
 * The unit already registered under this serial number, whoever owns it: the customer search
 * finds owners by serial number. The server keeps serials upper-case, and refuses a second
 * unit of one model with the same serial.
 */
export function useRegisteredUnit(serialNumber: string, modelCode: string | null): RegisteredUnit | null {
  const serial = serialNumber.trim().toUpperCase();
  const owners = useCustomerSearch(serial);
  for (const owner of owners.data?.items ?? []) {
    const product = owner.products.find(
      (candidate) => candidate.serialNumber === serial && (modelCode === null || candidate.model.code === modelCode),
    );
    if (product) return { owner: { id: owner.id, name: owner.name }, product };
  }
  return null;
}

export const useCustomer = (id: string | null) =>
  useQuery({
    queryKey: ['customers', 'detail', id],
    queryFn:
      id === null ? skipToken : () => api.request('GET /api/v1/customers/:id', customerSchema, { params: { id } }),
  });

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerBody) => api.request('POST /api/v1/customers', customerSchema, { body }),
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
      api.request('POST /api/v1/customers/:id/products', customerProductSchema, { params: { id: customerId }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers', 'detail', customerId] }),
  });
}

export const useProductModels = () =>
  useQuery({
    queryKey: ['product-models'],
    queryFn: () => api.request('GET /api/v1/product-models', pageSchema(productModelSchema), { query: { limit: 200 } }),
    staleTime: 300_000,
  });

export const openWorkOrdersQueryOptions = (customerId: string | null) =>
  queryOptions({
    queryKey: ['work-orders', 'open-of-customer', customerId],
    queryFn: () =>
      api.request('GET /api/v1/work-orders', pageSchema(workOrderSummarySchema), {
        query: { customerId: customerId ?? undefined, open: 'true', limit: 20 },
      }),
  });

/** Open work orders of the customer: the agent sees them before creating another. */
export const useOpenWorkOrders = (customerId: string | null) =>
  useQuery({ ...openWorkOrdersQueryOptions(customerId), enabled: customerId !== null });

/**
 * Open work orders of the customer as they are now, asked again when the agent creates:
 * another agent may have taken a call from the same household meanwhile.
 */
export function useFetchOpenWorkOrders() {
  const queryClient = useQueryClient();
  return (customerId: string) => queryClient.fetchQuery(openWorkOrdersQueryOptions(customerId));
}

export function useCreateWorkOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateWorkOrderBody; key: string }) =>
      api.request('POST /api/v1/work-orders', createWorkOrderResponseSchema, {
        body,
        headers: { 'idempotency-key': key },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['work-orders'] }),
  });
}
