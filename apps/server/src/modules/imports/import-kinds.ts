import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { Clock } from '../../platform/clock';
import { createCustomerKind } from './customer-kind';
import type { ImportKinds } from './import-kind';
import { productModelKind } from './product-model-kind';
import { createStockKind, type StockKindDeps } from './stock-kind';
import { createUserKind, type UserKindDeps } from './user-kind';

export type ImportKindsDeps = { db: Kysely<DB>; clock: Clock } & Omit<UserKindDeps, 'db'> &
  Omit<StockKindDeps, 'db' | 'users'> & {
    users: UserKindDeps['users'] & StockKindDeps['users'];
  };

/** Every kind of import, by the name the API and the CLI give it. */
export const createImportKinds = (deps: ImportKindsDeps): ImportKinds => ({
  customers: createCustomerKind(deps),
  'product-models': productModelKind,
  users: createUserKind(deps),
  stock: createStockKind(deps),
});
