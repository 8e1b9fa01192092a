import type { CustomerMergePreview, CustomerMergeResult, CustomerPhone, MergeCustomerBody } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { LocalizedText } from '../../platform/problem-language';
import { lineageCodes, lineageOf } from '../areas/areas.service';
import type { BranchesService } from '../branches/branches.service';
import { replaceTokens } from '../search/search-index';
import { customerFields } from '../search/search-tokens';
import { deletePhones, markMerged } from './customer-merge.repository';
import { mergePhones, primaryOf, toPhone } from './customer-phones';
import * as repo from './customers.repository';
import { type CustomersService, indexCustomer } from './customers.service';
import type { CustomerWorkOrders } from './ports';
import { insertOwnershipChanges, moveProducts } from './product-ownership.repository';

export interface CustomerMergeDeps {
  db: Kysely<DB>;
  clock: Clock;
  customers: Pick<CustomersService, 'getCustomer'>;
  branches: Pick<BranchesService, 'findBranchServing'>;
  workOrders: CustomerWorkOrders;
  onCommitted: () => void;
}

/** Where the duplicate was named: the merge's body, or the preview's query. */
type DuplicatePath = 'body.duplicateId' | 'query.duplicateId';

/** A refusal naming the duplicate's field: `message` for the field, the detail in both languages. */
const refusal = (code: 'validation_failed' | 'not_found', path: string, message: string, detail: LocalizedText) =>
  new AppError(code, detail, { errors: [{ path, message }] });

const phonesOf = async (db: Kysely<DB>, customerId: string): Promise<CustomerPhone[]> =>
  (await repo.findPhones(db, [customerId])).map(toPhone);

/**
 * Two customers found to be one person: the duplicate's units, work orders and numbers move
 * to the survivor in one transaction, each work order's history says so, and the duplicate
 * is kept, marked as merged, so that links to it find the survivor.
 */
