import swagger, { type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  areaSchema,
  assignmentCandidateSchema,
  branchSchema,
  customerListItemSchema,
  customerProductSchema,
  customerSchema,
  kpiSchema,
  notificationSchema,
  partRequestSchema,
  partReturnSchema,
  partSchema,
  problemSchema,
  productModelSchema,
  stockItemSchema,
  userSchema,
  workOrderBillingSchema,
  workOrderDetailSchema,
  workOrderHistoryEntrySchema,
  workOrderSummarySchema,
} from '@purnajual/contract';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  describeOperation,
  factsOf,
  fileRequestBody,
  type OperationFacts,
  operationIdOf,
  problemResponses,
  successContent,
} from './openapi-operations';

const tags = [
  { name: 'auth', description: 'Sign-in by employee number (NIK) and sign-out' },
  { name: 'users', description: 'Staff and technicians, their roles and operating areas' },
  { name: 'areas', description: "Indonesia's administrative areas by their official codes" },
  { name: 'branches', description: 'Service branches, their time zones and the areas they serve' },
  { name: 'customers', description: 'Customers, their phone numbers and installed products; product models' },
  { name: 'work-orders', description: 'Intake, routing, dispatch, the status machine, photos and signatures' },
  { name: 'notifications', description: 'Messages from the office to technicians' },
  { name: 'push', description: "Web Push of notifications to the technicians' phones" },
  { name: 'parts', description: 'The spare-parts catalog' },
  { name: 'stock', description: "Stock in warehouses and technicians' bags, the ledger, carrying limits" },
  { name: 'part-requests', description: 'Technicians asking the warehouse for parts' },
  { name: 'part-returns', description: 'Unused, faulty and replaced parts going back to the warehouse' },
  { name: 'billing', description: "Charges, the customer's approval, payments, refunds and the service report" },
  { name: 'reports', description: 'KPIs, SLA attainment and their CSV/XLSX downloads' },
  { name: 'tracking', description: "The customer's tracking page, survey and messages" },
  { name: 'events', description: 'Live changes as Server-Sent Events' },
  {
    name: 'imports',
    description: 'Bulk imports of spreadsheets (customers with their units), their progress and refused lines',
  },
  { name: 'integrations', description: 'API keys for other systems, and signed webhooks with their delivery log' },
];

/** The contract's records under their names, as reusable component schemas that operations refer to. */
const components = {
  Problem: problemSchema,
  User: userSchema,
  Area: areaSchema,
  Branch: branchSchema,
  ProductModel: productModelSchema,
  Customer: customerSchema,
  CustomerListItem: customerListItemSchema,
  CustomerProduct: customerProductSchema,
  WorkOrderSummary: workOrderSummarySchema,
  WorkOrderDetail: workOrderDetailSchema,
  WorkOrderHistoryEntry: workOrderHistoryEntrySchema,
  AssignmentCandidate: assignmentCandidateSchema,
  WorkOrderBilling: workOrderBillingSchema,
  Notification: notificationSchema,
  Part: partSchema,
  StockItem: stockItemSchema,
  PartRequest: partRequestSchema,
  PartReturn: partReturnSchema,
  Kpis: kpiSchema,
};
for (const [id, schema] of Object.entries(components)) z.globalRegistry.add(schema, { id });

/**
 * Only the component schemas an operation refers to, directly or through another kept
 * one: the generator adds an input twin of each named schema, used or not.
 */
function withoutUnusedSchemas<T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(
  document: T,
): T {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const isReferred = (name: string) => {
    const { [name]: _itself, ...others } = schemas;
    return JSON.stringify([document.paths, others]).includes(`"#/components/schemas/${name}"`);
  };
  for (let removed = true; removed; ) {
    removed = false;
    for (const name of Object.keys(schemas)) {
      if (isReferred(name)) continue;
      delete schemas[name];
      removed = true;
    }
  }
  return document;
}

/**
 * The OpenAPI document is generated from the same Zod schemas the routes validate with;
 * each operation's id, description, security and problem responses are read from its
 * route's declaration (see openapi-operations.ts), so a new route is documented whole.
 */
export async function registerOpenApi(app: FastifyInstance) {
  const operations = new Map<string, OperationFacts>();
  const transform: SwaggerTransform = (input) => {
    const { schema, url } = jsonSchemaTransform(input);
    if (schema?.hide) return { schema, url };
    // A route may have no schema at all (a test's stand-in); it is documented by its path alone.
    const facts = factsOf(input.route, input.schema ?? {});
    const operationId = operationIdOf(input.route);
    operations.set(operationId, facts);
    const security = facts.access === 'public' ? { security: [] } : {};
    return { url, schema: { ...schema, operationId, description: describeOperation(facts), ...security } };
  };
  const transformObject: SwaggerTransformObject = (input) => {
    const document = jsonSchemaTransformObject(input);
    if (!('openapi' in document) || !document.paths) return document;
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item ?? {})) {
        if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
        const facts = operations.get(String(operation.operationId));
        if (!facts) continue;
        operation.responses = { ...operation.responses, ...successContent(facts), ...problemResponses(facts) };
        Object.assign(operation, fileRequestBody(facts));
      }
    }
    return withoutUnusedSchemas(document);
  };
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Purnajual API',
        version: '1.0.0',
        description: 'After-sales field-service CRM. Errors are RFC 9457 problem details.',
        contact: { name: 'Purnajual' },
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      servers: [{ url: '/', description: 'The server that serves this document' }],
      tags,
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'pj_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform,
    transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
