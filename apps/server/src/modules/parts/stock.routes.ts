import {
  branchPartLimitsSchema,
  catalogRoles,
  idParamsSchema,
  inventorySchema,
  limitRoles,
  listStockLedgerQuerySchema,
  listStockQuerySchema,
  pageSchema,
  partLimitValuesSchema,
  stockItemSchema,
  stockLedgerEntrySchema,
  stockLocationSchema,
  stockOfficeRoles,
  stockReceiptBodySchema,
  stockReceiptSchema,
  stockRoles,
  technicianPartLimitsSchema,
} from '@purnajual/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth';
import type { PartRequestsService } from './part-requests.service';
import type { StockService } from './stock.service';

export interface StockRoutesDeps {
  stock: StockService;
  partRequests: Pick<PartRequestsService, 'findDefectiveDue'>;
}

export const stockRoutes: FastifyPluginAsyncZod<StockRoutesDeps> = async (app, { stock, partRequests }) => {
  app.get(
    '/api/v1/stock-locations',
    {
      config: { access: stockRoles },
      schema: {
        tags: ['stock'],
        summary:
          "Warehouses, defective bins and technicians' bags the caller may see (a technician: their bag and their branch's warehouse)",
        response: { 200: z.object({ items: z.array(stockLocationSchema) }) },
      },
    },
    async (request) => ({ items: await stock.listLocations(requireActor(request)) }),
  );

  app.get(
    '/api/v1/stock',
    {
      config: { access: stockRoles },
      schema: {
        tags: ['stock'],
        summary: 'Stock at one location by part number; `lowStock=true` lists parts at or below their reorder level',
        querystring: listStockQuerySchema,
        response: { 200: pageSchema(stockItemSchema) },
      },
    },
    async (request) => stock.listStock(requireActor(request), request.query),
  );

  app.post(
    '/api/v1/stock/receipts',
    {
      config: { access: catalogRoles },
      schema: {
        tags: ['stock'],
        summary: "Goods from a supplier into a warehouse of the caller's branch",
        body: stockReceiptBodySchema,
        response: { 201: stockReceiptSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await stock.receive(requireActor(request), request.body)),
  );

  app.get(
    '/api/v1/stock/ledger',
    {
      config: { access: stockOfficeRoles },
      schema: {
        tags: ['stock'],
        summary: 'Every stock movement the caller may see, newest first',
        querystring: listStockLedgerQuerySchema,
        response: { 200: pageSchema(stockLedgerEntrySchema) },
      },
    },
    async (request) => stock.listLedger(requireActor(request), request.query),
  );

  app.get(
    '/api/v1/me/inventory',
    {
      config: { access: ['technician'] },
      schema: {
        tags: ['stock'],
        summary: "The technician's bag: parts, quantities, value, and defective parts still to bring back",
        response: { 200: inventorySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [bag, defectiveDue] = await Promise.all([stock.getBag(actor), partRequests.findDefectiveDue(actor)]);
      return { ...bag, defectiveDue };
    },
  );

  app.get(
    '/api/v1/me/part-limits',
    {
      config: { access: ['technician'] },
      schema: {
        tags: ['stock'],
        summary: 'What the technician may carry (max items, max value) and carries now',
        response: { 200: technicianPartLimitsSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return stock.getTechnicianLimits(actor, actor.id);
    },
  );

  app.get(
    '/api/v1/technicians/:id/part-limits',
    {
      config: { access: stockOfficeRoles },
      schema: {
        tags: ['stock'],
        summary: "A technician's carrying limits (their own or their branch's) and current use",
        params: idParamsSchema,
        response: { 200: technicianPartLimitsSchema },
      },
    },
    async (request) => stock.getTechnicianLimits(requireActor(request), request.params.id),
  );

  app.put(
    '/api/v1/technicians/:id/part-limits',
    {
      config: { access: limitRoles },
      schema: {
        tags: ['stock'],
        summary: "Set a technician's own carrying limits (null: no limit on that measure)",
        params: idParamsSchema,
        body: partLimitValuesSchema,
        response: { 200: technicianPartLimitsSchema },
      },
    },
    async (request) => stock.setTechnicianLimits(requireActor(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/technicians/:id/part-limits',
    {
      config: { access: limitRoles },
      schema: {
        tags: ['stock'],
        summary: "Drop a technician's own limits: their branch's default applies again",
        params: idParamsSchema,
        response: { 200: technicianPartLimitsSchema },
      },
    },
    async (request) => stock.setTechnicianLimits(requireActor(request), request.params.id, null),
  );

  app.get(
    '/api/v1/branches/:id/part-limits',
    {
      config: { access: stockOfficeRoles },
      schema: {
        tags: ['stock'],
        summary: "The default carrying limits of a branch's technicians",
        params: idParamsSchema,
        response: { 200: branchPartLimitsSchema },
      },
    },
    async (request) => stock.getBranchLimits(requireActor(request), request.params.id),
  );

  app.put(
    '/api/v1/branches/:id/part-limits',
    {
      config: { access: limitRoles },
      schema: {
        tags: ['stock'],
        summary: "Set the default carrying limits of a branch's technicians",
        params: idParamsSchema,
        body: partLimitValuesSchema,
        response: { 200: branchPartLimitsSchema },
      },
    },
    async (request) => stock.setBranchLimits(requireActor(request), request.params.id, request.body),
  );
};
