import type { TransitionActor } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { notFound } from '../../errors';
import type { AreasService } from '../areas/areas.service';
import type { Actor } from '../auth/auth.service';
import type { UsersService } from '../users/users.service';
import * as repo from './work-orders.repository';

export interface WorkOrderAccessDeps {
  db: Kysely<DB>;
  areas: Pick<AreasService, 'expandToDistricts'>;
  users: Pick<UsersService, 'findAreaCodes'>;
}

/** How the status machine sees the caller on this work order: by role, assignment and areas. */
export function transitionActor(actor: Actor, row: repo.WorkOrderRow, scope: repo.WorkOrderScope): TransitionActor {
  return {
    role: actor.role,
    isAssignedTechnician: row.technicianId !== null && row.technicianId === actor.id,
    isCoveringTechnician: scope.kind === 'technician' && scope.districtCodes.includes(row.districtCode),
  };
}

/** Which work orders a caller may see, and one of them found under that rule or a 404. */
export function createWorkOrderAccess({ db, areas, users }: WorkOrderAccessDeps) {
  async function scopeOf(actor: Actor): Promise<repo.WorkOrderScope> {
    switch (actor.role) {
      case 'admin':
      case 'agent':
        return { kind: 'all' };
      case 'supervisor':
      case 'warehouse':
        return { kind: 'branch', branchId: actor.branchId };
      case 'technician':
        return {
          kind: 'technician',
          technicianId: actor.id,
          districtCodes: await areas.expandToDistricts(await users.findAreaCodes(actor.id)),
        };
    }
  }

  async function findVisible(actor: Actor, id: string, scope?: repo.WorkOrderScope): Promise<repo.WorkOrderRow> {
    const row = await repo.findWorkOrder(db, scope ?? (await scopeOf(actor)), id);
    if (!row) throw notFound('Work order');
    return row;
  }

  return { scopeOf, findVisible };
}

export type WorkOrderAccess = ReturnType<typeof createWorkOrderAccess>;
