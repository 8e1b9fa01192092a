import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { notFound } from '../../errors';
import { type WorkOrderScope, workOrderScopeOf } from '../../platform/access-policy/work-order-policy';
import type { Actor } from '../../platform/actor';
import type { AreasService } from '../areas/areas.service';
import type { UsersService } from '../users/users.service';
import * as repo from './work-orders.repository';

export interface WorkOrderAccessDeps {
  db: Kysely<DB>;
  areas: Pick<AreasService, 'expandToDistricts'>;
  users: Pick<UsersService, 'findAreaCodes'>;
}

/**
 * Which work orders a caller may see (the access policy's rule, fed with a technician's
 * districts), and one of them found under that rule or a 404.
 */
export function createWorkOrderAccess({ db, areas, users }: WorkOrderAccessDeps) {
  const scopeOf = (actor: Actor): Promise<WorkOrderScope> =>
    workOrderScopeOf(actor, async (technicianId) => areas.expandToDistricts(await users.findAreaCodes(technicianId)));

  async function findVisible(actor: Actor, id: string, scope?: WorkOrderScope): Promise<repo.WorkOrderRow> {
    const row = await repo.findWorkOrder(db, scope ?? (await scopeOf(actor)), id);
    if (!row) throw notFound('Work order');
    return row;
  }

  return { scopeOf, findVisible };
}

export type WorkOrderAccess = ReturnType<typeof createWorkOrderAccess>;
