import { type AssignmentCandidate, type TechnicianLoad, zonedInstant } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import type { Actor } from '../../platform/actor';
import { addSeconds, type Clock, localDate, toIso } from '../../platform/clock';
import { lineageCodes } from '../areas/areas.service';
import type { BranchesService } from '../branches/branches.service';
import type { UsersService } from '../users/users.service';
import * as load from './technician-load.repository';
import type { WorkOrderAccess } from './work-order-access';

export interface DispatchDeps {
  db: Kysely<DB>;
  clock: Clock;
  branches: Pick<BranchesService, 'findBranch'>;
  users: Pick<UsersService, 'findTechniciansCovering' | 'findAreaCodesOfUsers' | 'findActiveTechnicians'>;
  access: Pick<WorkOrderAccess, 'findVisible'>;
}

type LoadRow = Awaited<ReturnType<typeof load.findTechnicianLoads>>[number];

/** Covering technicians first, then the least loaded, then by name. */
export const byCandidacy = (a: AssignmentCandidate, b: AssignmentCandidate) =>
  Number(b.covers) - Number(a.covers) || a.openWorkOrders - b.openWorkOrders || a.name.localeCompare(b.name);

/** The least loaded first, then by name. */
export const byLoad = (a: TechnicianLoad, b: TechnicianLoad) =>
  a.openWorkOrders - b.openWorkOrders || a.name.localeCompare(b.name);

/** Who auto-assignment picks: the fewest open work orders; ties go to the one idle longest, then by id. */
export function leastLoaded(candidateIds: readonly string[], loads: readonly LoadRow[]): string | null {
  const byId = new Map(loads.map((row) => [row.technicianId, row]));
  const ranked = candidateIds
    .map((id) => ({ id, open: byId.get(id)?.openWorkOrders ?? 0, lastActivityAt: byId.get(id)?.lastActivityAt ?? '' }))
    .sort((a, b) => a.open - b.open || a.lastActivityAt.localeCompare(b.lastActivityAt) || a.id.localeCompare(b.id));
  return ranked[0]?.id ?? null;
}

/** Open work orders per technician; a technician without a load row has none. */
async function openCounts(db: Kysely<DB>, technicianIds: string[]) {
  const loads = await load.findTechnicianLoads(db, technicianIds);
  return new Map(loads.map((row) => [row.technicianId, row.openWorkOrders]));
}

export function createDispatch({ db, clock, branches, users, access }: DispatchDeps) {
  return {
    /**
     * The technician a branch that auto-assigns gives a new work order: the least loaded of
     * its technicians who cover the district. Null when the branch assigns by hand.
     */
    async pickAutoAssignee(
      branch: { autoAssign: boolean } | null,
      branchTechnicians: readonly { id: string }[],
    ): Promise<string | null> {
      if (!branch?.autoAssign || branchTechnicians.length === 0) return null;
      const ids = branchTechnicians.map((t) => t.id);
      return leastLoaded(ids, await load.findTechnicianLoads(db, ids));
    },

    /**
     * Technicians to assign a work order to: those of its branch and those whose areas
     * cover it, with their open load; covering ones first, then the least loaded.
     */
    async listCandidates(actor: Actor, id: string): Promise<AssignmentCandidate[]> {
      const row = await access.findVisible(actor, id);
      const [covering, ofBranch] = await Promise.all([
        users.findTechniciansCovering(lineageCodes(row)),
        row.branchId === null ? Promise.resolve([]) : users.findActiveTechnicians({ branchId: row.branchId }),
      ]);
      const coveringIds = new Set(covering.map((t) => t.id));
      const all = new Map([...ofBranch, ...covering].map((t) => [t.id, t]));
      const visible = [...all.values()].filter((t) => actor.role !== 'supervisor' || t.branchId === actor.branchId);
      const open = await openCounts(
        db,
        visible.map((t) => t.id),
      );
      return visible
        .map((t) => ({
          id: t.id,
          name: t.name,
          branchId: t.branchId,
          covers: coveringIds.has(t.id),
          openWorkOrders: open.get(t.id) ?? 0,
        }))
        .sort(byCandidacy);
    },

    /** A branch's active technicians with open work orders and today's appointments. */
    async listTechnicianLoads(actor: Actor, branchId: string): Promise<TechnicianLoad[]> {
      const branch = await branches.findBranch(branchId);
      if (!branch) throw notFound('Branch');
      // Branches are no secret (every user lists them): another branch's loads are 403.
      if (actor.role === 'supervisor' && actor.branchId !== branchId) {
        throw new AppError('forbidden', 'A supervisor sees the technicians of their own branch only');
      }
      const technicians = await users.findActiveTechnicians({ branchId });
      const ids = technicians.map((t) => t.id);
      const start = new Date(zonedInstant(localDate(clock.now(), branch.timeZone), branch.timeZone));
      const [open, appointments, areaCodes] = await Promise.all([
        openCounts(db, ids),
        load.countAppointments(db, ids, toIso(start), toIso(addSeconds(start, 86400))),
        users.findAreaCodesOfUsers(ids),
      ]);
      const booked = new Map(appointments.map((a) => [a.technicianId, Number(a.count)]));
      return technicians
        .map((t) => ({
          id: t.id,
          name: t.name,
          areaCodes: areaCodes.get(t.id) ?? [],
          openWorkOrders: open.get(t.id) ?? 0,
          appointmentsToday: booked.get(t.id) ?? 0,
        }))
        .sort(byLoad);
    },
  };
}
