import type { Branch, CreateBranchBody, UpdateBranchBody } from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { BranchTable } from '../../db/schema/branch';
import type { DB } from '../../db/schema/index';
import { AppError, notFound } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { newId } from '../../platform/ids';
import type { AreasService } from '../areas/areas.service';
import * as repo from './branches.repository';

export interface BranchesServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
  areas: Pick<AreasService, 'assertAreaCodesExist'>;
}

const toBranch = (row: repo.BranchRow, areaCodes: string[] | undefined): Branch => ({
  id: row.id,
  code: row.code,
  name: row.name,
  address: row.address,
  timeZone: row.timeZone,
  areaCodes: areaCodes ?? [],
  autoAssign: row.autoAssign === 1,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export function createBranchesService({ db, clock, areas }: BranchesServiceDeps) {
  async function getBranch(id: string): Promise<Branch> {
    const row = await repo.findBranchById(db, id);
    if (!row) throw notFound('Branch');
    return toBranch(row, (await repo.findAreaCodesOfBranches(db, [id])).get(id));
  }

  return {
    getBranch,

    async listBranches(): Promise<Branch[]> {
      const rows = await repo.findBranches(db);
      const areaCodes = await repo.findAreaCodesOfBranches(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => toBranch(row, areaCodes.get(row.id)));
    },

    /**
     * The branch that serves a district: the one whose served area is the most specific
     * match (a district beats its regency, which beats its province); ties go to the
     * lowest branch code so routing is deterministic.
     */
    async findBranchServing(areaCodes: string[]) {
      const rows = await repo.findBranchesServing(db, areaCodes);
      rows.sort((a, b) => b.areaCode.length - a.areaCode.length || a.code.localeCompare(b.code));
      const best = rows[0];
      return best ? { id: best.id, timeZone: best.timeZone, autoAssign: best.autoAssign === 1 } : null;
    },

    /** The branch row, or undefined. */
    findBranch: (id: string) => repo.findBranchById(db, id),

    async assertBranchExists(id: string, path: string) {
      if (!(await repo.findBranchById(db, id))) {
        throw new AppError('validation_failed', 'Unknown branch', { errors: [{ path, message: 'is not a branch' }] });
      }
    },

    async createBranch(body: CreateBranchBody): Promise<Branch> {
      if (await repo.findBranchByCode(db, body.code)) {
        throw new AppError('conflict', `Branch code ${body.code} is already in use`, {
          errors: [{ path: 'body.code', message: 'is already in use' }],
        });
      }
      const areaCodes = [...new Set(body.areaCodes)];
      await areas.assertAreaCodesExist(body.areaCodes, 'body.areaCodes');
      const now = toIso(clock.now());
      const id = newId();
      await repo.insertBranch(
        db,
        {
          id,
          code: body.code,
          name: body.name,
          address: body.address,
          timeZone: body.timeZone,
          autoAssign: body.autoAssign ? 1 : 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        },
        areaCodes,
      );
      return getBranch(id);
    },

    async updateBranch(id: string, body: UpdateBranchBody): Promise<Branch> {
      if (!(await repo.findBranchById(db, id))) throw notFound('Branch');
      if (body.areaCodes) await areas.assertAreaCodesExist(body.areaCodes, 'body.areaCodes');
      const patch: Updateable<BranchTable> = { updatedAt: toIso(clock.now()) };
      if (body.name !== undefined) patch.name = body.name;
      if (body.address !== undefined) patch.address = body.address;
      if (body.timeZone !== undefined) patch.timeZone = body.timeZone;
      if (body.autoAssign !== undefined) patch.autoAssign = body.autoAssign ? 1 : 0;
      await repo.updateBranch(db, id, patch, body.areaCodes && [...new Set(body.areaCodes)]);
      return getBranch(id);
    },
  };
}

export type BranchesService = ReturnType<typeof createBranchesService>;
