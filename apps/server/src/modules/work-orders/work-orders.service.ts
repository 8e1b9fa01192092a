import {
  type AssignmentCandidate,
  type AttachmentKind,
  allowedActions,
  type CreateWorkOrderBody,
  type DeviceTime,
  isActorAllowed,
  type ListWorkOrdersQuery,
  officeRoles,
  openWorkOrderStatuses,
  type QuotaLimit,
  type TechnicianLoad,
  type UpdateWorkOrderBody,
  type WarrantyStatus,
  type WorkOrderAction,
  type WorkOrderAttachment,
  type WorkOrderDetail,
  type WorkOrderHistoryEntry,
  type WorkOrderListItem,
  type WorkOrderMatch,
  type WorkOrderStatus,
  type WorkOrderSummary,
  type WorkOrderTransitionBody,
  workOrderStatuses,
  workOrderTransitions,
  zonedInstant,
} from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import type { WorkOrderTable } from '../../db/schema/work-order';
import { ensureSequence, nextSequenceValue } from '../../db/sequence';
import { AppError, notFound } from '../../errors';
import { addSeconds, type Clock, localDate, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { recordEvent } from '../../platform/events/outbox';
import { newId } from '../../platform/ids';
import type { ImageNormalizer } from '../../platform/image-normalizer';
import { inspectImage } from '../../platform/images';
import type { LocalizedText } from '../../platform/problem-language';
import { type FileStorage, saveForChange } from '../../platform/storage/file-storage';
import { takeUploadBytes, uploadDayOf } from '../../platform/upload-usage';
import { describeBytes } from '../../platform/uploads';
import { type AreasService, lineageCodes, lineageOf } from '../areas/areas.service';
import type { Actor } from '../auth/auth.service';
import type { BillableOrder, BillingReader } from '../billing/billing.reader';
import type { Overpayments } from '../billing/overpayments';
import type { BranchesService } from '../branches/branches.service';
import type { CustomersService } from '../customers/customers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { StockService } from '../parts/stock.service';
import { indexRecord } from '../search/search-index';
import { workOrderFields, workOrderTokens } from '../search/search-tokens';
import type { CustomerContact } from '../tracking/customer-contact';
import type { UsersService } from '../users/users.service';
import { resolveDeviceTime } from './device-time';
import * as load from './technician-load.repository';
import { searchWorkOrders } from './work-order-search';
import * as repo from './work-orders.repository';

export interface WorkOrdersServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'slaHours' | 'attachments' | 'offlineTimeWindowSeconds'>;
  storage: FileStorage;
  images: ImageNormalizer;
  areas: Pick<AreasService, 'labelDistricts' | 'expandToDistricts'>;
  branches: Pick<BranchesService, 'findBranchServing' | 'findBranch'>;
  customers: Pick<CustomersService, 'findCustomerRow' | 'findProducts' | 'findPhoneNumbers'>;
  users: Pick<
    UsersService,
    | 'findTechniciansCovering'
    | 'findAreaCodes'
    | 'findAreaCodesOfUsers'
    | 'findActiveTechnician'
    | 'findActiveTechnicians'
  >;
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  stock: Pick<StockService, 'useOnWorkOrder' | 'reverseWorkOrderUse' | 'findPartsUsed'>;
  billing: Pick<BillingReader, 'describe'>;
  overpayments: Pick<Overpayments, 'recordPartsReturned'>;
  contact: Pick<CustomerContact, 'issueLink' | 'trackingPath' | 'findSurvey' | 'notifyCustomer'>;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
  /** Runs `work` once the change is really committed, even inside a request transaction. */
  afterCommit: (work: () => void) => void;
}

/** Where numbering and calendar dates fall when no branch serves the address. */
const headOfficeTimeZone = 'Asia/Jakarta';
/** Clock skew allowed between a phone and the server when scheduling "now". */
const appointmentSkewSeconds = 5 * 60;
const maxAppointmentHours = 12;
const maxAppointmentDaysAhead = 90;
/** Statuses after which a work order takes no more photos. */
const photoClosedStatuses = ['closed', 'cancelled'] as const satisfies readonly WorkOrderStatus[];
/** Who may close a work order whose customer still owes money. */
const unpaidCloseRoles: readonly string[] = ['supervisor', 'admin'];
/** What the customer is told, and when: the tracking link goes out at intake. */
const customerMessageOn: Partial<
  Record<WorkOrderAction, 'technician_assigned' | 'technician_on_the_way' | 'survey_invitation'>
> = {
  assign: 'technician_assigned',
  claim: 'technician_assigned',
  depart: 'technician_on_the_way',
  complete: 'survey_invitation',
};

const fieldError = (path: string, message: string, detail = message) =>
  new AppError('validation_failed', detail, { errors: [{ path, message }] });

export function warrantyStatusOn(today: string, warrantyUntil: string | null | undefined): WarrantyStatus {
  if (!warrantyUntil) return 'unknown';
  return warrantyUntil >= today ? 'in_warranty' : 'out_of_warranty';
}

