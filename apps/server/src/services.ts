import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { DB } from './db/schema/index';
import { createAreasService } from './modules/areas/areas.service';
import { createAuthService } from './modules/auth/auth.service';
import { createBranchesService } from './modules/branches/branches.service';
import { createCustomersService } from './modules/customers/customers.service';
import { createUsersService } from './modules/users/users.service';
import { createWorkOrdersService } from './modules/work-orders/work-orders.service';
import type { Clock } from './platform/clock';
import { createFileStorage } from './platform/storage';

/** Wires every domain service with exactly the dependencies it needs. */
export function createServices({ db, config, clock }: { db: Kysely<DB>; config: Config; clock: Clock }) {
  const storage = createFileStorage(config.storageDir);
  const areas = createAreasService({ db });
  const branches = createBranchesService({ db, clock, areas });
  const auth = createAuthService({ db, config, clock });
  const users = createUsersService({ db, clock, auth, areas, branches });
  const customers = createCustomersService({ db, clock, areas });
  const workOrders = createWorkOrdersService({ db, clock, config, storage, areas, branches, customers, users });
  return { areas, branches, auth, users, customers, workOrders };
}

export type Services = ReturnType<typeof createServices>;
