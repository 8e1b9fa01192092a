import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { Clock } from '../../platform/clock';
import type { NotificationsService } from '../notifications/notifications.service';
import type { WorkOrdersService } from '../work-orders/work-orders.service';
import { createPartRequests } from './part-requests';
import { createPartReturns } from './part-returns';
import { createRequestTransitions } from './request-transitions';
import { createReturnTransitions } from './return-transitions';
import type { StockService } from './stock.service';

export interface PartRequestsServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  stock: Pick<
    StockService,
    | 'transaction'
    | 'prepareMovements'
    | 'applyMovements'
    | 'findBag'
    | 'findOrCreateBag'
    | 'findOrCreateBranchLocation'
    | 'findLineParts'
    | 'checkLimits'
    | 'assertWithinLimits'
    | 'findBagQuantities'
  >;
  workOrders: Pick<WorkOrdersService, 'getWorkOrder'>;
  /** Tells the technician when their request is answered. */
  notifications: Pick<NotificationsService, 'createInTransaction'>;
  /** Wakes the event stream after a commit that wrote events. */
  onCommitted: () => void;
}

/**
 * A technician's requests for parts from their branch's warehouse, and their returns to
 * it: the one face to routes, composed of the requests, the returns, and the transitions
 * of each (a handler per action).
 */
export function createPartRequestsService({
  db,
  clock,
  stock,
  workOrders,
  notifications,
  onCommitted,
}: PartRequestsServiceDeps) {
  const requests = createPartRequests({ db, clock, stock, workOrders, onCommitted });
  const returns = createPartReturns({ db, clock, stock, onCommitted });
  const { transitionRequest } = createRequestTransitions({ db, clock, stock, requests, notifications, onCommitted });
  const { transitionReturn } = createReturnTransitions({ db, clock, stock, returns, onCommitted });
  return {
    getRequest: requests.getRequest,
    getReturn: returns.getReturn,
    listRequests: requests.listRequests,
    createRequest: requests.createRequest,
    transitionRequest,
    listReturns: returns.listReturns,
    createReturn: returns.createReturn,
    transitionReturn,
    findDefectiveDue: returns.findDefectiveDue,
  };
}

export type PartRequestsService = ReturnType<typeof createPartRequestsService>;
