import {
  type CreateWorkOrderBody,
  headOfficeTimeZone,
  type UpdateWorkOrderBody,
  type WarrantyStatus,
  type WorkOrderStatus,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { WorkOrderTable } from '../../db/schema/work-order';
import { ensureSequence, nextSequenceValue } from '../../db/sequence';
import { AppError, fieldError } from '../../errors';
import type { Actor } from '../../platform/actor';
import { type Clock, localDate, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import { lineageCodes, lineageOf } from '../areas/areas.service';
import type { BranchesService } from '../branches/branches.service';
import type { CustomersService } from '../customers/customers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import { indexRecord } from '../search/search-index';
import { workOrderFields, workOrderTokens } from '../search/search-tokens';
import type { UsersService } from '../users/users.service';
import type { createDispatch } from './dispatch';
import type { CustomerContactPort } from './ports';
import { countRepeatMove, findRepeatedRepair } from './repeat-repairs';
import { type SlaHours, slaDueAt, slaOnPriorityChange } from './sla';
import * as load from './technician-load.repository';
import type { WorkOrderAccess } from './work-order-access';
import type { createWorkOrderDetail } from './work-order-detail';
import { notifyAssignment, recordWorkOrderEvent } from './work-order-events';
import { messageFactsOf } from './work-order-summary';
import { checkExpectedVersion, updateAtVersion } from './work-order-version';
import * as repo from './work-orders.repository';

export interface IntakeDeps {
  db: Kysely<DB>;
  clock: Clock;
  slaHours: SlaHours;
  /** Days after a unit's repair within which another work order on it is a repeat. */
  repeatRepairDays: number;
  branches: Pick<BranchesService, 'findBranchServing'>;
  customers: Pick<CustomersService, 'findCustomerRow' | 'findProducts'>;
  users: Pick<UsersService, 'findTechniciansCovering'>;
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  contact: Pick<CustomerContactPort, 'issueLink' | 'notifyCustomer'>;
  dispatch: Pick<ReturnType<typeof createDispatch>, 'pickAutoAssignee'>;
  detail: Pick<ReturnType<typeof createWorkOrderDetail>, 'getWorkOrder' | 'toDetail'>;
  access: WorkOrderAccess;
  onCommitted: () => void;
}

/** What a work order just taken in has not had yet: an appointment, a repair, a report. */
export const notStarted = {
  appointmentStart: null,
  appointmentEnd: null,
  holdReason: null,
  diagnosis: null,
  actionTaken: null,
  result: null,
  signatureFile: null,
  completedAt: null,
  repairSeconds: 0,
  inProgressSince: null,
} as const satisfies Partial<WorkOrderTable>;

export function warrantyStatusOn(today: string, warrantyUntil: string | null | undefined): WarrantyStatus {
  if (!warrantyUntil) return 'unknown';
  return warrantyUntil >= today ? 'in_warranty' : 'out_of_warranty';
}

/** Intake by the call center and the office's later edits of what it recorded. */
export function createIntake(deps: IntakeDeps) {
  const { db, clock, slaHours, branches, customers, users, notifications, contact, dispatch, detail, access } = deps;
  const { onCommitted, repeatRepairDays } = deps;
  const repeatedRepairOf = (trx: Kysely<DB>, productId: string | null, takenInAt: string, id: string) =>
    findRepeatedRepair(trx, productId, takenInAt, repeatRepairDays, id);

  async function findCustomer(customerId: string) {
    return customers.findCustomerRow(customerId).catch((error: unknown) => {
      // Only an unknown customer is the caller's mistake. A database error is not: as a
      // 400 the client would give the intake up (and its key would keep the refusal).
      if (error instanceof AppError && error.code === 'not_found') {
        throw fieldError('body.customerId', 'is not a customer');
      }
      throw error;
    });
  }

  /** The customer's product by id (none for null), or a 400 when it is someone else's. */
  async function findOwnProduct(customerId: string, productId: string | null) {
    if (productId === null) return undefined;
    const [product] = await customers.findProducts([productId]);
    if (!product || product.customerId !== customerId) {
      throw fieldError('body.customerProductId', "is not one of this customer's products");
    }
    return product;
  }

  /** The branch serving the customer's district and the technicians covering it; auto-assigned if the branch asks. */
  async function routeOf(actor: Actor, customerId: string, areaCode: string, productId: string | null) {
    const lineage = lineageOf(areaCode);
    const codes = lineageCodes(lineage);
    const [branch, covering, possibleDuplicates] = await Promise.all([
      branches.findBranchServing(codes),
      users.findTechniciansCovering(codes),
      repo.findOpenDuplicates(db, customerId, productId),
    ]);
    // A supervisor sees their branch's work orders only: one routed elsewhere would be
    // written and then be a 404 to the one who wrote it.
    if (actor.role === 'supervisor' && (branch === null || branch.id !== actor.branchId)) {
      throw new AppError('forbidden', "Another branch serves the customer's district; it takes the work order", {
        errors: [{ path: 'body.customerId', message: 'lives where another branch serves' }],
      });
    }
    const branchTechnicians = covering.filter((t) => branch === null || t.branchId === branch.id);
    const autoAssignee = await dispatch.pickAutoAssignee(branch, branchTechnicians);
    return { lineage, branch, branchTechnicians, autoAssignee, possibleDuplicates };
  }

  /** The intake's history: created, and auto-assigned when it was. */
  async function recordIntakeHistory(
    trx: Kysely<DB>,
    id: string,
    actor: Actor,
    route: Awaited<ReturnType<typeof routeOf>>,
    at: string,
  ) {
    const note = route.branch === null ? 'No branch serves this district' : null;
    const entry = { workOrderId: id, at };
    await repo.insertHistory(trx, {
      ...entry,
      id: newId(),
      actorId: actor.id,
      action: 'create',
      fromStatus: null,
      toStatus: 'new',
      note,
    });
    if (route.autoAssignee === null) return;
    await repo.insertHistory(trx, {
      ...entry,
      id: newId(),
      actorId: null,
      action: 'assign',
      fromStatus: 'new',
      toStatus: 'assigned',
      note: 'Auto-assigned: least open work orders among covering technicians',
    });
  }

  /** The fields an edit really changes, and their names for the history. */
  async function editsOf(row: repo.WorkOrderRow, body: UpdateWorkOrderBody) {
    let patch: Updateable<WorkOrderTable> = {};
    const changed: string[] = [];
    if (body.complaint !== undefined && body.complaint !== row.complaint) {
      patch.complaint = body.complaint;
      changed.push('complaint');
    }
    if (body.serviceType !== undefined && body.serviceType !== row.serviceType) {
      patch.serviceType = body.serviceType;
      changed.push('serviceType');
    }
    if (body.priority !== undefined && body.priority !== row.priority) {
      patch = { ...patch, priority: body.priority, ...slaOnPriorityChange(slaHours, row, body.priority, clock.now()) };
      changed.push('priority');
    }
    if (body.customerProductId !== undefined && body.customerProductId !== row.customerProductId) {
      const product = await findOwnProduct(row.customerId, body.customerProductId);
      patch.customerProductId = body.customerProductId;
      patch.warrantyStatus = warrantyStatusOn(
        localDate(new Date(row.createdAt), headOfficeTimeZone),
        product?.warrantyUntil,
      );
      changed.push('product');
    }
    return { patch, changed };
  }

  return {
    async createWorkOrder(actor: Actor, body: CreateWorkOrderBody) {
      const customer = await findCustomer(body.customerId);
      const productId = body.customerProductId ?? null;
      const product = await findOwnProduct(customer.id, productId);
      const route = await routeOf(actor, customer.id, customer.areaCode, productId);
      const { branch, autoAssignee } = route;
      const now = clock.now();
      const today = localDate(now, branch?.timeZone ?? headOfficeTimeZone);
      const series = `WO-${today.slice(2, 4)}${today.slice(5, 7)}`;
      const status: WorkOrderStatus = autoAssignee === null ? 'new' : 'assigned';

      const id = newId();
      const at = toIso(now);
      await ensureSequence(db, series);
      await db.transaction().execute(async (trx) => {
        const sequence = await nextSequenceValue(trx, series);
        const number = `${series}-${String(sequence).padStart(6, '0')}`;
        const repeatOfId = await repeatedRepairOf(trx, productId, at, id);
        await repo.insertWorkOrder(trx, {
          id,
          number,
          customerId: customer.id,
          customerProductId: productId,
          branchId: branch?.id ?? null,
          technicianId: autoAssignee,
          ...route.lineage,
          status,
          priority: body.priority,
          serviceType: body.serviceType,
          complaint: body.complaint,
          warrantyStatus: warrantyStatusOn(today, product?.warrantyUntil ?? null),
          slaDueAt: toIso(slaDueAt(slaHours, body.priority, now)),
          ...notStarted,
          repeatOfId,
          createdBy: actor.id,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
        await countRepeatMove(trx, null, repeatOfId);
        await load.recordLoadChange(trx, null, { technicianId: autoAssignee, status }, at);
        await indexRecord(trx, id, workOrderFields, workOrderTokens({ number, complaint: body.complaint }));
        await recordIntakeHistory(trx, id, actor, route, at);
        await contact.issueLink(trx, id, at);
        const created = await recordWorkOrderEvent(trx, 'work_order.created', id, null, at);
        await contact.notifyCustomer(trx, 'tracking_link', messageFactsOf(created), at);
        if (autoAssignee !== null) {
          await notifyAssignment(notifications, trx, created, at);
          await contact.notifyCustomer(trx, 'technician_assigned', messageFactsOf(created), at);
        }
      });
      onCommitted();
      return {
        ...(await detail.getWorkOrder(actor, id)),
        routing: {
          branchId: branch?.id ?? null,
          coveringTechnicianIds: route.branchTechnicians.map((t) => t.id),
          autoAssignedTechnicianId: autoAssignee,
        },
        possibleDuplicates: route.possibleDuplicates,
      };
    },

    /** Office edits of the intake data; each is a history entry naming the fields changed. */
    async updateWorkOrder(actor: Actor, id: string, body: UpdateWorkOrderBody, ifMatch: number | undefined) {
      const scope = await access.scopeOf(actor);
      const row = await access.findVisible(actor, id, scope);
      checkExpectedVersion(row, ifMatch, body.version);
      if (row.status === 'closed' || row.status === 'cancelled') {
        throw new AppError('invalid_transition', `A ${row.status} work order can no longer be edited`);
      }
      const { patch, changed } = await editsOf(row, body);
      if (changed.length === 0) return detail.toDetail(actor, row, scope);
      const at = toIso(clock.now());
      await db.transaction().execute(async (trx) => {
        const repeatOfId =
          patch.customerProductId === undefined
            ? row.repeatOfId
            : await repeatedRepairOf(trx, patch.customerProductId ?? null, row.createdAt, id);
        await updateAtVersion(trx, row, { ...patch, repeatOfId, updatedAt: at });
        await countRepeatMove(trx, row.repeatOfId, repeatOfId);
        await load.recordLoadChange(trx, row, row, at);
        if (patch.complaint !== undefined) {
          await indexRecord(
            trx,
            id,
            workOrderFields,
            workOrderTokens({ number: row.number, complaint: patch.complaint }),
          );
        }
        await repo.insertHistory(trx, {
          id: newId(),
          workOrderId: id,
          actorId: actor.id,
          action: 'edit',
          fromStatus: row.status,
          toStatus: row.status,
          note: `Changed ${changed.join(', ')}`,
          at,
        });
        await recordWorkOrderEvent(trx, 'work_order.updated', id, row.technicianId, at);
      });
      onCommitted();
      return detail.getWorkOrder(actor, id);
    },
  };
}
