import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { findAllAreas } from '../areas/areas.repository';
import type { BranchesService } from '../branches/branches.service';
import type { ImportKindSpec } from './import-kind';
import { type UserColumn, userColumns } from './user-columns';
import { type ImportedUser, readUserRow, type UserRowContext, userFileKeys } from './user-rows';
import { createUserWriter, type UserWriterDeps } from './user-writer';

/** Lines per batch of users: each new one's password is hashed (Argon2id, tens of milliseconds). */
const userBatchSize = 25;

export interface UserKindDeps extends UserWriterDeps {
  db: Kysely<DB>;
  branches: Pick<BranchesService, 'listBranches'>;
  /** Wakes the event streams after a commit that ended some of them. */
  onCommitted: () => void;
}

/** Staff and technicians with their operating areas, upserted by `externalId`. */
export function createUserKind(deps: UserKindDeps): ImportKindSpec<UserColumn, ImportedUser, UserRowContext> {
  const writer = createUserWriter(deps);
  return {
    kind: 'users',
    columns: userColumns,
    names: { file: { en: 'users-template', id: 'templat-pengguna' }, sheet: { en: 'Users', id: 'Pengguna' } },
    batchSize: (configured) => Math.min(configured, userBatchSize),
    async loadContext() {
      const [branches, areas] = await Promise.all([deps.branches.listBranches(), findAllAreas(deps.db)]);
      return {
        branchIdsByCode: new Map(branches.map((branch) => [branch.code, branch.id])),
        areaCodes: new Set(areas.map((area) => area.code)),
      };
    },
    readRow: readUserRow,
    fileKeys: userFileKeys,
    prepare: writer.prepare,
    write: writer.write,
    afterCommit: deps.onCommitted,
  };
}
