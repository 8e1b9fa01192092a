import type { CreateUserBody, ListUsersQuery, Role, UpdateUserBody, User } from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { UserTable } from '../../db/schema/user';
import { AppError, notFound } from '../../errors';
import { canSeeUser, userListBranchOf } from '../../platform/access-policy/user-policy';
import type { Actor } from '../../platform/actor';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import type { AreasService } from '../areas/areas.service';
import type { AuthService } from '../auth/auth.service';
import { assertAcceptablePassword, hashPassword, passwordProblem } from '../auth/password';
import type { BranchesService } from '../branches/branches.service';
import { emailOf, employeeNoOf, needsBranch } from './user-rules';
import * as repo from './users.repository';

export interface UsersServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  auth: Pick<AuthService, 'revokeAllSessions' | 'endStreamsOf'>;
  areas: Pick<AreasService, 'assertAreaCodesExist'>;
  branches: Pick<BranchesService, 'assertBranchExists' | 'getBranch'>;
  /** A password may not contain it. */
  companyName: string;
  /** Wakes the event streams after a commit that ended some of them. */
  onCommitted: () => void;
}

function toUser(row: repo.UserRow, areaCodes: string[] | undefined): User {
  return {
    id: row.id,
    employeeNo: row.employeeNo,
    name: row.name,
    role: row.role,
    branchId: row.branchId,
    phone: row.phone,
    email: row.email,
    active: row.active === 1,
    ...(row.role === 'technician' ? { areaCodes: areaCodes ?? [] } : {}),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function assertBranchForRole(role: Role, branchId: string | null | undefined) {
  if (needsBranch(role) && !branchId) {
    throw new AppError('validation_failed', `A ${role} must belong to a branch`, {
      errors: [{ path: 'body.branchId', message: `is required for the ${role} role` }],
    });
  }
}

export function createUsersService({ db, clock, auth, areas, branches, companyName, onCommitted }: UsersServiceDeps) {
  async function withAreas(rows: repo.UserRow[]): Promise<User[]> {
    const technicianIds = rows.filter((row) => row.role === 'technician').map((row) => row.id);
    const areaCodes = await repo.findAreaCodesOfUsers(db, technicianIds);
    return rows.map((row) => toUser(row, areaCodes.get(row.id)));
  }

  async function findVisible(actor: Actor, id: string): Promise<repo.UserRow> {
    const row = await repo.findUserById(db, id);
    if (!row || !canSeeUser(actor, row)) throw notFound('User');
    return row;
  }

  async function toProfile(row: repo.UserRow | undefined): Promise<User> {
    const [user] = row ? await withAreas([row]) : [];
    if (!user) throw notFound('User');
    return user;
  }

  const getUser = async (actor: Actor, id: string): Promise<User> => toProfile(await findVisible(actor, id));

  const assertPasswordOf = (password: string, person: { employeeNo: string; name: string }) =>
    assertAcceptablePassword(password, { ...person, companyName });

  /** One user per e-mail, compared in lower case: single sign-on finds its user by it. */
  async function assertEmailFree(email: string | null | undefined, exceptId?: string) {
    if (!email) return;
    const existing = await repo.findUserIdByEmail(db, email);
    if (existing && existing.id !== exceptId) {
      throw new AppError('conflict', `The e-mail address ${email} is already in use`, {
        errors: [{ path: 'body.email', message: 'is already in use' }],
      });
    }
  }

  async function assertEmployeeNoFree(employeeNo: string, exceptId?: string) {
    const existing = await repo.findUserIdByEmployeeNo(db, employeeNo);
    if (existing && existing.id !== exceptId) {
      throw new AppError('conflict', `Employee number ${employeeNo} is already in use`, {
        errors: [{ path: 'body.employeeNo', message: 'is already in use' }],
      });
    }
  }

  /**
   * A supervisor hands out areas their branch serves: a technician covering another
   * branch's districts would see and claim that branch's work orders.
   */
  async function assertWithinBranch(actor: Actor, areaCodes: string[]) {
    const served = actor.branchId === null ? [] : (await branches.getBranch(actor.branchId)).areaCodes;
    const errors = areaCodes.flatMap((code, index) =>
      served.some((area) => code === area || code.startsWith(`${area}.`))
        ? []
        : [{ path: `body.areaCodes.${index}`, message: `${code} lies outside the areas your branch serves` }],
    );
    if (errors.length > 0) {
      throw new AppError('forbidden', "A supervisor assigns areas within their branch's own", { errors });
    }
  }

  return {
    getUser,

    /** What the password policy says of a password a person chose, in each language; null if it passes. */
    passwordProblemOf: (password: string, person: { employeeNo: string; name: string }) =>
      passwordProblem(password, { ...person, companyName }),

    /** The user's own profile (`/me`, the sign-in answer); no visibility rule applies. */
    getProfile: async (id: string): Promise<User> => toProfile(await repo.findUserById(db, id)),

    async listUsers(actor: Actor, query: ListUsersQuery) {
      const after = decodeCursor(query.cursor)?.[0];
      const held = userListBranchOf(actor, query.branchId);
      if (held === null) return { items: [], nextCursor: null };
      const rows = await repo.findUsers(
        db,
        {
          branchId: held.branchId,
          role: query.role,
          active: query.active,
          q: query.q,
          afterEmployeeNo: after === undefined ? undefined : String(after),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.employeeNo]);
      return { items: await withAreas(page.items), nextCursor: page.nextCursor };
    },

    /**
     * `checkPassword: false` is for the demo accounts only: their password is published in
     * the README, and the policy is for passwords that people choose.
     */
    async createUser(body: CreateUserBody, { checkPassword = true } = {}): Promise<User> {
      const employeeNo = employeeNoOf(body.employeeNo);
      assertBranchForRole(body.role, body.branchId);
      if (body.branchId) await branches.assertBranchExists(body.branchId, 'body.branchId');
      await assertEmployeeNoFree(employeeNo);
      const email = emailOf(body.email);
      await assertEmailFree(email);
      if (checkPassword) await assertPasswordOf(body.password, { employeeNo, name: body.name });
      const now = toIso(clock.now());
      const id = newId();
      await repo.insertUser(db, {
        id,
        employeeNo,
        name: body.name,
        role: body.role,
        branchId: body.branchId ?? null,
        phone: body.phone ?? null,
        email: email ?? null,
        passwordHash: await hashPassword(body.password),
        active: 1,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      return toProfile(await repo.findUserById(db, id));
    },

    async updateUser(actor: Actor, id: string, body: UpdateUserBody): Promise<User> {
      const current = await findVisible(actor, id);
      const employeeNo = body.employeeNo === undefined ? undefined : employeeNoOf(body.employeeNo);
      const role = body.role ?? current.role;
      const branchId = body.branchId === undefined ? current.branchId : body.branchId;
      assertBranchForRole(role, branchId);
      if (body.branchId) await branches.assertBranchExists(body.branchId, 'body.branchId');
      if (employeeNo !== undefined) await assertEmployeeNoFree(employeeNo, id);
      const email = emailOf(body.email);
      await assertEmailFree(email, id);
      if (body.active === false && id === actor.id) {
        throw new AppError('conflict', 'You cannot deactivate your own account');
      }
      const patch: Updateable<UserTable> = { updatedAt: toIso(clock.now()) };
      if (employeeNo !== undefined) patch.employeeNo = employeeNo;
      if (body.name !== undefined) patch.name = body.name;
      if (body.role !== undefined) patch.role = body.role;
      if (body.branchId !== undefined) patch.branchId = body.branchId;
      if (body.phone !== undefined) patch.phone = body.phone;
      if (email !== undefined) patch.email = email;
      if (body.active !== undefined) patch.active = body.active ? 1 : 0;
      if (body.password !== undefined) {
        await assertPasswordOf(body.password, {
          employeeNo: employeeNo ?? current.employeeNo,
          name: body.name ?? current.name,
        });
        patch.passwordHash = await hashPassword(body.password);
      }
      const isScopeChanged = role !== current.role || branchId !== current.branchId;
      await db.transaction().execute(async (trx) => {
        await repo.updateUser(trx, id, patch);
        if (body.active === false || body.password !== undefined) await auth.revokeAllSessions(trx, id);
        // What the user's open event streams may see was fixed when they opened.
        else if (isScopeChanged) await auth.endStreamsOf(trx, id);
      });
      onCommitted();
      return getUser(actor, id);
    },

    /** Active technicians whose operating areas include one of these codes. */
    findTechniciansCovering: (areaCodes: string[]) => repo.findTechniciansCovering(db, areaCodes),

    /** Active technicians by id and/or branch; empty id lists match nobody. */
    findActiveTechnicians: (filter: { ids?: string[]; branchId?: string }) =>
      filter.ids?.length === 0 ? Promise.resolve([]) : repo.findActiveTechnicians(db, filter),

    /** Active supervisors of a branch: who hears of its SLA breaches. */
    findActiveSupervisors: (branchId: string) => repo.findActiveSupervisors(db, branchId),

    /** A technician's operating area codes (empty for anyone else). */
    async findAreaCodes(userId: string): Promise<string[]> {
      return (await repo.findAreaCodesOfUsers(db, [userId])).get(userId) ?? [];
    },

    /** Operating area codes of several technicians in one query. */
    findAreaCodesOfUsers: (userIds: string[]) => repo.findAreaCodesOfUsers(db, userIds),

    /** The user if they are an active technician, else undefined. */
    async findActiveTechnician(id: string) {
      const row = await repo.findUserById(db, id);
      return row && row.role === 'technician' && row.active === 1 ? row : undefined;
    },

    async setTechnicianAreas(actor: Actor, technicianId: string, areaCodes: string[]) {
      const technician = await findVisible(actor, technicianId);
      if (technician.role !== 'technician') {
        throw new AppError('validation_failed', 'Operating areas belong to technicians only', {
          errors: [{ path: 'params.id', message: 'is not a technician' }],
        });
      }
      const unique = [...new Set(areaCodes)];
      await areas.assertAreaCodesExist(areaCodes, 'body.areaCodes');
      if (actor.role === 'supervisor') await assertWithinBranch(actor, areaCodes);
      await db.transaction().execute(async (trx) => {
        await repo.replaceTechnicianAreas(trx, technicianId, unique);
        // Open streams deliver claimable work by the areas the technician had when they opened.
        await auth.endStreamsOf(trx, technicianId);
      });
      onCommitted();
      return { technicianId, areaCodes: unique.sort() };
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