export function createCustomerMergeService({
  db,
  clock,
  customers,
  branches,
  workOrders,
  onCommitted,
}: CustomerMergeDeps) {
  /** A supervisor merges the customers their branch serves, whose work orders are their branch's. */
  async function assertOwnBranch(actor: Actor, both: repo.CustomerRow[], orders: { branchId: string | null }[]) {
    for (const customer of both) {
      const branch = await branches.findBranchServing(lineageCodes(lineageOf(customer.areaCode)));
      if (branch === null || branch.id !== actor.branchId) {
        throw new AppError('forbidden', {
          en: `Another branch serves the district of ${customer.name}: an admin merges customers across branches`,
          id: `Distrik ${customer.name} dilayani cabang lain: penggabungan lintas cabang dilakukan admin`,
        });
      }
    }
    if (orders.some((order) => order.branchId !== actor.branchId)) {
      throw new AppError('forbidden', {
        en: 'The duplicate has work orders of another branch: an admin merges customers across branches',
        id: 'Pelanggan ganda punya order kerja cabang lain: penggabungan lintas cabang dilakukan admin',
      });
    }
  }

  /** The customer who stays: one merged already is not found, as their reads are. */
  async function findSurvivor(id: string) {
    const row = await repo.findCustomerById(db, id);
    if (!row) throw new AppError('not_found', 'Customer not found');
    if (row.mergedIntoId !== null) {
      throw new AppError('not_found', `Customer not found: merged into customer ${row.mergedIntoId}`, {
        mergedIntoId: row.mergedIntoId,
      });
    }
    return row;
  }

  async function findDuplicate(id: string, path: DuplicatePath) {
    const row = await repo.findCustomerById(db, id);
    if (!row) {
      throw refusal('not_found', path, 'is not a customer', {
        en: 'The duplicate customer was not found',
        id: 'Pelanggan ganda tidak ditemukan',
      });
    }
    if (row.mergedIntoId !== null) {
      throw new AppError(
        'conflict',
        {
          en: `${row.name} was already merged into another customer`,
          id: `${row.name} sudah digabung ke pelanggan lain`,
        },
        { errors: [{ path, message: 'is already merged' }], mergedIntoId: row.mergedIntoId },
      );
    }
    return row;
  }

  /**
   * Everything a merge reads and checks, before its transaction (whose writes then change
   * the two customers only if they are still at the versions read here).
   */
  async function planMerge(actor: Actor, survivorId: string, duplicateId: string, path: DuplicatePath) {
    if (survivorId === duplicateId) {
      throw refusal('validation_failed', path, 'is the customer it would be merged into', {
        en: 'A customer cannot be merged into themselves',
        id: 'Pelanggan tidak bisa digabung dengan dirinya sendiri',
      });
    }
    const survivor = await findSurvivor(survivorId);
    const duplicate = await findDuplicate(duplicateId, path);
    const [survivorPhones, duplicatePhones, survivorOrders, duplicateOrders] = await Promise.all([
      phonesOf(db, survivor.id),
      phonesOf(db, duplicate.id),
      workOrders.findOfCustomer(db, survivor.id),
      workOrders.findOfCustomer(db, duplicate.id),
    ]);
    if (actor.role === 'supervisor') await assertOwnBranch(actor, [survivor, duplicate], duplicateOrders);
    const phones = mergePhones(survivorPhones, duplicatePhones, path);
    return { survivor, duplicate, survivorPhones, phones, survivorOrders, duplicateOrders };
  }

  type MergePlan = Awaited<ReturnType<typeof planMerge>>;

  /** The two customers' rows, numbers and search tokens: the survivor has the numbers, the duplicate is marked. */
  async function mergeCustomerRows(trx: Kysely<DB>, actor: Actor, plan: MergePlan, at: string) {
    const { survivor, duplicate, phones } = plan;
    const kept = await repo.updateCustomer(trx, survivor.id, survivor.version, {
      phone: primaryOf(phones),
      email: survivor.email ?? duplicate.email,
      // Either record's "no more messages" was the person's own wish: it stays.
      messagesOptOut: Math.max(survivor.messagesOptOut, duplicate.messagesOptOut),
      updatedAt: at,
    });
    const merge = { mergedIntoId: survivor.id, mergedAt: at, mergedBy: actor.id };
    if (!kept || !(await markMerged(trx, duplicate.id, duplicate.version, merge))) {
      throw new AppError('version_conflict', 'One of the customers was changed meanwhile; look again, then merge');
    }
    await deletePhones(trx, duplicate.id);
    await repo.replacePhones(trx, survivor.id, phones);
    await indexCustomer(trx, survivor.id, { name: survivor.name, address: survivor.address, phones });
    await replaceTokens(trx, [duplicate.id], customerFields, []);
  }

  /** The duplicate's units and work orders go to the survivor, each change recorded; returns how many. */
  async function moveRecords(trx: Kysely<DB>, actor: Actor, plan: MergePlan, at: string) {
    const move = { fromCustomerId: plan.duplicate.id, toCustomerId: plan.survivor.id, actorId: actor.id, at };
    const productIds = await moveProducts(trx, move.fromCustomerId, move.toCustomerId);
    await insertOwnershipChanges(
      trx,
      productIds.map((customerProductId) => ({ ...move, id: newId(), customerProductId, kind: 'merge' as const })),
    );
    const note = `Customer merged from ${plan.duplicate.name} (${plan.duplicate.phone})`;
    const orderIds = await workOrders.moveToCustomer(trx, { ...move, note });
    for (const id of orderIds) await workOrders.recordUpdatedEvent(trx, id, at);
    return { products: productIds.length, workOrders: orderIds.length };
  }

  /** The writes of a merge, inside its transaction; returns how much moved. */
  async function applyMerge(trx: Kysely<DB>, actor: Actor, plan: MergePlan, at: string) {
    await mergeCustomerRows(trx, actor, plan, at);
    const moved = await moveRecords(trx, actor, plan, at);
    return { ...moved, phones: plan.phones.length - plan.survivorPhones.length };
  }

  return {
    /** What merging `duplicateId` into `survivorId` would do, refused as the merge itself would be. */
    async previewMerge(actor: Actor, survivorId: string, duplicateId: string): Promise<CustomerMergePreview> {
      const plan = await planMerge(actor, survivorId, duplicateId, 'query.duplicateId');
      const [survivor, duplicate] = await Promise.all([
        customers.getCustomer(plan.survivor.id),
        customers.getCustomer(plan.duplicate.id),
      ]);
      return {
        survivor: { customer: survivor, workOrderCount: plan.survivorOrders.length },
        duplicate: { customer: duplicate, workOrderCount: plan.duplicateOrders.length },
        phones: plan.phones,
      };
    },

    async mergeCustomers(actor: Actor, survivorId: string, body: MergeCustomerBody): Promise<CustomerMergeResult> {
      const plan = await planMerge(actor, survivorId, body.duplicateId, 'body.duplicateId');
      const at = toIso(clock.now());
      const moved = await db.transaction().execute((trx) => applyMerge(trx, actor, plan, at));
      if (moved.workOrders > 0) onCommitted();
      return { customer: await customers.getCustomer(survivorId), moved };
    },
  };
}

export type CustomerMergeService = ReturnType<typeof createCustomerMergeService>;
