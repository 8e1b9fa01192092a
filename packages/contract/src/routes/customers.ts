import {
  createCustomerBodySchema,
  createCustomerProductBodySchema,
  createProductModelBodySchema,
  customerListItemSchema,
  customerMergePreviewQuerySchema,
  customerMergePreviewSchema,
  customerMergeResultSchema,
  customerProductSchema,
  customerSchema,
  idParamsSchema,
  listCustomersQuerySchema,
  listProductModelsQuerySchema,
  mergeCustomerBodySchema,
  pageSchema,
  productModelSchema,
  transferProductBodySchema,
  updateCustomerBodySchema,
} from '../index';
import type { RouteTable } from './route-table';

export const customersRoutes = {
  'GET /api/v1/product-models': { query: listProductModelsQuerySchema, response: pageSchema(productModelSchema) },
  'POST /api/v1/product-models': { body: createProductModelBodySchema, response: productModelSchema },
  'GET /api/v1/customers': {
    scope: 'customers:read',
    query: listCustomersQuerySchema,
    response: pageSchema(customerListItemSchema),
  },
  'POST /api/v1/customers': { scope: 'customers:write', body: createCustomerBodySchema, response: customerSchema },
  'GET /api/v1/customers/:id': { scope: 'customers:read', params: idParamsSchema, response: customerSchema },
  'PATCH /api/v1/customers/:id': {
    scope: 'customers:write',
    params: idParamsSchema,
    body: updateCustomerBodySchema,
    response: customerSchema,
  },
  'POST /api/v1/customers/:id/products': {
    scope: 'customers:write',
    params: idParamsSchema,
    body: createCustomerProductBodySchema,
    response: customerProductSchema,
  },
  'GET /api/v1/customers/:id/merge-preview': {
    params: idParamsSchema,
    query: customerMergePreviewQuerySchema,
    response: customerMergePreviewSchema,
  },
  'POST /api/v1/customers/:id/merge': {
    params: idParamsSchema,
    body: mergeCustomerBodySchema,
    response: customerMergeResultSchema,
  },
  'POST /api/v1/products/:id/transfer': {
    params: idParamsSchema,
    body: transferProductBodySchema,
    response: customerProductSchema,
  },
} as const satisfies RouteTable;
