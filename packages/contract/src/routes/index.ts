import { areasRoutes } from './areas';
import { authRoutes } from './auth';
import { billingRoutes } from './billing';
import { branchesRoutes } from './branches';
import { customersRoutes } from './customers';
import { eventsRoutes } from './events';
import { importsRoutes } from './imports';
import { integrationsRoutes } from './integrations';
import { notificationsRoutes } from './notifications';
import { partsRoutes } from './parts';
import { pushRoutes } from './push';
import { reportsRoutes } from './reports';
import { trackingRoutes } from './tracking';
import { usersRoutes } from './users';
import { workOrdersRoutes } from './work-orders';

export type { RouteSpec, RouteTable } from './route-table';

/**
 * Every operation of the API, once: the apps' client is typed by it and the server's routes
 * are checked against it (apps/server/src/platform/route-map.test.ts).
 */
export const apiRoutes = {
  ...authRoutes,
  ...usersRoutes,
  ...areasRoutes,
  ...branchesRoutes,
  ...customersRoutes,
  ...workOrdersRoutes,
  ...notificationsRoutes,
  ...pushRoutes,
  ...partsRoutes,
  ...billingRoutes,
  ...reportsRoutes,
  ...trackingRoutes,
  ...eventsRoutes,
  ...importsRoutes,
  ...integrationsRoutes,
};

export type ApiRoutes = typeof apiRoutes;
export type RouteKey = keyof ApiRoutes;
