import type { Kysely } from 'kysely';
import type { Config } from './config';
import type { DB } from './db/schema/index';
import { createAreasService } from './modules/areas/areas.service';
import { createAuthService } from './modules/auth/auth.service';
import { createBranchesService } from './modules/branches/branches.service';
import { createUsersService } from './modules/users/users.service';
import type { Clock } from './platform/clock';

/** Wires every domain service with exactly the dependencies it needs. */
export function createServices({ db, config, clock }: { db: Kysely<DB>; config: Config; clock: Clock }) {
  const areas = createAreasService({ db });
  const branches = createBranchesService({ db, clock, areas });
  const auth = createAuthService({ db, config, clock });
  const users = createUsersService({ db, clock, auth, areas, branches });
  return { areas, branches, auth, users };
}

export type Services = ReturnType<typeof createServices>;
