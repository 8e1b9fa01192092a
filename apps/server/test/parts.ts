import type { Part, PartRequest, StockLocation } from '@purnajual/contract';
import { bearer, type TestApp } from './app';

interface Caller {
  token: string;
}

let partSequence = 0;

/** A part in the catalog, added by `clerk` (admin or warehouse). */
export async function createPart(
  { app }: TestApp,
  clerk: Caller,
  overrides: Partial<{
    partNo: string;
    name: string;
    price: number;
    modelCodes: string[];
    returnable: boolean;
    mustReturnDefective: boolean;
    reorderLevel: number;
  }> = {},
): Promise<Part> {
  partSequence += 1;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/parts',
    headers: bearer(clerk.token),
    payload: {
      partNo: `PT-${partSequence}-${Date.now().toString(36).slice(-5).toUpperCase()}`,
      name: `Kapasitor uji ${partSequence}`,
      price: 50_000,
      returnable: true,
      ...overrides,
    },
  });
  if (response.statusCode !== 201) throw new Error(`part failed: ${response.statusCode} ${response.body}`);
  return response.json<Part>();
}

/** The stock locations `caller` may see. */
export async function listLocations({ app }: TestApp, caller: Caller): Promise<StockLocation[]> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/stock-locations', headers: bearer(caller.token) });
  if (response.statusCode !== 200) throw new Error(`locations failed: ${response.statusCode} ${response.body}`);
  return response.json<{ items: StockLocation[] }>().items;
}

/** The id of a branch's warehouse (or defective bin), as its warehouse clerk sees it. */
export async function locationOf(
  t: TestApp,
  clerk: Caller,
  branchId: string,
  kind: 'warehouse' | 'defective' = 'warehouse',
): Promise<string> {
  const location = (await listLocations(t, clerk)).find((l) => l.kind === kind && l.branchId === branchId);
  if (!location) throw new Error(`no ${kind} for branch ${branchId}`);
  return location.id;
}

/** Goods received into a warehouse. */
export async function receiveStock(
  { app }: TestApp,
  clerk: Caller,
  locationId: string,
  lines: { partId: string; quantity: number }[],
) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/stock/receipts',
    headers: bearer(clerk.token),
    payload: { locationId, lines, reference: `SJ-${Date.now()}` },
  });
  if (response.statusCode !== 201) throw new Error(`receipt failed: ${response.statusCode} ${response.body}`);
}

export const requestParts = ({ app }: TestApp, technician: Caller, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/part-requests', headers: bearer(technician.token), payload });

export const transitionRequest = (
  { app }: TestApp,
  caller: Caller,
  id: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/part-requests/${id}/transitions`,
    headers: { ...bearer(caller.token), ...headers },
    payload,
  });

/** Requests parts for `technician` and has `clerk` approve them: ready to issue. */
export async function approvedRequest(
  t: TestApp,
  technician: Caller,
  clerk: Caller,
  lines: { partId: string; quantity: number }[],
): Promise<PartRequest> {
  const created = await requestParts(t, technician, { lines });
  if (created.statusCode !== 201) throw new Error(`request failed: ${created.statusCode} ${created.body}`);
  const approved = await transitionRequest(t, clerk, created.json<PartRequest>().id, { action: 'approve' });
  if (approved.statusCode !== 200) throw new Error(`approve failed: ${approved.statusCode} ${approved.body}`);
  return approved.json<PartRequest>();
}

/** Puts parts in a technician's bag the way the warehouse does: request, approve, issue. */
export async function issueToBag(
  t: TestApp,
  technician: Caller,
  clerk: Caller,
  lines: { partId: string; quantity: number }[],
): Promise<PartRequest> {
  const request = await approvedRequest(t, technician, clerk, lines);
  const issued = await transitionRequest(t, clerk, request.id, { action: 'issue' });
  if (issued.statusCode !== 200) throw new Error(`issue failed: ${issued.statusCode} ${issued.body}`);
  return issued.json<PartRequest>();
}

export const returnParts = ({ app }: TestApp, technician: Caller, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/v1/part-returns', headers: bearer(technician.token), payload });

export const transitionReturn = ({ app }: TestApp, caller: Caller, id: string, payload: Record<string, unknown>) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/part-returns/${id}/transitions`,
    headers: bearer(caller.token),
    payload,
  });

/** Units of each part at a location, as `caller` sees them (absent parts are 0). */
export async function stockAt({ app }: TestApp, caller: Caller, locationId: string): Promise<Map<string, number>> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/stock?locationId=${locationId}&limit=200`,
    headers: bearer(caller.token),
  });
  if (response.statusCode !== 200) throw new Error(`stock failed: ${response.statusCode} ${response.body}`);
  return new Map(
    response.json<{ items: { part: { id: string }; quantity: number }[] }>().items.map((i) => [i.part.id, i.quantity]),
  );
}

/**
 * For every location and part, ledger entries in minus entries out, and the quantity on
 * hand: the two must always agree.
 */
export async function ledgerAgainstLevels({ database }: TestApp) {
  const [entries, levels] = await Promise.all([
    database.db
      .selectFrom('stock_ledger_entry')
      .select(['partId', 'fromLocationId', 'toLocationId', 'quantity'])
      .execute(),
    database.db.selectFrom('stock_level').select(['locationId', 'partId', 'quantity']).execute(),
  ]);
  const fromLedger = new Map<string, number>();
  const add = (locationId: string | null, partId: string, quantity: number) => {
    if (locationId === null) return;
    const key = `${locationId}/${partId}`;
    fromLedger.set(key, (fromLedger.get(key) ?? 0) + quantity);
  };
  for (const entry of entries) {
    add(entry.fromLocationId, entry.partId, -entry.quantity);
    add(entry.toLocationId, entry.partId, entry.quantity);
  }
  const onHand = new Map(levels.map((level) => [`${level.locationId}/${level.partId}`, Number(level.quantity)]));
  for (const key of fromLedger.keys()) if (!onHand.has(key)) onHand.set(key, 0);
  for (const key of onHand.keys()) if (!fromLedger.has(key)) fromLedger.set(key, 0);
  return { fromLedger, onHand, entries: entries.length };
}
