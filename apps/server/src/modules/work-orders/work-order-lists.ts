import {
  type ListWorkOrdersQuery,
  openWorkOrderStatuses,
  type WorkOrderListItem,
  type WorkOrderMatch,
  type WorkOrderStatus,
  type WorkOrderSummary,
  workOrderStatuses,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderScope } from '../../platform/access-policy/work-order-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import type { CustomersService } from '../customers/customers.service';
import type { WorkOrderAccess } from './work-order-access';
import { searchWorkOrders } from './work-order-search';
import { toSummary } from './work-order-summary';
import * as repo from './work-orders.repository';

export interface WorkOrderListsDeps {
  db: Kysely<DB>;
  clock: Clock;
  customers: Pick<CustomersService, 'findPhoneNumbers'>;
  access: Pick<WorkOrderAccess, 'scopeOf'>;
}

/** What a work order was found by, in whole: its number, the customer's phone or name, the serial… */
export function matchOf(
  row: Pick<repo.WorkOrderRow, 'number' | 'customerPhone' | 'productSerialNumber' | 'customerName' | 'complaint'>,
  match: { field: WorkOrderMatch['field']; token: string },
  phones: readonly string[],
): WorkOrderMatch {
  const values: Record<WorkOrderMatch['field'], string> = {
    number: row.number,
    phone: phones.find((phone) => phone.replace(/\D/g, '').endsWith(match.token)) ?? row.customerPhone,
    serial: row.productSerialNumber ?? match.token,
    name: row.customerName,
    complaint: row.complaint,
  };
  return { field: match.field, value: values[match.field] };
}

/** The list's filters as the repository takes them; `none` is the work orders without one. */
function filterOf(query: ListWorkOrdersQuery): repo.WorkOrderFilter {
  const open = openWorkOrderStatuses as readonly string[];
  return {
    statuses: query.open ? (query.status ?? openWorkOrderStatuses).filter((s) => open.includes(s)) : query.status,
    branchId: query.branchId === 'none' ? null : query.branchId,
    technicianId: query.technicianId === 'none' ? null : query.technicianId,
    customerId: query.customerId,
    customerProductId: query.customerProductId,
    createdFrom: query.from === undefined ? undefined : toIso(new Date(query.from)),
    createdBefore: query.to === undefined ? undefined : toIso(new Date(query.to)),
  };
}

/** Work orders in lists: the caller's page, a search, the board's counts, another module's summaries. */
export function createWorkOrderLists({ db, clock, customers, access }: WorkOrderListsDeps) {
  async function search(
    scope: WorkOrderScope,
    filter: repo.WorkOrderFilter,
    query: ListWorkOrdersQuery & { q: string },
  ): Promise<{ items: WorkOrderListItem[]; nextCursor: string | null }> {
    const { matches, nextCursor } = await searchWorkOrders(
      db,
      scope,
      filter,
      query.q,
      decodeCursor(query.cursor),
      query.limit,
    );
    const found = await repo.findWorkOrdersByIds(
      db,
      matches.map((match) => match.entityId),
    );
    const rows = new Map(found.map((row) => [row.id, row]));
    const phones = await customers.findPhoneNumbers(found.map((row) => row.customerId));
    const now = clock.now();
    const items = matches.flatMap((match) => {
      const row = rows.get(match.entityId);
      const matchedBy = row && matchOf(row, match, phones.get(row.customerId) ?? []);
      return row && matchedBy ? [{ ...toSummary(row, now), matchedBy }] : [];
    });
    return { items, nextCursor };
  }

  return {
    async listWorkOrders(
      actor: Actor,
      query: ListWorkOrdersQuery,
    ): Promise<{ items: WorkOrderListItem[]; nextCursor: string | null }> {
      const scope = await access.scopeOf(actor);
      const filter = filterOf(query);
      if (query.q !== undefined) return search(scope, filter, { ...query, q: query.q });
      const cursor = decodeCursor(query.cursor);
      const rows = await repo.findWorkOrders(
        db,
        scope,
        { ...filter, beforeId: cursor === undefined ? undefined : String(cursor[0]) },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      const now = clock.now();
      return { items: page.items.map((row) => toSummary(row, now)), nextCursor: page.nextCursor };
    },

    /**
     * Summaries of these work orders in the order given. The caller has already scoped the
     * ids to what its caller may see (the reports do so in their own queries).
     */
    async summariesOf(ids: string[]): Promise<WorkOrderSummary[]> {
      const rows = new Map((await repo.findWorkOrdersByIds(db, ids)).map((row) => [row.id, row]));
      const now = clock.now();
      return ids.flatMap((id) => {
        const row = rows.get(id);
        return row ? [toSummary(row, now)] : [];
      });
    },

    async countByStatus(actor: Actor, branchId: string | undefined) {
      const rows = await repo.countByStatus(db, await access.scopeOf(actor), branchId === 'none' ? null : branchId);
      const counts = Object.fromEntries(workOrderStatuses.map((status) => [status, 0])) as Record<
        WorkOrderStatus,
        number
      >;
      for (const row of rows) counts[row.status] = Number(row.count);
      return { counts };
    },
  };
}
