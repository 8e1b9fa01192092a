import type {
  BranchPartLimits,
  ListStockLedgerQuery,
  ListStockQuery,
  PartLimitValues,
  PartLine,
  StockChangedEvent,
  StockItem,
  StockLedgerEntry,
  StockLocation,
  StockReason,
  StockReceiptBody,
  TechnicianPartLimits,
  WorkOrderPart,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, fieldError, notFound } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import type { Actor } from '../auth/auth.service';
import type { BranchesService } from '../branches/branches.service';
import type { UsersService } from '../users/users.service';
import * as partsRepo from './parts.repository';
import * as repo from './stock.repository';

export interface StockServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  users: Pick<UsersService, 'findActiveTechnician' | 'findActiveTechnicians'>;
  branches: Pick<BranchesService, 'listBranches' | 'findBranch'>;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
}

/** `quantity` units of a part from one location to another; null is outside the company. */
export interface Movement {
  part: { id: string; partNo: string };
  fromLocationId: string | null;
  toLocationId: string | null;
  quantity: number;
  unitPrice: number;
}

export interface MovementContext {
  reason: StockReason;
  actorId: string;
  at: string;
  workOrderId?: string | null;
  partRequestId?: string | null;
  partReturnId?: string | null;
  reference?: string | null;
  /** Who hears of the change: the branch's office and the technician whose bag it is. */
  audience: { branchId: string | null; technicianId: string | null };
}

export interface LimitedTechnician {
  id: string;
  branchId: string | null;
}

const levelKey = (locationId: string, partId: string) => `${locationId}/${partId}`;

function toLocation(row: repo.LocationRow): StockLocation {
  return {
    id: row.id,
    kind: row.kind,
    branchId: row.branchId,
    branchName: row.branchName,
    technicianId: row.technicianId,
    technicianName: row.technicianName,
  };
}

function scopeOf(actor: Actor): repo.StockScope {
  switch (actor.role) {
    case 'admin':
      return { kind: 'all' };
    case 'supervisor':
    case 'warehouse':
      return { kind: 'branch', branchId: actor.branchId };
    case 'technician':
      return { kind: 'technician', technicianId: actor.id, branchId: actor.branchId };
    case 'agent':
      return { kind: 'branch', branchId: null };
  }
}

/**
 * Stock: where parts are, every movement in the append-only ledger, carrying limits, and
 * parts used in repairs. Quantities on hand change only through `applyMovements`, which
 * writes the ledger rows and the event in the caller's transaction.
 */
