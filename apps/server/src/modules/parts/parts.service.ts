import type { CreatePartBody, ListPartsQuery, Part, PartsImportReport, UpdatePartBody } from '@purnajual/contract';
import type { Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { PartTable } from '../../db/schema/part';
import { AppError, notFound } from '../../errors';
import { type Clock, toIso } from '../../platform/clock';
import { decodeCursor, toPage } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import * as repo from './parts.repository';
import { readPartsCsv } from './parts-csv';

export interface PartsServiceDeps {
  db: Kysely<DB>;
  clock: Clock;
}

const toPart = (row: repo.PartRow, modelCodes: string[] | undefined): Part => ({
  id: row.id,
  partNo: row.partNo,
  name: row.name,
  price: row.price,
  modelCodes: modelCodes ?? [],
  returnable: row.returnable === 1,
  mustReturnDefective: row.mustReturnDefective === 1,
  reorderLevel: row.reorderLevel,
  version: row.version,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const partNoTaken = (partNo: string) =>
  new AppError('conflict', `Part number ${partNo} is already in the catalog`, {
    errors: [{ path: 'body.partNo', message: 'is already in the catalog' }],
  });

const versionConflict = (current: number) =>
  new AppError('version_conflict', `The part was changed by someone else; it is now at version ${current}`);

/** The catalog: what parts exist, what they cost, which product models they fit. */
export function createPartsService({ db, clock }: PartsServiceDeps) {
  async function withModelCodes(rows: repo.PartRow[]): Promise<Part[]> {
    const codes = await repo.findModelCodes(
      db,
      rows.map((row) => row.id),
    );
    return rows.map((row) => toPart(row, codes.get(row.id)));
  }

  async function getPart(id: string): Promise<Part> {
    const [row] = await repo.findPartsByIds(db, [id]);
    if (!row) throw notFound('Part');
    return toPart(row, (await repo.findModelCodes(db, [id])).get(id));
  }

  function newPartRow(body: CreatePartBody, at: string) {
    return {
      id: newId(),
      partNo: body.partNo,
      name: body.name,
      price: body.price,
      returnable: body.returnable ? 1 : 0,
      mustReturnDefective: body.mustReturnDefective ? 1 : 0,
      reorderLevel: body.reorderLevel,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
  }

  return {
    getPart,

    async listParts(query: ListPartsQuery) {
      const after = decodeCursor(query.cursor)?.[0];
      const rows = await repo.findParts(
        db,
        {
          q: query.q === undefined ? undefined : { partNo: query.q.toUpperCase(), name: query.q },
          modelCode: query.modelCode,
          afterPartNo: after === undefined ? undefined : String(after),
        },
        query.limit + 1,
      );
      const page = toPage(rows, query.limit, (row) => [row.partNo]);
      return { items: await withModelCodes(page.items), nextCursor: page.nextCursor };
    },

    async createPart(body: CreatePartBody): Promise<Part> {
      if ((await repo.findPartsByNumbers(db, [body.partNo])).length > 0) throw partNoTaken(body.partNo);
      const row = newPartRow(body, toIso(clock.now()));
      try {
        await db.transaction().execute(async (trx) => {
          await repo.insertPart(trx, row);
          await repo.replaceModelCodes(trx, row.id, body.modelCodes);
        });
      } catch (error) {
        // Two clerks adding the same part number at once: the unique index decides.
        if ((await repo.findPartsByNumbers(db, [body.partNo])).length > 0) throw partNoTaken(body.partNo);
        throw error;
      }
      return getPart(row.id);
    },

    async updatePart(id: string, body: UpdatePartBody, ifMatch: number | undefined): Promise<Part> {
      const current = await getPart(id);
      const expected = ifMatch ?? body.version;
      if (expected !== undefined && expected !== current.version) throw versionConflict(current.version);
      const patch: Updateable<PartTable> = { updatedAt: toIso(clock.now()) };
      if (body.name !== undefined) patch.name = body.name;
      if (body.price !== undefined) patch.price = body.price;
      if (body.returnable !== undefined) patch.returnable = body.returnable ? 1 : 0;
      if (body.mustReturnDefective !== undefined) patch.mustReturnDefective = body.mustReturnDefective ? 1 : 0;
      if (body.reorderLevel !== undefined) patch.reorderLevel = body.reorderLevel;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updatePartIfVersion(trx, id, current.version, patch))) {
          throw versionConflict(current.version + 1);
        }
        if (body.modelCodes !== undefined) await repo.replaceModelCodes(trx, id, body.modelCodes);
      });
      return getPart(id);
    },

    /**
     * Imports a parts list (CSV): new part numbers are added, known ones updated. Lines that
     * cannot be read are reported and skipped; the others are imported together.
     */
    async importCsv(text: string): Promise<PartsImportReport> {
      const { parts, errors } = readPartsCsv(text);
      const existing = new Map(
        (
          await repo.findPartsByNumbers(
            db,
            parts.map((p) => p.body.partNo),
          )
        ).map((row) => [row.partNo, row]),
      );
      const at = toIso(clock.now());
      let created = 0;
      let updated = 0;
      await db.transaction().execute(async (trx) => {
        for (const { line, body } of parts) {
          const known = existing.get(body.partNo);
          if (known === undefined) {
            const row = newPartRow(body, at);
            await repo.insertPart(trx, row);
            await repo.replaceModelCodes(trx, row.id, body.modelCodes);
            created += 1;
            continue;
          }
          const { id: _id, partNo: _partNo, version: _version, createdAt: _createdAt, ...patch } = newPartRow(body, at);
          const changed = await repo.updatePartIfVersion(trx, known.id, known.version, patch);
          if (!changed) {
            errors.push({ line, message: `partNo: ${body.partNo} was changed by someone else during the import` });
            continue;
          }
          await repo.replaceModelCodes(trx, known.id, body.modelCodes);
          updated += 1;
        }
      });
      return { created, updated, errors: errors.sort((a, b) => a.line - b.line) };
    },
  };
}

export type PartsService = ReturnType<typeof createPartsService>;
