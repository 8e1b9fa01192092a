import type { BranchPartLimits, PartLimitValues, TechnicianPartLimits } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import type { LocalizedText } from '../../platform/problem-language';
import type { BranchesService } from '../branches/branches.service';
import type { UsersService } from '../users/users.service';
import * as repo from './stock.repository';

export interface LimitedTechnician {
  id: string;
  branchId: string | null;
}

/** What an issue would add to a bag: units and their price each. */
export type Additions = { quantity: number; price: number }[];

export interface PartLimitsDeps {
  db: Kysely<DB>;
  clock: Clock;
  users: Pick<UsersService, 'findActiveTechnician'>;
  branches: Pick<BranchesService, 'findBranch'>;
}

/** The refusal, if any, of a bag holding `usage` plus `additions` under these limits. */
export function limitBreach(
  limits: { maxItems: number | null; maxValue: number | null },
  usage: { items: number; value: number },
  additions: Additions,
): LocalizedText | null {
  const items = usage.items + additions.reduce((sum, a) => sum + a.quantity, 0);
  const value = usage.value + additions.reduce((sum, a) => sum + a.quantity * a.price, 0);
  if (limits.maxItems !== null && items > limits.maxItems) {
    return {
      en: `The bag would hold ${items} items; the technician may carry ${limits.maxItems}`,
      id: `Tas akan berisi ${items} barang; teknisi boleh membawa ${limits.maxItems}`,
    };
  }
  if (limits.maxValue !== null && value > limits.maxValue) {
    return {
      en: `The bag would hold parts worth Rp ${value}; the technician may carry Rp ${limits.maxValue}`,
      id: `Tas akan berisi suku cadang senilai Rp ${value}; teknisi boleh membawa Rp ${limits.maxValue}`,
    };
  }
  return null;
}

/** Carrying limits: a technician's own, else their branch's default, else none. */
export function createPartLimits({ db, clock, users, branches }: PartLimitsDeps) {
  async function limitsOf(conn: Kysely<DB>, technician: LimitedTechnician) {
    const own = await repo.findTechnicianLimit(conn, technician.id);
    if (own) return { maxItems: own.maxItems, maxValue: own.maxValue, source: 'technician' as const };
    const ofBranch = technician.branchId === null ? undefined : await repo.findBranchLimit(conn, technician.branchId);
    if (ofBranch) return { maxItems: ofBranch.maxItems, maxValue: ofBranch.maxValue, source: 'branch' as const };
    return { maxItems: null, maxValue: null, source: 'none' as const };
  }

  /** What adding these to the bag's use would break, in each language; null within the limits. */
  async function breachOf(conn: Kysely<DB>, technician: LimitedTechnician, bagId: string | null, additions: Additions) {
    const limits = await limitsOf(conn, technician);
    if (limits.maxItems === null && limits.maxValue === null) return null;
    const usage = bagId === null ? { items: 0, value: 0 } : await repo.findBagUsage(conn, bagId);
    return limitBreach(limits, usage, additions);
  }

  /** Throws 409 `part_limit_exceeded` when adding these to the bag's use would pass a limit. */
  async function checkLimits(
    conn: Kysely<DB>,
    technician: LimitedTechnician,
    bagId: string | null,
    additions: Additions,
  ) {
    const breach = await breachOf(conn, technician, bagId, additions);
    if (breach !== null) throw new AppError('part_limit_exceeded', breach.en);
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

  const stamp = (actor: Actor) => ({ updatedBy: actor.id, updatedAt: toIso(clock.now()) });

  return {
    checkLimits,

    /**
     * The binding limit check of an issue: takes the bag's lock first, so concurrent issues
     * into one bag are checked one after another against what the previous one left.
     */
    async assertWithinLimits(trx: Kysely<DB>, technician: LimitedTechnician, bagId: string, additions: Additions) {
      await repo.lockLocation(trx, bagId);
      await checkLimits(trx, technician, bagId, additions);
    },

    /** The same check as `assertWithinLimits`, under the same lock, saying the breach instead of throwing it. */
    async findLimitBreach(trx: Kysely<DB>, technician: LimitedTechnician, bagId: string, additions: Additions) {
      await repo.lockLocation(trx, bagId);
      return breachOf(trx, technician, bagId, additions);
    },

    getTechnicianLimits: async (actor: Actor, technicianId: string) =>
      describeLimits(await findTechnician(actor, technicianId)),

    /** A technician's own limits, or null to fall back to their branch's default. */
    async setTechnicianLimits(actor: Actor, technicianId: string, values: PartLimitValues | null) {
      const technician = await findTechnician(actor, technicianId);
      await repo.replaceTechnicianLimit(db, technician.id, values === null ? null : { ...values, ...stamp(actor) });
      return describeLimits(technician);
    },

    async getBranchLimits(actor: Actor, branchId: string): Promise<BranchPartLimits> {
      await assertOwnBranch(actor, branchId);
      const row = await repo.findBranchLimit(db, branchId);
      return { branchId, maxItems: row?.maxItems ?? null, maxValue: row?.maxValue ?? null };
    },

    async setBranchLimits(actor: Actor, branchId: string, values: PartLimitValues): Promise<BranchPartLimits> {
      await assertOwnBranch(actor, branchId);
      await repo.replaceBranchLimit(db, branchId, { ...values, ...stamp(actor) });
      return { branchId, ...values };
    },
  };
}