/** Seconds the repair timer shows: finished intervals plus the running one. */
export function repairSecondsAt(row: Pick<WorkOrderTable, 'repairSeconds' | 'inProgressSince'>, now: Date): number {
  if (row.inProgressSince === null) return row.repairSeconds;
  return row.repairSeconds + Math.max(0, Math.floor((now.getTime() - Date.parse(row.inProgressSince)) / 1000));
}

function toSummary(row: repo.WorkOrderRow, now: Date): WorkOrderSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    priority: row.priority,
    serviceType: row.serviceType,
    complaint: row.complaint,
    warrantyStatus: row.warrantyStatus,
    branchId: row.branchId,
    technicianId: row.technicianId,
    technicianName: row.technicianName,
    customer: {
      id: row.customerId,
      name: row.customerName,
      phone: row.customerPhone,
      address: row.customerAddress,
      areaCode: row.customerAreaCode,
    },
    product:
      row.customerProductId !== null && row.modelCode !== null && row.productSerialNumber !== null
        ? {
            id: row.customerProductId,
            model: {
              code: row.modelCode,
              brand: row.modelBrand ?? '',
              name: row.modelName ?? '',
              category: row.modelCategory ?? 'other',
              warrantyMonths: row.modelWarrantyMonths ?? 0,
            },
            serialNumber: row.productSerialNumber,
            purchaseDate: row.productPurchaseDate,
            warrantyUntil: row.productWarrantyUntil,
          }
        : null,
    appointmentStart: row.appointmentStart,
    appointmentEnd: row.appointmentEnd,
    slaDueAt: row.slaDueAt,
    slaBreachedAt: row.slaBreachedAt,
    repairSeconds: repairSecondsAt(row, now),
    inProgressSince: row.inProgressSince,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** What the bill of a work order depends on. */
