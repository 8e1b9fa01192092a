import { randomBytes } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { UserTable } from '../../db/schema/user';
import { newId } from '../../platform/ids';
import type { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import * as users from '../users/users.repository';
import type { UsersService } from '../users/users.service';
import type { PreparedRows, RowOutcome, WriteOptions } from './import-kind';
import { type Reason, reason } from './import-text';
import type { ImportedUser } from './user-rows';

export interface UserWriterDeps {
  db: Kysely<DB>;
  users: Pick<UsersService, 'passwordProblemOf'>;
  auth: Pick<AuthService, 'revokeAllSessions' | 'endStreamsOf'>;
}

/**
 * A hash that no password matches: nobody knows the secret, and it is thrown away. The
 * account is there, but cannot sign in until an administrator sets a password for it.
 */
const lockedPasswordHash = () => hashPassword(randomBytes(32).toString('base64url'));

const keysOf = (rows: readonly ImportedUser[]) => ({
  externalIds: rows.map((row) => row.externalId),
  employeeNos: rows.map((row) => row.employeeNo),
  emails: rows.flatMap((row) => (row.email === null ? [] : [row.email])),
});

type Existing = users.UserRow;

function conflictOf(row: ImportedUser, self: Existing | undefined, holders: readonly Existing[]): Reason | null {
  const other = (match: (user: Existing) => boolean) => holders.find((user) => user.id !== self?.id && match(user));
  const byNo = other((user) => user.employeeNo === row.employeeNo);
  if (byNo) {
    return reason(
      `employeeNo: ${row.employeeNo} is already ${byNo.name}'s`,
      `nik: ${row.employeeNo} sudah dipakai ${byNo.name}`,
    );
  }
  const byEmail = row.email === null ? undefined : other((user) => user.email === row.email);
  if (byEmail) {
    return reason(
      `email: ${row.email} is already ${byEmail.name}'s`,
      `email: ${row.email} sudah dipakai ${byEmail.name}`,
    );
  }
  if (self?.role === 'admin') {
    return reason(
      'role: this user is an administrator, who is not imported',
      'peran: pengguna ini administrator, yang tidak diimpor',
    );
  }
  return null;
}

/** What the line changes of a known user; the password never. */
function patchOf(row: ImportedUser, user: Existing): Updateable<UserTable> {
  const fields = {
    employeeNo: row.employeeNo,
    name: row.name,
    role: row.role,
    branchId: row.branchId,
    email: row.email,
    phone: row.phone,
    active: row.active ? 1 : 0,
  };
  return Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => user[key as keyof typeof fields] !== value),
  );
}

const sameAreas = (a: readonly string[], b: readonly string[]) => a.join(' ') === b.join(' ');

/** A new user as `POST /api/v1/users` creates one, with the technician's areas. */
async function insertNew(trx: Kysely<DB>, row: ImportedUser, now: string) {
  const id = newId();
  const { line: _line, password: _password, areaCodes, passwordHash, active, ...fields } = row;
  if (passwordHash === undefined) throw new Error(`line ${row.line} was not prepared`);
  const stamps = { version: 1, createdAt: now, updatedAt: now };
  await users.insertUser(trx, { id, ...fields, passwordHash, active: active ? 1 : 0, ...stamps });
  if (areaCodes.length > 0) await users.replaceTechnicianAreas(trx, id, areaCodes);
}

interface KnownChange {
  patch: Updateable<UserTable>;
  areas: string[];
  areasChanged: boolean;
}

/** A known user changed as `PATCH /api/v1/users/:id` and the areas route change one. */
async function changeKnown(
  trx: Kysely<DB>,
  auth: UserWriterDeps['auth'],
  id: string,
  change: KnownChange,
  now: string,
) {
  const { patch, areas, areasChanged } = change;
  if (Object.keys(patch).length > 0) await users.updateUser(trx, id, { ...patch, updatedAt: now });
  if (areasChanged) await users.replaceTechnicianAreas(trx, id, areas);
  // As a change in the console: a deactivated user is signed out, a changed scope ends their streams.
  if (patch.active === 0) await auth.revokeAllSessions(trx, id);
  else if (areasChanged || 'role' in patch || 'branchId' in patch) await auth.endStreamsOf(trx, id);
}

/** Staff upserted by `externalId` with the users module's rules and tables. */
export function createUserWriter({ db, users: usersService, auth }: UserWriterDeps) {
  return {
    /**
     * Outside the transaction, as hashing is slow: a new user's chosen password is checked by
     * the policy of `POST /api/v1/users` and hashed with the same hasher; a known user's is ignored.
     */
    async prepare(
      rows: readonly ImportedUser[],
      { dryRun }: WriteOptions<unknown>,
    ): Promise<PreparedRows<ImportedUser>> {
      const known = new Set(
        (await users.findUsersByKeys(db, { ...keysOf(rows), employeeNos: [], emails: [] })).map((u) => u.externalId),
      );
      const refused = new Map<number, Reason>();
      const prepared: ImportedUser[] = [];
      for (const row of rows) {
        if (known.has(row.externalId)) {
          prepared.push(row);
          continue;
        }
        const problem = row.password === null ? null : await usersService.passwordProblemOf(row.password, row);
        if (problem) {
          refused.set(row.line, { en: `password: ${problem.en}`, id: `kataSandi: ${problem.id}` });
          continue;
        }
        if (dryRun) prepared.push(row);
        else
          prepared.push({
            ...row,
            passwordHash: await (row.password === null ? lockedPasswordHash() : hashPassword(row.password)),
          });
      }
      return { rows: prepared, refused };
    },

    async write(trx: Kysely<DB>, rows: readonly ImportedUser[], { now, dryRun }: WriteOptions<unknown>) {
      const outcomes = new Map<number, RowOutcome>();
      if (rows.length === 0) return outcomes;
      const holders = await users.findUsersByKeys(trx, keysOf(rows));
      const byExternalId = new Map(holders.map((user) => [user.externalId, user]));
      const areasOf = await users.findAreaCodesOfUsers(
        trx,
        holders.map((user) => user.id),
      );
      for (const row of rows) {
        const self = byExternalId.get(row.externalId);
        const conflict = conflictOf(row, self, holders);
        if (conflict) outcomes.set(row.line, conflict);
        else if (!self) {
          outcomes.set(row.line, 'created');
          if (!dryRun) await insertNew(trx, row, now);
        } else {
          const change = { patch: patchOf(row, self), areas: row.areaCodes };
          const areasChanged = !sameAreas(change.areas, areasOf.get(self.id) ?? []);
          const isSame = Object.keys(change.patch).length === 0 && !areasChanged;
          outcomes.set(row.line, isSame ? 'unchanged' : 'updated');
          if (!dryRun && !isSame) await changeKnown(trx, auth, self.id, { ...change, areasChanged }, now);
        }
      }
      return outcomes;
    },
  };
}
