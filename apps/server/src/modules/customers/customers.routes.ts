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
  mergeRoles,
  officeRoles,
  pageSchema,
  productModelSchema,
  transferProductBodySchema,
  updateCustomerBodySchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth';
import { readIfMatch } from '../../platform/concurrency';
import type { CustomerMergeService } from './customer-merge.service';
import type { CustomersService } from './customers.service';
import type { ProductTransferService } from './product-transfer.service';

export interface CustomersRoutesOptions {
  customers: CustomersService;
  customerMerge: CustomerMergeService;
  productTransfer: ProductTransferService;
}

export const customersRoutes: FastifyPluginAsyncZod<CustomersRoutesOptions> = async (
  app,
  { customers, customerMerge, productTransfer },
) => {
  app.get(
    '/api/v1/product-models',
    {
      config: { access: 'signedIn' },
      schema: {
        tags: ['customers'],
        summary: 'Catalog of product models',
        querystring: listProductModelsQuerySchema,
        response: { 200: pageSchema(productModelSchema) },
      },
    },
    async (request) => customers.listProductModels(request.query),
  );

  app.post(
    '/api/v1/product-models',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['customers'],
        summary: 'Add a product model to the catalog',
        body: createProductModelBodySchema,
        response: { 201: productModelSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await customers.createProductModel(request.body)),
  );

  app.get(
    '/api/v1/customers',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['customers'],
        summary:
          'Find customers by part of any phone number, name or address words, serial or work-order number, best match first',
        querystring: listCustomersQuerySchema,
        response: { 200: pageSchema(customerListItemSchema) },
      },
    },
    async (request) => customers.listCustomers(request.query),
  );

  app.post(
    '/api/v1/customers',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['customers'],
        summary: 'Create a customer',
        body: createCustomerBodySchema,
        response: { 201: customerSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await customers.createCustomer(request.body)),
  );

  app.get(
    '/api/v1/customers/:id',
    {
      config: { access: officeRoles },
      schema: {
        tags: ['customers'],
        summary: 'One customer with their products',
        params: idParamsSchema,
        response: { 200: customerSchema },
      },
    },
    async (request) => customers.getCustomer(request.params.id),
  );

  app.patch(
    '/api/v1/customers/:id',
    {
      config: { access: officeRoles, problems: ['version_conflict'] },
      schema: {
        tags: ['customers'],
        summary: 'Change a customer (If-Match or `version` guards against lost updates)',
        params: idParamsSchema,
        body: updateCustomerBodySchema,
        response: { 200: customerSchema },
      },
    },
    async (request) => customers.updateCustomer(request.params.id, request.body, readIfMatch(request)),
  );

  app.post(
    '/api/v1/customers/:id/products',
    {
      config: { access: officeRoles, problems: ['conflict'] },
      schema: {
        tags: ['customers'],
        summary: "Register a product the customer owns (warranty end defaults from the model's warranty)",
        params: idParamsSchema,
        body: createCustomerProductBodySchema,
        response: { 201: customerProductSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await customers.addProduct(request.params.id, request.body)),
  );

  app.get(
    '/api/v1/customers/:id/merge-preview',
    {
      config: { access: mergeRoles },
      schema: {
        tags: ['customers'],
        summary: 'What merging duplicateId into this customer would do: both with their counts, and the numbers after',
        params: idParamsSchema,
        querystring: customerMergePreviewQuerySchema,
        response: { 200: customerMergePreviewSchema },
      },
    },
    async (request) => customerMerge.previewMerge(requireActor(request), request.params.id, request.query.duplicateId),
  );

  app.post(
    '/api/v1/customers/:id/merge',
    {
      config: { access: mergeRoles, problems: ['conflict', 'version_conflict'] },
      schema: {
        tags: ['customers'],
        summary:
          "Merge duplicateId into this customer, who stays: the duplicate's units, work orders and numbers move here, in one transaction",
        params: idParamsSchema,
        body: mergeCustomerBodySchema,
        response: { 200: customerMergeResultSchema },
      },
    },
    async (request) => customerMerge.mergeCustomers(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/products/:id/transfer',
    {
      config: { access: officeRoles, problems: ['conflict'] },
      schema: {
        tags: ['customers'],
        summary:
          'Give a unit to another customer; its work orders stay with it, the change is in its ownership history',
        params: idParamsSchema,
        body: transferProductBodySchema,
        response: { 200: customerProductSchema },
      },
    },
    async (request) => productTransfer.transferProduct(requireActor(request), request.params.id, request.body),
  );
};
