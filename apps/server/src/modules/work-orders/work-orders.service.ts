import type { Kysely } from 'kysely';
import type { Config } from '../../config';
import type { DB } from '../../db/schema/index';
import type { Clock } from '../../platform/clock';
import type { ImageNormalizer } from '../../platform/image-normalizer';
import type { FileStorage } from '../../platform/storage/file-storage';
import type { AreasService } from '../areas/areas.service';
import type { BranchesService } from '../branches/branches.service';
import type { CustomersService } from '../customers/customers.service';
import type { NotificationsService } from '../notifications/notifications.service';
import type { UsersService } from '../users/users.service';
import { createAttachments } from './attachments';
import { createBillChecks } from './bill-checks';
import { createRecordedTimeOf } from './device-time';
import { createDispatch } from './dispatch';
import { createIntake } from './intake';
import type { BillReader, CustomerContactPort, PaidPartsReturn, PartsOnWorkOrder } from './ports';
import { createSlaBreaches } from './sla';
import { createTransitionHandlers } from './transition-handlers';
import { createTransitions } from './transitions';
import { createWorkOrderAccess } from './work-order-access';
import { createWorkOrderDetail } from './work-order-detail';
import { recordWorkOrderEvent } from './work-order-events';
import { createWorkOrderLists } from './work-order-lists';

export interface WorkOrdersServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Pick<Config, 'slaHours' | 'attachments' | 'offlineTimeWindowSeconds' | 'repeatRepairDays'>;
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
    | 'findActiveSupervisors'
  >;
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  stock: PartsOnWorkOrder;
  billing: BillReader;
  overpayments: PaidPartsReturn;
  contact: CustomerContactPort;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
  /** Runs `work` once the change is really committed, even inside a request transaction. */
  afterCommit: (work: () => void) => void;
}

/**
 * The work-order module's one face to routes and other modules, composed of its pieces:
 * intake, the status transitions (a handler per action), SLA, attachments, dispatch,
 * and the reads. Each piece gets exactly the dependencies it uses.
 */
export function createWorkOrdersService(deps: WorkOrdersServiceDeps) {
  const { db, clock, config, storage, images, areas, branches, customers, users, notifications, stock } = deps;
  const { billing, overpayments, contact, onCommitted, afterCommit } = deps;
  const access = createWorkOrderAccess({ db, areas, users });
  const detail = createWorkOrderDetail({ db, clock, areas, branches, stock, billing, contact, access });
  const recordedTimeOf = createRecordedTimeOf({ db, clock, windowSeconds: config.offlineTimeWindowSeconds });
  const dispatch = createDispatch({ db, clock, branches, users, access });
  const handlers = createTransitionHandlers({
    slaHours: config.slaHours,
    users,
    images,
    notifications,
    stock,
    overpayments,
    contact,
    db,
    bill: createBillChecks({ db, billing, stock }),
  });
  const { transition } = createTransitions({
    db,
    storage,
    handlers,
    access,
    detail,
    recordedTimeOf,
    onCommitted,
    afterCommit,
  });
  const intake = createIntake({
    db,
    clock,
    slaHours: config.slaHours,
    repeatRepairDays: config.repeatRepairDays,
    branches,
    customers,
    users,
    notifications,
    contact,
    dispatch,
    detail,
    access,
    onCommitted,
  });
  const lists = createWorkOrderLists({ db, clock, customers, access });
  const attachments = createAttachments({
    db,
    clock,
    limits: config.attachments,
    storage,
    images,
    access,
    recordedTimeOf,
    onCommitted,
  });
  const { flagBreaches } = createSlaBreaches({ db, clock, users, notifications, onCommitted });

  return {
    getWorkOrder: detail.getWorkOrder,
    getHistory: detail.getHistory,
    findTrackingView: detail.findTrackingView,
    listWorkOrders: lists.listWorkOrders,
    summariesOf: lists.summariesOf,
    countByStatus: lists.countByStatus,
    createWorkOrder: intake.createWorkOrder,
    updateWorkOrder: intake.updateWorkOrder,
    transition,
    recordedTimeOf,
    flagBreaches,
    listCandidates: dispatch.listCandidates,
    listTechnicianLoads: dispatch.listTechnicianLoads,
    addAttachment: attachments.addAttachment,
    readAttachment: attachments.readAttachment,
    readSignature: attachments.readSignature,

    /**
     * The `work_order.updated` event of a change another service makes to the work order
     * (its bill, its survey), inside that service's transaction. Status and version stay.
     */
    async recordUpdatedEvent(trx: Kysely<DB>, id: string, at: string) {
      await recordWorkOrderEvent(trx, 'work_order.updated', id, null, at);
    },
  };
}

export type WorkOrdersService = ReturnType<typeof createWorkOrdersService>;
