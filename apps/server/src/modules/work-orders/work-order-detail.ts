import {
  allowedActions,
  headOfficeTimeZone,
  type WorkOrderDetail,
  type WorkOrderHistoryEntry,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { notFound } from '../../errors';
import { transitionActor, type WorkOrderScope } from '../../platform/access-policy/work-order-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import type { AreasService } from '../areas/areas.service';
import type { BranchesService } from '../branches/branches.service';
import type { BillReader, CustomerContactPort, PartsOnWorkOrder } from './ports';
import type { WorkOrderAccess } from './work-order-access';
import { billableOf, toAttachment, toSummary } from './work-order-summary';
import * as repo from './work-orders.repository';

export interface WorkOrderDetailDeps {
  db: Kysely<DB>;
  clock: Clock;
  areas: Pick<AreasService, 'labelDistricts'>;
  branches: Pick<BranchesService, 'findBranch'>;
  stock: Pick<PartsOnWorkOrder, 'findPartsUsed'>;
  billing: BillReader;
  contact: Pick<CustomerContactPort, 'trackingPath' | 'findSurvey'>;
  access: WorkOrderAccess;
}

function toHistoryEntry(entry: Awaited<ReturnType<typeof repo.findHistory>>[number]): WorkOrderHistoryEntry {
  return {
    id: entry.id,
    action: entry.action as WorkOrderHistoryEntry['action'],
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    actor:
      entry.actorId !== null && entry.actorName !== null && entry.actorRole !== null
        ? { id: entry.actorId, name: entry.actorName, role: entry.actorRole }
        : null,
    note: entry.note,
    at: entry.at,
    receivedAt: entry.receivedAt,
    timeAdjusted: entry.timeAdjusted === 1,
  };
}

function reportOf(row: repo.WorkOrderRow): WorkOrderDetail['report'] {
  if (row.diagnosis === null || row.actionTaken === null || row.result === null || row.completedAt === null) {
    return null;
  }
  return {
    diagnosis: row.diagnosis,
    actionTaken: row.actionTaken,
    result: row.result,
    signatureUrl: `/api/v1/work-orders/${row.id}/signature.png`,
    completedAt: row.completedAt,
  };
}

/** One work order in full, as the caller may see it, and the customer's view of it. */
export function createWorkOrderDetail(deps: WorkOrderDetailDeps) {
  const { db, clock, areas, branches, stock, billing, contact, access } = deps;

  async function toDetail(actor: Actor, row: repo.WorkOrderRow, scope: WorkOrderScope): Promise<WorkOrderDetail> {
    const now = clock.now();
    const [history, labels, attachments, partsUsed, trackingUrl, survey] = await Promise.all([
      repo.findHistory(db, row.id),
      areas.labelDistricts([row.customerAreaCode]),
      repo.findAttachments(db, row.id),
      stock.findPartsUsed(row.id),
      contact.trackingPath(db, row.id, toIso(now)),
      contact.findSurvey(db, row.id),
    ]);
    const summary = toSummary(row, now);
    return {
      ...summary,
      customer: { ...summary.customer, email: row.customerEmail, areaName: labels.get(row.customerAreaCode) ?? '' },
      holdReason: row.holdReason,
      report: reportOf(row),
      history: history.map(toHistoryEntry),
      attachments: attachments.map(toAttachment),
      partsUsed,
      billing: await billing.describe(db, billableOf(row, partsUsed)),
      trackingUrl,
      survey,
      allowedActions: allowedActions(row.status, transitionActor(actor, row, scope)),
    };
  }

  async function getWorkOrder(actor: Actor, id: string): Promise<WorkOrderDetail> {
    const scope = await access.scopeOf(actor);
    return toDetail(actor, await access.findVisible(actor, id, scope), scope);
  }

  return {
    toDetail,
    getWorkOrder,

    async getHistory(actor: Actor, id: string) {
      return (await getWorkOrder(actor, id)).history;
    },

    /** What the customer's tracking page shows of a work order: no customer data at all. */
    async findTrackingView(id: string) {
      const row = await repo.findWorkOrder(db, { kind: 'all' }, id);
      if (!row) throw notFound('Work order');
      const [history, branch] = await Promise.all([
        repo.findHistory(db, id),
        row.branchId === null ? undefined : branches.findBranch(row.branchId),
      ]);
      return {
        customerId: row.customerId,
        number: row.number,
        timeZone: branch?.timeZone ?? headOfficeTimeZone,
        status: row.status,
        appointmentStart: row.appointmentStart,
        appointmentEnd: row.appointmentEnd,
        technicianName: row.technicianName,
        // Status changes only: edits of the intake data are the office's business.
        history: history
          .filter((entry) => entry.fromStatus !== entry.toStatus)
          .map((entry) => ({ status: entry.toStatus, at: entry.at })),
      };
    },
  };
}