/** What a work order was found by, in whole: its number, the customer's phone or name, the serial… */
function matchOf(
  row: repo.WorkOrderRow,
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

function billableOf(
  row: Pick<repo.WorkOrderRow, 'id' | 'serviceType' | 'modelCategory' | 'warrantyStatus'>,
  partsUsed: BillableOrder['partsUsed'],
): BillableOrder {
  return {
    id: row.id,
    serviceType: row.serviceType,
    category: row.modelCategory ?? 'other',
    warrantyStatus: row.warrantyStatus,
    partsUsed,
  };
}

const messageFactsOf = (row: repo.WorkOrderRow) => ({
  id: row.id,
  number: row.number,
  customerName: row.customerName,
  customerPhone: row.customerPhone,
  technicianName: row.technicianName,
});

function toAttachment(row: repo.AttachmentRow): WorkOrderAttachment {
  return {
    id: row.id,
    kind: row.kind,
    contentType: row.contentType,
    width: row.width,
    height: row.height,
    byteSize: row.byteSize,
    url: `/api/v1/work-orders/${row.workOrderId}/attachments/${row.id}`,
    uploadedAt: row.createdAt,
  };
}

export function createWorkOrdersService(deps: WorkOrdersServiceDeps) {
  const { db, clock, config, storage, areas, branches, customers, users, notifications, stock, billing, contact } =
    deps;
  const { overpayments, images } = deps;
  const { onCommitted, afterCommit } = deps;

  /**
   * Writes the work order's event, with its state after the change, in the same
   * transaction as the change. `previousTechnicianId` lets a technician who lost the
   * work order learn that it is gone.
   */
  async function recordWorkOrderEvent(
    trx: Kysely<DB>,
    type: 'work_order.created' | 'work_order.updated',
    id: string,
    previousTechnicianId: string | null,
    at: string,
  ) {
    const row = await repo.findWorkOrder(trx, { kind: 'all' }, id);
    if (!row) throw notFound('Work order');
    await recordEvent(
      trx,
      type,
      {
        workOrderId: row.id,
        branchId: row.branchId,
        technicianId: row.technicianId,
        previousTechnicianId: previousTechnicianId === row.technicianId ? null : previousTechnicianId,
        provinceCode: row.provinceCode,
        regencyCode: row.regencyCode,
        districtCode: row.districtCode,
        claimable: row.status === 'new' && row.technicianId === null,
      },
      toSummary(row, new Date(at)),
      at,
    );
    return row;
  }

  /** Tells a technician a work order is now theirs, in the transaction that assigned it. */
  async function notifyAssignment(trx: Kysely<DB>, row: repo.WorkOrderRow, at: string) {
    if (row.technicianId === null) return;
    await notifications.createInTransaction(
      trx,
      [
        {
          recipientId: row.technicianId,
          senderId: null,
          title: `Order kerja baru: ${row.number}`,
          body: `${row.customerName} — ${row.complaint}`.slice(0, 2000),
          workOrderId: row.id,
        },
      ],
      at,
    );
  }

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

  function transitionActor(actor: Actor, row: repo.WorkOrderRow, scope: repo.WorkOrderScope) {
    const covers = scope.kind === 'technician' && scope.districtCodes.includes(row.districtCode);
    return {
      role: actor.role,
      isAssignedTechnician: row.technicianId !== null && row.technicianId === actor.id,
      isCoveringTechnician: covers,
    };
  }

  async function toDetail(actor: Actor, row: repo.WorkOrderRow, scope: repo.WorkOrderScope): Promise<WorkOrderDetail> {
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
      report:
        row.diagnosis !== null && row.actionTaken !== null && row.result !== null && row.completedAt !== null
          ? {
              diagnosis: row.diagnosis,
              actionTaken: row.actionTaken,
              result: row.result,
              signatureUrl: `/api/v1/work-orders/${row.id}/signature.png`,
              completedAt: row.completedAt,
            }
          : null,
      history: history.map(
        (entry): WorkOrderHistoryEntry => ({
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
        }),
      ),
      attachments: attachments.map(toAttachment),
      partsUsed,
      billing: await billing.describe(db, billableOf(row, partsUsed)),
      trackingUrl,
      survey,
      allowedActions: allowedActions(row.status, transitionActor(actor, row, scope)),
    };
  }

  /**
   * Closing with money still owed needs a supervisor's (or an admin's) override and its
   * reason; returns the history note that records the override. Money the customer paid
   * beyond the bill has no override: it goes back to them first, as a refund or a credit note.
   */
  async function checkClosable(actor: Actor, row: repo.WorkOrderRow, overrideReason: string | undefined) {
    if (overrideReason !== undefined && !unpaidCloseRoles.includes(actor.role)) {
      throw new AppError('forbidden', 'Only a supervisor or an admin may close a work order with an unpaid balance', {
        errors: [{ path: 'body.overrideReason', message: 'may be given by a supervisor or an admin only' }],
      });
    }
    const { balance } = await billing.describe(db, billableOf(row, await stock.findPartsUsed(row.id)));
    if (balance < 0) {
      throw new AppError(
        'overpaid_balance',
        `The customer has paid Rp ${-balance} more than the bill; record the refund paid back or a credit note first`,
      );
    }
    if (balance === 0) return null;
    if (overrideReason === undefined) {
      throw new AppError(
        'unpaid_balance',
        `The customer still owes Rp ${balance}; record the payment, or a supervisor may close it with overrideReason`,
      );
    }
    return `Closed with Rp ${balance} unpaid: ${overrideReason}`;
  }

  async function getWorkOrder(actor: Actor, id: string): Promise<WorkOrderDetail> {
    const scope = await scopeOf(actor);
    return toDetail(actor, await findVisible(actor, id, scope), scope);
  }

  /** The least-loaded covering technician of the branch; ties go to the one idle longest. */
  async function pickTechnician(candidates: { id: string }[]): Promise<string | null> {
    if (candidates.length === 0) return null;
    const loads = new Map(
      (
        await load.findTechnicianLoads(
          db,
          candidates.map((c) => c.id),
        )
      ).map((row) => [row.technicianId, row]),
    );
    const ranked = candidates
      .map((candidate) => ({
        id: candidate.id,
        open: loads.get(candidate.id)?.openWorkOrders ?? 0,
        lastActivityAt: loads.get(candidate.id)?.lastActivityAt ?? '',
      }))
      .sort((a, b) => a.open - b.open || a.lastActivityAt.localeCompare(b.lastActivityAt) || a.id.localeCompare(b.id));
    return ranked[0]?.id ?? null;
  }

  function assertAppointment(start: string, end: string, now: Date) {
    const startAt = Date.parse(start);
    const endAt = Date.parse(end);
    if (startAt < now.getTime() - appointmentSkewSeconds * 1000) {
      throw fieldError('body.appointmentStart', 'must not be in the past', 'The appointment may not start in the past');
    }
    if (startAt > now.getTime() + maxAppointmentDaysAhead * 86400_000) {
      throw fieldError('body.appointmentStart', `must be within ${maxAppointmentDaysAhead} days`);
    }
    if (endAt <= startAt) {
      throw fieldError('body.appointmentEnd', 'must be after the start', 'The appointment must end after it starts');
    }
    if (endAt - startAt > maxAppointmentHours * 3600_000) {
      throw fieldError('body.appointmentEnd', `the window may be at most ${maxAppointmentHours} hours long`);
    }
  }

  function quotaExceeded(limit: QuotaLimit) {
    const { perWorkOrder, bytesPerWorkOrder, bytesPerUserPerDay } = config.attachments;
    const texts: Record<QuotaLimit, LocalizedText> = {
      photosPerWorkOrder: {
        en: `A work order takes at most ${perWorkOrder} photos`,
        id: `Satu order kerja menampung paling banyak ${perWorkOrder} foto`,
      },
      bytesPerWorkOrder: {
        en: `The photos of a work order may take at most ${describeBytes(bytesPerWorkOrder)}`,
        id: `Foto satu order kerja paling banyak ${describeBytes(bytesPerWorkOrder)}`,
      },
      bytesPerUserPerDay: {
        en: `You may upload at most ${describeBytes(bytesPerUserPerDay)} of photos per day (UTC); try again tomorrow`,
        id: `Anda boleh mengunggah foto paling banyak ${describeBytes(bytesPerUserPerDay)} per hari (UTC); coba lagi besok`,
      },
    };
    return new AppError('quota_exceeded', texts[limit], { limit });
  }

  /** The photo's kind and size by its header alone, before anything is decoded. */
  function checkHeader(content: Uint8Array) {
    const inspection = inspectImage(content);
    if (inspection.outcome === 'unsupported') {
      throw new AppError('unsupported_media_type', 'The file is not a JPEG, PNG or WebP image');
    }
    if (inspection.outcome === 'damaged') {
      throw fieldError(
        'body.file',
        `is a damaged or incomplete ${inspection.formatName} image`,
        `The ${inspection.formatName} image is damaged or incomplete`,
      );
    }
    const { image } = inspection;
    const { maxPixels } = config.attachments;
    if (image.width * image.height > maxPixels) {
      throw new AppError(
        'payload_too_large',
        `The image is ${image.width}×${image.height} pixels; at most ${maxPixels / 1_000_000} megapixels are accepted`,
      );
    }
  }

  /**
   * Takes the photo's share of the work order's quotas and of the uploader's day, in the
   * upload's transaction: refused (413 `quota_exceeded`, naming the limit) when it does not fit.
   */
  async function takeQuotas(trx: Kysely<DB>, actor: Actor, workOrderId: string, bytes: number) {
    const { perWorkOrder, bytesPerWorkOrder, bytesPerUserPerDay } = config.attachments;
    const limits = { maxPhotos: perWorkOrder, maxBytes: bytesPerWorkOrder };
    if (!(await repo.takePhotoQuota(trx, workOrderId, bytes, limits))) {
      const photos = await repo.countPhotos(trx, workOrderId);
      throw quotaExceeded(photos >= perWorkOrder ? 'photosPerWorkOrder' : 'bytesPerWorkOrder');
    }
    if (!(await takeUploadBytes(trx, actor.id, uploadDayOf(clock.now()), bytes, bytesPerUserPerDay))) {
      throw quotaExceeded('bytesPerUserPerDay');
    }
  }

  /** When a step happened: now, or — for one queued on an offline phone — the phone's plausible time. */
  async function recordedTimeOf(workOrderId: string, device: DeviceTime) {
    const previous = device.occurredAt === undefined ? null : await repo.findLatestStepAt(db, workOrderId);
    return resolveDeviceTime(device, {
      now: clock.now(),
      previousAt: previous === null ? null : new Date(previous),
      windowSeconds: config.offlineTimeWindowSeconds,
    });
  }

  /** The field changes an action makes besides the status itself. */
  async function changesFor(
    actor: Actor,
    row: repo.WorkOrderRow,
    body: WorkOrderTransitionBody,
    now: Date,
  ): Promise<{ patch: Updateable<WorkOrderTable>; note: string | null; file?: { name: string; content: Buffer } }> {
    const stopTimer =
      row.inProgressSince !== null ? { repairSeconds: repairSecondsAt(row, now), inProgressSince: null } : {};
    switch (body.action) {
      case 'assign': {
        const technician = await users.findActiveTechnician(body.technicianId);
        if (!technician) throw fieldError('body.technicianId', 'is not an active technician');
        if (actor.role === 'supervisor' && technician.branchId !== actor.branchId) {
          throw fieldError('body.technicianId', 'is not a technician of your branch');
        }
        return {
          patch: { technicianId: technician.id, firstAssignedAt: row.firstAssignedAt ?? toIso(now) },
          note: body.note ?? `→ ${technician.name}`,
        };
      }
      case 'claim':
        return { patch: { technicianId: actor.id, firstAssignedAt: row.firstAssignedAt ?? toIso(now) }, note: null };
      case 'decline':
        return { patch: { technicianId: null }, note: body.reason };
      case 'schedule':
        assertAppointment(body.appointmentStart, body.appointmentEnd, now);
        return {
          patch: {
            appointmentStart: toIso(new Date(body.appointmentStart)),
            appointmentEnd: toIso(new Date(body.appointmentEnd)),
          },
          note: null,
        };
      case 'start':
        return {
          patch: {
            inProgressSince: toIso(now),
            holdReason: null,
            firstStartedAt: row.firstStartedAt ?? toIso(now),
            startCount: row.startCount + 1,
          },
          note: null,
        };
      case 'hold':
        return { patch: { ...stopTimer, holdReason: body.reason }, note: body.note ?? null };
      case 'complete': {
        const name = `signatures/${newId()}.png`;
        return {
          patch: {
            ...stopTimer,
            diagnosis: body.diagnosis,
            actionTaken: body.actionTaken,
            result: body.result,
            signatureFile: name,
            completedAt: toIso(now),
          },
          note: null,
          file: { name, content: await images.readSignature(body.signature) },
        };
      }
      case 'cancel':
        return { patch: stopTimer, note: body.reason };
      case 'reopen': {
        /*
         * A new SLA cycle from the reopening: a fresh due time, and no flag, so that the check
         * flags and notifies a second breach. Whether the ended cycle missed its due time is
         * kept, since the reports judge the work order at its latest completion.
         */
        const endedLate = (row.completedAt ?? toIso(now)) > row.slaDueAt;
        return {
          patch: {
            completedAt: null,
            reopenCount: row.reopenCount + 1,
            reopenedAt: toIso(now),
            slaDueAt: toIso(addSeconds(now, config.slaHours[row.priority] * 3600)),
            slaBreachedAt: null,
            slaMissCount: row.slaMissCount + (endedLate ? 1 : 0),
          },
          note: body.reason,
        };
      }
      case 'accept':
      case 'depart':
      case 'close':
        return { patch: {}, note: null };
    }
  }

  return {
    getWorkOrder,

    /**
     * The `work_order.updated` event of a change another service makes to the work order
     * (its bill, its survey), inside that service's transaction. Status and version stay.
     */
    async recordUpdatedEvent(trx: Kysely<DB>, id: string, at: string) {
      await recordWorkOrderEvent(trx, 'work_order.updated', id, null, at);
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

    /** What the customer's tracking page shows of a work order: no customer data at all. */
    async findTrackingView(id: string) {
      const row = await repo.findWorkOrder(db, { kind: 'all' }, id);
      if (!row) throw notFound('Work order');
      const [history, branch] = await Promise.all([
        repo.findHistory(db, id),
        row.branchId === null ? undefined : branches.findBranch(row.branchId),
      ]);
      return {
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

    async listWorkOrders(
      actor: Actor,
      query: ListWorkOrdersQuery,
    ): Promise<{ items: WorkOrderListItem[]; nextCursor: string | null }> {
      const scope = await scopeOf(actor);
      const cursor = decodeCursor(query.cursor);
      const statuses = query.open
        ? (query.status ?? openWorkOrderStatuses).filter((s) =>
            (openWorkOrderStatuses as readonly string[]).includes(s),
          )
        : query.status;
      const filter: repo.WorkOrderFilter = {
        statuses,
        branchId: query.branchId === 'none' ? null : query.branchId,
        technicianId: query.technicianId === 'none' ? null : query.technicianId,
        customerId: query.customerId,
        createdFrom: query.from === undefined ? undefined : toIso(new Date(query.from)),
        createdBefore: query.to === undefined ? undefined : toIso(new Date(query.to)),
      };
      const now = clock.now();
      if (query.q !== undefined) {
        const { matches, nextCursor } = await searchWorkOrders(db, scope, filter, query.q, cursor, query.limit);
        const found = await repo.findWorkOrdersByIds(
          db,
          matches.map((match) => match.entityId),
        );
        const rows = new Map(found.map((row) => [row.id, row]));
        const phones = await customers.findPhoneNumbers(found.map((row) => row.customerId));
        const items = matches.flatMap((match) => {
          const row = rows.get(match.entityId);
          const matchedBy = row && matchOf(row, match, phones.get(row.customerId) ?? []);
          return row && matchedBy ? [{ ...toSummary(row, now), matchedBy }] : [];
        });
        return { items, nextCursor };
      }
      const rows = await repo.findWorkOrders(
        db,
        scope,
        { ...filter, beforeId: cursor === undefined ? undefined : String(cursor[0]) },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.id]);
      return { items: page.items.map((row) => toSummary(row, now)), nextCursor: page.nextCursor };
    },

    async createWorkOrder(actor: Actor, body: CreateWorkOrderBody) {
      const customer = await customers.findCustomerRow(body.customerId).catch((error: unknown) => {
        // Only an unknown customer is the caller's mistake. A database error is not: as a
        // 400 the client would give the intake up (and its key would keep the refusal).
        if (error instanceof AppError && error.code === 'not_found') {
          throw fieldError('body.customerId', 'is not a customer');
        }
        throw error;
      });
      const productId = body.customerProductId ?? null;
      let warrantyUntil: string | null = null;
      if (productId !== null) {
        const [product] = await customers.findProducts([productId]);
        if (!product || product.customerId !== customer.id) {
          throw fieldError('body.customerProductId', "is not one of this customer's products");
        }
        warrantyUntil = product.warrantyUntil;
      }

      const lineage = lineageOf(customer.areaCode);
      const codes = lineageCodes(lineage);
      const [branch, covering, possibleDuplicates] = await Promise.all([
        branches.findBranchServing(codes),
        users.findTechniciansCovering(codes),
        repo.findOpenDuplicates(db, customer.id, productId),
      ]);
      // A supervisor sees their branch's work orders only: one routed elsewhere would be
      // written and then be a 404 to the one who wrote it.
      if (actor.role === 'supervisor' && (branch === null || branch.id !== actor.branchId)) {
        throw new AppError('forbidden', "Another branch serves the customer's district; it takes the work order", {
          errors: [{ path: 'body.customerId', message: 'lives where another branch serves' }],
        });
      }
      const now = clock.now();
      const timeZone = branch?.timeZone ?? headOfficeTimeZone;
      const today = localDate(now, timeZone);
      const series = `WO-${today.slice(2, 4)}${today.slice(5, 7)}`;
      const branchTechnicians = covering.filter((t) => branch === null || t.branchId === branch.id);
      const autoAssignee = branch?.autoAssign ? await pickTechnician(branchTechnicians) : null;
      const status: WorkOrderStatus = autoAssignee === null ? 'new' : 'assigned';

      const id = newId();
      const at = toIso(now);
      await ensureSequence(db, series);
      await db.transaction().execute(async (trx) => {
        const sequence = await nextSequenceValue(trx, series);
        const number = `${series}-${String(sequence).padStart(6, '0')}`;
        await repo.insertWorkOrder(trx, {
          id,
          number,
          customerId: customer.id,
          customerProductId: productId,
          branchId: branch?.id ?? null,
          technicianId: autoAssignee,
          ...lineage,
          status,
          priority: body.priority,
          serviceType: body.serviceType,
          complaint: body.complaint,
          warrantyStatus: warrantyStatusOn(today, warrantyUntil),
          slaDueAt: toIso(addSeconds(now, config.slaHours[body.priority] * 3600)),
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
          createdBy: actor.id,
          version: 1,
          createdAt: at,
          updatedAt: at,
        });
        await load.recordLoadChange(trx, null, { technicianId: autoAssignee, status }, at);
        await indexRecord(trx, id, workOrderFields, workOrderTokens({ number, complaint: body.complaint }));
        await repo.insertHistory(trx, {
          id: newId(),
          workOrderId: id,
          actorId: actor.id,
          action: 'create',
          fromStatus: null,
          toStatus: 'new',
          note: branch === null ? 'No branch serves this district' : null,
          at,
        });
        if (autoAssignee !== null) {
          await repo.insertHistory(trx, {
            id: newId(),
            workOrderId: id,
            actorId: null,
            action: 'assign',
            fromStatus: 'new',
            toStatus: 'assigned',
            note: 'Auto-assigned: least open work orders among covering technicians',
            at,
          });
        }
        await contact.issueLink(trx, id, at);
        const created = await recordWorkOrderEvent(trx, 'work_order.created', id, null, at);
        await contact.notifyCustomer(trx, 'tracking_link', messageFactsOf(created), at);
        if (autoAssignee !== null) {
          await notifyAssignment(trx, created, at);
          await contact.notifyCustomer(trx, 'technician_assigned', messageFactsOf(created), at);
        }
      });
      onCommitted();
      return {
        ...(await getWorkOrder(actor, id)),
        routing: {
          branchId: branch?.id ?? null,
          coveringTechnicianIds: branchTechnicians.map((t) => t.id),
          autoAssignedTechnicianId: autoAssignee,
        },
        possibleDuplicates,
      };
    },

    async transition(actor: Actor, id: string, body: WorkOrderTransitionBody, ifMatch: number | undefined) {
      const scope = await scopeOf(actor);
      const row = await findVisible(actor, id, scope);
      const expected = ifMatch ?? body.version;
      if (expected !== undefined && expected !== row.version) throw versionConflict(row.version);
      const action: WorkOrderAction = body.action;
      const rule = workOrderTransitions[action];
      if (!isActorAllowed(action, transitionActor(actor, row, scope))) {
        throw new AppError('forbidden', `You may not ${action} this work order`);
      }
      if (!rule.from.includes(row.status)) {
        throw new AppError('invalid_transition', `Cannot ${action} a work order that is ${row.status}`);
      }
      const closeNote = body.action === 'close' ? await checkClosable(actor, row, body.overrideReason) : null;
      const recorded = await recordedTimeOf(id, body);
      const now = recorded.at;
      const { patch, note, file } = await changesFor(actor, row, body, now);
      await saveForChange(storage, file, () =>
        db.transaction().execute(async (trx) => {
          const at = toIso(now);
          const updated = await repo.updateWorkOrderIfVersion(trx, id, row.version, {
            ...patch,
            status: rule.to,
            updatedAt: at,
          });
          if (!updated) throw versionConflict(row.version + 1);
          await load.recordLoadChange(
            trx,
            row,
            { technicianId: patch.technicianId === undefined ? row.technicianId : patch.technicianId, status: rule.to },
            at,
          );
          await repo.insertHistory(trx, {
            id: newId(),
            workOrderId: id,
            actorId: actor.id,
            action,
            fromStatus: row.status,
            toStatus: rule.to,
            note: closeNote ?? note,
            at,
            receivedAt: recorded.receivedAt && toIso(recorded.receivedAt),
            timeAdjusted: recorded.adjusted ? 1 : 0,
          });
          const after = await recordWorkOrderEvent(trx, 'work_order.updated', id, row.technicianId, at);
          if (action === 'assign') await notifyAssignment(trx, after, at);
          const message = customerMessageOn[action];
          if (message !== undefined) await contact.notifyCustomer(trx, message, messageFactsOf(after), at);
          // The parts leave the bag with the completion, and come back when it is undone.
          if (body.action === 'complete' && body.partsUsed !== undefined) {
            await stock.useOnWorkOrder(trx, { workOrderId: id, technicianId: actor.id, lines: body.partsUsed, at });
          }
          if (body.action === 'cancel' || body.action === 'reopen') {
            const partsUsed = await stock.findPartsUsed(id, trx);
            await stock.reverseWorkOrderUse(trx, { workOrderId: id, actorId: actor.id, at });
            await overpayments.recordPartsReturned(trx, {
              before: billableOf(row, partsUsed),
              after: billableOf(row, await stock.findPartsUsed(id, trx)),
              reason: body.reason,
              actorId: actor.id,
              at,
            });
          }
        }),
      );
      onCommitted();
      const replaced = file ? row.signatureFile : null;
      // Only once committed: a request transaction rolled back after this point keeps the row
      // naming the old signature. Failing to remove it leaves a stray file, not a wrong answer.
      if (replaced !== null) afterCommit(() => void storage.remove(replaced).catch(() => undefined));
      return getWorkOrder(actor, id);
    },

    /** Office edits of the intake data; each is a history entry naming the fields changed. */
    async updateWorkOrder(actor: Actor, id: string, body: UpdateWorkOrderBody, ifMatch: number | undefined) {
      const scope = await scopeOf(actor);
      const row = await findVisible(actor, id, scope);
      const expected = ifMatch ?? body.version;
      if (expected !== undefined && expected !== row.version) throw versionConflict(row.version);
      if (row.status === 'closed' || row.status === 'cancelled') {
        throw new AppError('invalid_transition', `A ${row.status} work order can no longer be edited`);
      }
      const patch: Updateable<WorkOrderTable> = {};
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
        patch.priority = body.priority;
        const dueAt = addSeconds(new Date(row.reopenedAt ?? row.createdAt), config.slaHours[body.priority] * 3600);
        patch.slaDueAt = toIso(dueAt);
        // The flag belongs to the due time: one not reached yet is not breached, and the
        // check flags the work order again if it passes.
        if (dueAt > clock.now()) patch.slaBreachedAt = null;
        changed.push('priority');
      }
      if (body.customerProductId !== undefined && body.customerProductId !== row.customerProductId) {
        const [product] = body.customerProductId === null ? [] : await customers.findProducts([body.customerProductId]);
        if (body.customerProductId !== null && (!product || product.customerId !== row.customerId)) {
          throw fieldError('body.customerProductId', "is not one of this customer's products");
        }
        patch.customerProductId = body.customerProductId;
        patch.warrantyStatus = warrantyStatusOn(
          localDate(new Date(row.createdAt), headOfficeTimeZone),
          product?.warrantyUntil,
        );
        changed.push('product');
      }
      if (changed.length === 0) return toDetail(actor, row, scope);
      const at = toIso(clock.now());
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateWorkOrderIfVersion(trx, id, row.version, { ...patch, updatedAt: at }))) {
          throw versionConflict(row.version + 1);
        }
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
      return getWorkOrder(actor, id);
    },

    async getHistory(actor: Actor, id: string) {
      return (await getWorkOrder(actor, id)).history;
    },

    async countByStatus(actor: Actor, branchId: string | undefined) {
      const rows = await repo.countByStatus(db, await scopeOf(actor), branchId === 'none' ? null : branchId);
      const counts = Object.fromEntries(workOrderStatuses.map((status) => [status, 0])) as Record<
        WorkOrderStatus,
        number
      >;
      for (const row of rows) counts[row.status] = Number(row.count);
      return { counts };
    },

    /**
     * Technicians to assign a work order to: those of its branch and those whose areas
     * cover it, with their open load; covering ones first, then the least loaded.
     */
    async listCandidates(actor: Actor, id: string): Promise<AssignmentCandidate[]> {
      const row = await findVisible(actor, id);
      const codes = lineageCodes(row);
      const [covering, ofBranch] = await Promise.all([
        users.findTechniciansCovering(codes),
        row.branchId === null ? Promise.resolve([]) : users.findActiveTechnicians({ branchId: row.branchId }),
      ]);
      const coveringIds = new Set(covering.map((t) => t.id));
      const all = new Map([...ofBranch, ...covering].map((t) => [t.id, t]));
      const visible = [...all.values()].filter((t) => actor.role !== 'supervisor' || t.branchId === actor.branchId);
      const loads = new Map(
        (
          await load.findTechnicianLoads(
            db,
            visible.map((t) => t.id),
          )
        ).map((row) => [row.technicianId, row.openWorkOrders]),
      );
      return visible
        .map((t) => ({
          id: t.id,
          name: t.name,
          branchId: t.branchId,
          covers: coveringIds.has(t.id),
          openWorkOrders: loads.get(t.id) ?? 0,
        }))
        .sort(
          (a, b) =>
            Number(b.covers) - Number(a.covers) || a.openWorkOrders - b.openWorkOrders || a.name.localeCompare(b.name),
        );
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
      const today = localDate(clock.now(), branch.timeZone);
      const start = new Date(zonedInstant(today, branch.timeZone));
      const [loads, appointments, areaCodes] = await Promise.all([
        load.findTechnicianLoads(db, ids),
        load.countAppointments(db, ids, toIso(start), toIso(addSeconds(start, 86400))),
        users.findAreaCodesOfUsers(ids),
      ]);
      const open = new Map(loads.map((l) => [l.technicianId, l.openWorkOrders]));
      const booked = new Map(appointments.map((a) => [a.technicianId, Number(a.count)]));
      return technicians
        .map((t) => ({
          id: t.id,
          name: t.name,
          areaCodes: areaCodes.get(t.id) ?? [],
          openWorkOrders: open.get(t.id) ?? 0,
          appointmentsToday: booked.get(t.id) ?? 0,
        }))
        .sort((a, b) => a.openWorkOrders - b.openWorkOrders || a.name.localeCompare(b.name));
    },

    /** The customer's signature image, under the same visibility rule as the work order. */
    async readSignature(actor: Actor, id: string): Promise<Buffer> {
      const row = await findVisible(actor, id);
      if (row.signatureFile === null) throw notFound('Signature');
      return storage.read(row.signatureFile);
    },

    recordedTimeOf,

    /**
     * A photo from the phone (or the office): recognized by its bytes, refused by its header
     * when it states too many pixels, then decoded and stored in normal form (images.ts),
     * within the work order's and the uploader's quotas. The row, the quotas taken and the
     * work order's event are one transaction; the file is written first and removed again
     * if that fails.
     */
    async addAttachment(
      actor: Actor,
      id: string,
      upload: { kind: AttachmentKind; content: Uint8Array; device: DeviceTime },
    ): Promise<WorkOrderAttachment> {
      const row = await findVisible(actor, id);
      const mayAdd =
        actor.role === 'technician'
          ? row.technicianId === actor.id
          : (officeRoles as readonly string[]).includes(actor.role);
      if (!mayAdd) throw new AppError('forbidden', 'Only the assigned technician and the office may add photos');
      const closedError = () =>
        new AppError('invalid_transition', 'A closed or cancelled work order takes no more photos');
      if ((photoClosedStatuses as readonly string[]).includes(row.status)) throw closedError();
      if (upload.content.byteLength === 0) throw fieldError('body.file', 'is empty', 'The photo file is empty');
      // Before any decoding: a work order that is full refuses even a tiny photo.
      if (row.photoCount >= config.attachments.perWorkOrder) throw quotaExceeded('photosPerWorkOrder');

      checkHeader(upload.content);
      const image = await images.normalizePhoto(upload.content);
      const attachmentId = newId();
      const recorded = await recordedTimeOf(id, upload.device);
      const at = toIso(recorded.at);
      const attachment = {
        id: attachmentId,
        workOrderId: id,
        kind: upload.kind,
        contentType: image.contentType,
        byteSize: image.content.byteLength,
        width: image.width,
        height: image.height,
        storageName: `attachments/${attachmentId}.${image.extension}`,
        uploadedBy: actor.id,
        createdAt: at,
      };
      await saveForChange(storage, { name: attachment.storageName, content: image.content }, () =>
        db.transaction().execute(async (trx) => {
          await takeQuotas(trx, actor, id, attachment.byteSize);
          if (!(await repo.insertAttachmentUnless(trx, attachment, photoClosedStatuses))) throw closedError();
          // The board and open details refresh on it; the status and version stay as they
          // are, so a transition queued offline with If-Match still applies after the photo.
          await recordWorkOrderEvent(trx, 'work_order.updated', id, row.technicianId, at);
        }),
      );
      onCommitted();
      return toAttachment(attachment);
    },

    /** A photo's bytes, under the same visibility rule as the work order. */
    async readAttachment(actor: Actor, id: string, attachmentId: string) {
      await findVisible(actor, id);
      const attachment = await repo.findAttachment(db, id, attachmentId);
      if (!attachment) throw notFound('Attachment');
      return { contentType: attachment.contentType, content: await storage.read(attachment.storageName) };
    },
  };
}

const versionConflict = (current: number) =>
  new AppError('version_conflict', `The work order was changed by someone else; it is now at version ${current}`);

export type WorkOrdersService = ReturnType<typeof createWorkOrdersService>;