export function createStockService({ db, clock, users, branches, onCommitted }: StockServiceDeps) {
  /**
   * Every stock change runs here. On MySQL, READ COMMITTED lets a read that follows a row
   * lock see what the previous lock holder committed (REPEATABLE READ would show the
   * snapshot of the first read) and takes no gap locks; SQLite has a single writer anyway.
   */
  const transaction = <T>(work: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.transaction().setIsolationLevel('read committed').execute(work);

  /**
   * Locations come into being the first time they are needed: a branch's warehouse and
   * defective bin, a technician's bag. Concurrent first uses are harmless (unique indexes).
   */
  async function ensureLocations(branchIds: string[], technicianIds: string[]) {
    const existing = await repo.findExistingOwners(db, branchIds, technicianIds);
    const at = toIso(clock.now());
    const missing = [
      ...branchIds.flatMap((branchId) =>
        (['warehouse', 'defective'] as const)
          .filter((kind) => !existing.branchKinds.has(`${branchId}/${kind}`))
          .map((kind) => ({ id: newId(), kind, branchId, technicianId: null, at })),
      ),
      ...technicianIds
        .filter((id) => !existing.technicianIds.has(id))
        .map((technicianId) => ({ id: newId(), kind: 'technician' as const, branchId: null, technicianId, at })),
    ];
    await repo.insertLocationsIfMissing(db, missing);
  }

  async function findOrCreateBag(technicianId: string): Promise<repo.LocationRow> {
    await ensureLocations([], [technicianId]);
    const bag = await repo.findBag(db, technicianId);
    if (!bag) throw new Error(`The bag of technician ${technicianId} could not be created`);
    return bag;
  }

  async function findOrCreateBranchLocation(branchId: string, kind: 'warehouse' | 'defective') {
    await ensureLocations([branchId], []);
    const location = await repo.findBranchLocation(db, branchId, kind);
    if (!location) throw new Error(`The ${kind} location of branch ${branchId} could not be created`);
    return location;
  }

  async function findVisibleLocation(actor: Actor, id: string): Promise<repo.LocationRow> {
    const location = await repo.findLocation(db, scopeOf(actor), id);
    if (!location) throw notFound('Stock location');
    return location;
  }

  /**
   * Refuses, as the transaction to come would, movements that take more than is on hand
   * now. Not binding (the transaction checks again under its locks), but it comes before
   * anything is written, so such a refusal leaves no empty level rows behind.
   */
  async function assertOnHand(movements: Movement[]) {
    const needed = new Map<string, { locationId: string; partId: string; partNo: string; quantity: number }>();
    for (const m of movements) {
      if (m.fromLocationId === null) continue;
      const key = levelKey(m.fromLocationId, m.part.id);
      const entry = needed.get(key) ?? {
        locationId: m.fromLocationId,
        partId: m.part.id,
        partNo: m.part.partNo,
        quantity: 0,
      };
      entry.quantity += m.quantity;
      needed.set(key, entry);
    }
    const onHand = new Map(
      (await repo.findLevelQuantities(db, [...needed.values()])).map((level) => [
        levelKey(level.locationId, level.partId),
        Number(level.quantity),
      ]),
    );
    for (const [key, { partNo, quantity }] of needed) {
      const available = onHand.get(key) ?? 0;
      if (available < quantity) {
        throw new AppError('insufficient_stock', `Not enough ${partNo}: ${quantity} needed, ${available} on hand`);
      }
    }
  }

  /**
   * Creates, outside the transaction to come, the level rows its movements will add to,
   * once the movements have passed the early check of what is on hand.
   */
  async function prepareMovements(movements: Movement[]) {
    await assertOnHand(movements);
    await repo.insertLevelsIfMissing(
      db,
      movements.flatMap((m) => (m.toLocationId === null ? [] : [{ locationId: m.toLocationId, partId: m.part.id }])),
    );
  }

  /**
   * Moves stock inside the caller's transaction: each location/part row changes once, in
   * one global order (so two transactions never wait on each other in a circle); a row
   * that would go below zero refuses and the whole transaction rolls back with 409
   * `insufficient_stock`. Writes one ledger row per movement and one `stock.changed`
   * event; returns the quantities on hand afterwards.
   */
  async function applyMovements(trx: Kysely<DB>, movements: Movement[], context: MovementContext) {
    const deltas = new Map<string, { locationId: string; partId: string; partNo: string; delta: number }>();
    const change = (locationId: string | null, part: Movement['part'], delta: number) => {
      if (locationId === null) return;
      const key = levelKey(locationId, part.id);
      const entry = deltas.get(key) ?? { locationId, partId: part.id, partNo: part.partNo, delta: 0 };
      entry.delta += delta;
      deltas.set(key, entry);
    };
    for (const m of movements) {
      change(m.fromLocationId, m.part, -m.quantity);
      change(m.toLocationId, m.part, m.quantity);
    }
    const ordered = [...deltas.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, entry]) => entry);
    /*
     * A bag's row before its levels, as an issue takes it (for the carrying limits): a use
     * or a return that changed a level first, then read-locked the bag's row for the
     * ledger's foreign key, would deadlock with an issue into the same bag.
     */
    const locationIds = [...new Set(ordered.map((entry) => entry.locationId))];
    for (const bagId of await repo.findBagIds(trx, locationIds)) await repo.lockLocation(trx, bagId);
    for (const { locationId, partId, partNo, delta } of ordered) {
      if (delta < 0 && !(await repo.decrementLevel(trx, locationId, partId, -delta))) {
        const [level] = await repo.findLevelQuantities(trx, [{ locationId, partId }]);
        throw new AppError(
          'insufficient_stock',
          `Not enough ${partNo}: ${-delta} needed, ${level?.quantity ?? 0} on hand`,
        );
      }
      if (delta > 0 && !(await repo.incrementLevel(trx, locationId, partId, delta))) {
        throw new Error(`No stock level row for ${partNo} at ${locationId}: prepareMovements was not called`);
      }
    }
    await repo.insertLedgerEntries(
      trx,
      movements.map((m) => ({
        id: newId(),
        partId: m.part.id,
        fromLocationId: m.fromLocationId,
        toLocationId: m.toLocationId,
        quantity: m.quantity,
        unitPrice: m.unitPrice,
        reason: context.reason,
        workOrderId: context.workOrderId ?? null,
        partRequestId: context.partRequestId ?? null,
        partReturnId: context.partReturnId ?? null,
        reference: context.reference ?? null,
        actorId: context.actorId,
        at: context.at,
      })),
    );
    const levels = await repo.findLevelQuantities(trx, ordered);
    const payload: StockChangedEvent = {
      reason: context.reason,
      workOrderId: context.workOrderId ?? null,
      partRequestId: context.partRequestId ?? null,
      partReturnId: context.partReturnId ?? null,
      levels: levels.map((level) => ({ ...level, quantity: Number(level.quantity) })),
      at: context.at,
    };
    await recordEvent(trx, 'stock.changed', context.audience, payload, context.at);
    return new Map(levels.map((level) => [levelKey(level.locationId, level.partId), Number(level.quantity)]));
  }

  /**
   * Each line with its catalog part, or a 400 naming each line whose part does not exist.
   * Reads through `conn`: inside a transaction, SQLite's one connection belongs to it.
   */
  async function findLineParts<L extends { partId: string }>(
    conn: Kysely<DB>,
    lines: readonly L[],
    path: string,
  ): Promise<(L & { part: partsRepo.PartRow })[]> {
    const rows = await partsRepo.findPartsByIds(
      conn,
      lines.map((l) => l.partId),
    );
    const byId = new Map(rows.map((row) => [row.id, row]));
    const errors: { path: string; message: string }[] = [];
    const found = lines.flatMap((line, index) => {
      const part = byId.get(line.partId);
      if (part) return [{ ...line, part }];
      errors.push({ path: `${path}.${index}.partId`, message: 'is not a part in the catalog' });
      return [];
    });
    if (errors.length > 0) throw new AppError('validation_failed', 'Unknown parts', { errors });
    return found;
  }

  async function limitsOf(conn: Kysely<DB>, technician: LimitedTechnician) {
    const own = await repo.findTechnicianLimit(conn, technician.id);
    if (own) return { maxItems: own.maxItems, maxValue: own.maxValue, source: 'technician' as const };
    const ofBranch = technician.branchId === null ? undefined : await repo.findBranchLimit(conn, technician.branchId);
    if (ofBranch) return { maxItems: ofBranch.maxItems, maxValue: ofBranch.maxValue, source: 'branch' as const };
    return { maxItems: null, maxValue: null, source: 'none' as const };
  }

  /** Throws 409 `part_limit_exceeded` when adding these to the bag's use would pass a limit. */
  async function checkLimits(
    conn: Kysely<DB>,
    technician: LimitedTechnician,
    bagId: string | null,
    additions: { quantity: number; price: number }[],
  ) {
    const limits = await limitsOf(conn, technician);
    if (limits.maxItems === null && limits.maxValue === null) return;
    const usage = bagId === null ? { items: 0, value: 0 } : await repo.findBagUsage(conn, bagId);
    const items = additions.reduce((sum, a) => sum + a.quantity, 0);
    const value = additions.reduce((sum, a) => sum + a.quantity * a.price, 0);
    if (limits.maxItems !== null && usage.items + items > limits.maxItems) {
      throw new AppError(
        'part_limit_exceeded',
        `The bag would hold ${usage.items + items} items; the technician may carry ${limits.maxItems}`,
      );
    }
    if (limits.maxValue !== null && usage.value + value > limits.maxValue) {
      throw new AppError(
        'part_limit_exceeded',
        `The bag would hold parts worth Rp ${usage.value + value}; the technician may carry Rp ${limits.maxValue}`,
      );
    }
  }

  async function findTechnician(actor: Actor, technicianId: string): Promise<LimitedTechnician> {
    const technician = await users.findActiveTechnician(technicianId);
    const visible =
      technician !== undefined &&
      (actor.role === 'admin' ||
        (actor.role === 'technician' ? actor.id === technician.id : actor.branchId === technician.branchId));
    if (!technician || !visible) throw notFound('Technician');
    return technician;
  }

  async function describeLimits(technician: LimitedTechnician): Promise<TechnicianPartLimits> {
    const [limits, bag] = await Promise.all([limitsOf(db, technician), repo.findBag(db, technician.id)]);
    const usage = bag ? await repo.findBagUsage(db, bag.id) : { items: 0, value: 0 };
    return { technicianId: technician.id, ...limits, currentItems: usage.items, currentValue: usage.value };
  }

  /** Branches are no secret (every user lists them), so another branch's limits are 403, not 404. */
  async function assertOwnBranch(actor: Actor, branchId: string) {
    if (!(await branches.findBranch(branchId))) throw notFound('Branch');
    if (actor.role !== 'admin' && actor.branchId !== branchId) {
      throw new AppError('forbidden', "The carrying limits of another branch are that branch's to see and set");
    }
  }

  return {
    transaction,
    prepareMovements,
    applyMovements,
    /** A technician's bag, or undefined if they never had one (an empty bag). */
    findBag: (technicianId: string) => repo.findBag(db, technicianId),
    findOrCreateBag,
    findOrCreateBranchLocation,
    findLineParts,
    checkLimits,

    /**
     * The binding limit check of an issue: takes the bag's lock first, so concurrent issues
     * into one bag are checked one after another against what the previous one left.
     */
    async assertWithinLimits(
      trx: Kysely<DB>,
      technician: LimitedTechnician,
      bagId: string,
      additions: { quantity: number; price: number }[],
    ) {
      await repo.lockLocation(trx, bagId);
      await checkLimits(trx, technician, bagId, additions);
    },

    async listLocations(actor: Actor): Promise<StockLocation[]> {
      const scope = scopeOf(actor);
      if (scope.kind === 'all') {
        const [allBranches, technicians] = await Promise.all([
          branches.listBranches(),
          users.findActiveTechnicians({}),
        ]);
        await ensureLocations(
          allBranches.map((b) => b.id),
          technicians.map((t) => t.id),
        );
      } else if (scope.kind === 'branch' && scope.branchId !== null) {
        const technicians = await users.findActiveTechnicians({ branchId: scope.branchId });
        await ensureLocations(
          [scope.branchId],
          technicians.map((t) => t.id),
        );
      } else if (scope.kind === 'technician') {
        await ensureLocations(scope.branchId === null ? [] : [scope.branchId], [scope.technicianId]);
      }
      return (await repo.findLocations(db, scope)).map(toLocation);
    },

    async listStock(actor: Actor, query: ListStockQuery) {
      const location = await findVisibleLocation(actor, query.locationId);
      const after = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findStock(
        db,
        location.id,
        {
          q: query.q === undefined ? undefined : { partNo: query.q.toUpperCase(), name: query.q },
          lowStock: query.lowStock,
          afterPartNo: after === undefined ? undefined : String(after),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.partNo]);
      return {
        items: page.items.map((row): StockItem => {
          const quantity = Number(row.quantity);
          return {
            locationId: location.id,
            part: { id: row.id, partNo: row.partNo, name: row.name, price: row.price, reorderLevel: row.reorderLevel },
            quantity,
            isLow: row.reorderLevel > 0 && quantity <= row.reorderLevel,
          };
        }),
        nextCursor: page.nextCursor,
      };
    },

    /** Goods from a supplier into a warehouse of the caller's branch. */
    async receive(actor: Actor, body: StockReceiptBody) {
      const location = await findVisibleLocation(actor, body.locationId);
      if (location.kind !== 'warehouse') throw fieldError('body.locationId', 'is not a warehouse');
      const lines = await findLineParts(db, body.lines, 'body.lines');
      const movements = lines.map(
        ({ part, quantity }): Movement => ({
          part,
          fromLocationId: null,
          toLocationId: location.id,
          quantity,
          unitPrice: part.price,
        }),
      );
      await prepareMovements(movements);
      const at = toIso(clock.now());
      const levels = await transaction((trx) =>
        applyMovements(trx, movements, {
          reason: 'receipt',
          actorId: actor.id,
          at,
          reference: body.reference,
          audience: { branchId: location.branchId, technicianId: null },
        }),
      );
      onCommitted();
      return {
        locationId: location.id,
        reference: body.reference,
        lines: lines.map(({ part, quantity }) => ({
          part: { id: part.id, partNo: part.partNo, name: part.name, price: part.price },
          quantity,
          onHand: levels.get(levelKey(location.id, part.id)) ?? 0,
        })),
        at,
      };
    },

    /** Movements the caller may see, newest first. */
    async listLedger(actor: Actor, query: ListStockLedgerQuery) {
      const scope = scopeOf(actor);
      if (query.locationId !== undefined) await findVisibleLocation(actor, query.locationId);
      const visibleLocationIds =
        scope.kind === 'all' || query.locationId !== undefined
          ? undefined
          : (await repo.findLocations(db, scope)).map((location) => location.id);
      const before = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findLedger(
        db,
        {
          locationId: query.locationId,
          visibleLocationIds,
          partId: query.partId,
          workOrderId: query.workOrderId,
          beforeId: before === undefined ? undefined : String(before),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      return {
        items: page.items.map(
          (row): StockLedgerEntry => ({
            id: row.id,
            part: { id: row.partId, partNo: row.partNo, name: row.partName },
            fromLocationId: row.fromLocationId,
            toLocationId: row.toLocationId,
            quantity: row.quantity,
            unitPrice: row.unitPrice,
            reason: row.reason,
            workOrderId: row.workOrderId,
            partRequestId: row.partRequestId,
            partReturnId: row.partReturnId,
            reference: row.reference,
            actor: { id: row.actorId, name: row.actorName },
            at: row.at,
          }),
        ),
        nextCursor: page.nextCursor,
      };
    },

    /** The technician's own bag and what is in it. */
    async getBag(actor: Actor) {
      const bag = await findOrCreateBag(actor.id);
      const items = (await repo.findBagItems(db, bag.id)).map((row) => ({
        part: {
          id: row.id,
          partNo: row.partNo,
          name: row.name,
          price: row.price,
          returnable: row.returnable === 1,
          mustReturnDefective: row.mustReturnDefective === 1,
        },
        quantity: row.quantity,
        value: row.quantity * row.price,
      }));
      return {
        location: toLocation(bag),
        items,
        totalItems: items.reduce((sum, item) => sum + item.quantity, 0),
        totalValue: items.reduce((sum, item) => sum + item.value, 0),
      };
    },

    /** Units of each part in a technician's bag now. */
    async findBagQuantities(technicianId: string): Promise<Map<string, number>> {
      const bag = await repo.findBag(db, technicianId);
      if (!bag) return new Map();
      return new Map((await repo.findBagItems(db, bag.id)).map((row) => [row.id, row.quantity]));
    },

    getTechnicianLimits: async (actor: Actor, technicianId: string) =>
      describeLimits(await findTechnician(actor, technicianId)),

    /** A technician's own limits, or null to fall back to their branch's default. */
    async setTechnicianLimits(actor: Actor, technicianId: string, values: PartLimitValues | null) {
      const technician = await findTechnician(actor, technicianId);
      await repo.replaceTechnicianLimit(
        db,
        technician.id,
        values === null ? null : { ...values, updatedBy: actor.id, updatedAt: toIso(clock.now()) },
      );
      return describeLimits(technician);
    },

    async getBranchLimits(actor: Actor, branchId: string): Promise<BranchPartLimits> {
      await assertOwnBranch(actor, branchId);
      const row = await repo.findBranchLimit(db, branchId);
      return { branchId, maxItems: row?.maxItems ?? null, maxValue: row?.maxValue ?? null };
    },

    async setBranchLimits(actor: Actor, branchId: string, values: PartLimitValues): Promise<BranchPartLimits> {
      await assertOwnBranch(actor, branchId);
      await repo.replaceBranchLimit(db, branchId, { ...values, updatedBy: actor.id, updatedAt: toIso(clock.now()) });
      return { branchId, ...values };
    },

    /**
     * Takes the parts a repair used out of the technician's bag, inside the transaction
     * that completes the work order: both happen, or neither.
     */
    async useOnWorkOrder(
      trx: Kysely<DB>,
      use: { workOrderId: string; technicianId: string; lines: PartLine[]; at: string },
    ) {
      const lines = await findLineParts(trx, use.lines, 'body.partsUsed');
      const bag = await repo.findBag(trx, use.technicianId);
      if (!bag) throw new AppError('insufficient_stock', 'The technician has no parts in their bag');
      const movements = lines.map(
        ({ part, quantity }): Movement => ({
          part,
          fromLocationId: bag.id,
          toLocationId: null,
          quantity,
          unitPrice: part.price,
        }),
      );
      await applyMovements(trx, movements, {
        reason: 'use',
        actorId: use.technicianId,
        at: use.at,
        workOrderId: use.workOrderId,
        audience: { branchId: bag.branchId, technicianId: use.technicianId },
      });
      await repo.insertWorkOrderParts(
        trx,
        movements.map((m) => ({
          id: newId(),
          workOrderId: use.workOrderId,
          partId: m.part.id,
          locationId: bag.id,
          technicianId: use.technicianId,
          quantity: m.quantity,
          unitPrice: m.unitPrice,
          usedAt: use.at,
          reversedAt: null,
        })),
      );
    },

    /**
     * Puts the parts a repair used back in the bag they came from, with reversing ledger
     * entries, inside the transaction that cancels or reopens the work order.
     */
    async reverseWorkOrderUse(trx: Kysely<DB>, reversal: { workOrderId: string; actorId: string; at: string }) {
      const used = await repo.findActiveWorkOrderParts(trx, reversal.workOrderId);
      if (used.length === 0) return;
      await repo.markWorkOrderPartsReversed(
        trx,
        used.map((row) => row.id),
        reversal.at,
      );
      const bags = new Map<string, typeof used>();
      for (const row of used) bags.set(row.locationId, [...(bags.get(row.locationId) ?? []), row]);
      for (const [locationId, rows] of bags) {
        const bag = await repo.findLocation(trx, { kind: 'all' }, locationId);
        await applyMovements(
          trx,
          rows.map((row) => ({
            part: { id: row.partId, partNo: row.partNo },
            fromLocationId: null,
            toLocationId: locationId,
            quantity: row.quantity,
            unitPrice: row.unitPrice,
          })),
          {
            reason: 'use_reversal',
            actorId: reversal.actorId,
            at: reversal.at,
            workOrderId: reversal.workOrderId,
            audience: { branchId: bag?.branchId ?? null, technicianId: bag?.technicianId ?? null },
          },
        );
      }
    },

    /** The parts a repair uses now, for the work-order detail. */
    /** Reads through `conn` when given: inside a transaction, SQLite's one connection belongs to it. */
    async findPartsUsed(workOrderId: string, conn: Kysely<DB> = db): Promise<WorkOrderPart[]> {
      return (await repo.findActiveWorkOrderParts(conn, workOrderId)).map((row) => ({
        partId: row.partId,
        partNo: row.partNo,
        name: row.name,
        quantity: row.quantity,
        unitPrice: row.unitPrice,
      }));
    },
  };
}

export type StockService = ReturnType<typeof createStockService>;
