import {
  inventorySchema,
  type Part,
  pageSchema,
  partRequestSchema,
  partReturnSchema,
  partSchema,
  technicianPartLimitsSchema,
} from '@purnajual/contract';
import { api } from '../app/api';
import { db } from './db';

/** The whole catalog fits a phone many times over; this caps a runaway one. */
const catalogLimit = 5000;
const partPageSchema = pageSchema(partSchema);

/** The parts catalog, to pick from with no network. */
export async function pullCatalog() {
  const parts: Part[] = [];
  let cursor: string | null = null;
  do {
    const page: ReturnType<typeof partPageSchema.parse> = await api.request('GET /api/v1/parts', partPageSchema, {
      query: { limit: 200, cursor: cursor ?? undefined },
    });
    parts.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && parts.length < catalogLimit);
  await db.transaction('rw', db.parts, async () => {
    await db.parts.clear();
    await db.parts.bulkPut(parts);
  });
}

/** The technician's bag, limits, requests and returns, as the server keeps them. */
export async function pullBag() {
  const [inventory, limits, requests, returns] = await Promise.all([
    api.request('GET /api/v1/me/inventory', inventorySchema),
    api.request('GET /api/v1/me/part-limits', technicianPartLimitsSchema),
    api.request('GET /api/v1/part-requests', pageSchema(partRequestSchema), { query: { limit: 100 } }),
    api.request('GET /api/v1/part-returns', pageSchema(partReturnSchema), { query: { limit: 100 } }),
  ]);
  await db.transaction('rw', [db.bag, db.partRequests, db.partReturns], async () => {
    await db.bag.put({ key: 'me', inventory, limits });
    await db.partRequests.clear();
    await db.partRequests.bulkPut(requests.items);
    await db.partReturns.clear();
    await db.partReturns.bulkPut(returns.items);
  });
}
