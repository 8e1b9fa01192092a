import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import type { LocalizedText } from '../../platform/problem-language';
import { findPartsByNumbers } from '../parts/parts.repository';
import type { StockService } from '../parts/stock.service';
import type { Movement } from '../parts/stock-movements';
import type { PreparedRows, RowOutcome, WriteOptions } from './import-kind';
import { type Reason, reason } from './import-text';
import * as repo from './imports.repository';
import { type ImportedStock, placeKey } from './stock-rows';

export type StockWriterService = Pick<
  StockService,
  | 'transaction'
  | 'prepareMovements'
  | 'applyMovements'
  | 'findOrCreateBag'
  | 'findOrCreateBranchLocation'
  | 'findOnHand'
  | 'findLimitBreach'
>;

type Ready = ImportedStock & { part: NonNullable<ImportedStock['part']>; locationId: string };

const isReady = (row: ImportedStock): row is Ready => row.part !== undefined && row.locationId !== undefined;

const levelOf = (row: Ready) => `${row.locationId}/${row.part.id}`;

/** A line's movement into or out of its location, for the difference `delta`. */
const movementOf = (row: Ready, delta: number): Movement => ({
  part: row.part,
  fromLocationId: delta < 0 ? row.locationId : null,
  toLocationId: delta > 0 ? row.locationId : null,
  quantity: Math.abs(delta),
  unitPrice: row.unitPrice ?? row.part.price,
});

/** What one batch has taken on so far, so each line is checked against the lines before it. */
class BatchTally {
  readonly levels = new Map<string, number>();
  readonly bagAdditions = new Map<string, { quantity: number; price: number }[]>();
  readonly movements = new Map<string, { row: Ready; movements: Movement[] }>();

  add(row: Ready, delta: number) {
    this.levels.set(levelOf(row), (this.levels.get(levelOf(row)) ?? 0) + delta);
    if (delta > 0 && row.place.kind === 'bag') {
      this.bagAdditions.set(row.locationId, [...this.additionsOf(row), { quantity: delta, price: row.part.price }]);
    }
    const group = this.movements.get(row.locationId) ?? { row, movements: [] };
    group.movements.push(movementOf(row, delta));
    this.movements.set(row.locationId, group);
  }

  additionsOf = (row: Ready) => this.bagAdditions.get(row.locationId) ?? [];
}

const localized = (prefix: LocalizedText, text: LocalizedText): Reason => ({
  en: `${prefix.en}: ${text.en}`,
  id: `${prefix.id}: ${text.id}`,
});

/** Opening stock posted through the stock ledger with the parts module's functions, per line only the difference. */
export function createStockWriter({ db, stock }: { db: Kysely<DB>; stock: StockWriterService }) {
  /** The line's location, created on first use as the stock screens create them. */
  const locationOf = (row: ImportedStock) =>
    row.place.kind === 'warehouse'
      ? stock.findOrCreateBranchLocation(row.place.branchId, 'warehouse')
      : stock.findOrCreateBag(row.place.technician.id);

  async function checkLine(trx: Kysely<DB>, row: Ready, delta: number, tally: BatchTally, onHand: Map<string, number>) {
    if (delta < 0) {
      const available = (onHand.get(levelOf(row)) ?? 0) + (tally.levels.get(levelOf(row)) ?? 0);
      if (available + delta < 0) {
        return reason(
          `quantity: ${row.partNo} at ${row.place.name} has ${available} on hand, fewer than the ${-delta} this line takes off`,
          `jumlah: ${row.partNo} di ${row.place.name} tinggal ${available}, kurang dari ${-delta} yang dikurangi baris ini`,
        );
      }
    }
    if (delta > 0 && row.place.kind === 'bag') {
      const additions = [...tally.additionsOf(row), { quantity: delta, price: row.part.price }];
      const breach = await stock.findLimitBreach(trx, row.place.technician, row.locationId, additions);
      if (breach) return localized({ en: 'location', id: 'lokasi' }, breach);
    }
    return null;
  }

  /** The line's outcome against what an earlier import posted for its `externalId`; a change goes on the tally. */
  async function planLine(
    trx: Kysely<DB>,
    row: Ready,
    posted: repo.ImportStockLineRow | undefined,
    tally: BatchTally,
    onHand: Map<string, number>,
  ): Promise<RowOutcome> {
    if (posted && (posted.partId !== row.part.id || posted.locationKey !== placeKey(row.place))) {
      return reason(
        `externalId: ${row.externalId} was imported for another part or location; give this line another id`,
        `idEksternal: ${row.externalId} sudah diimpor untuk part atau lokasi lain; beri baris ini id lain`,
      );
    }
    const delta = row.quantity - (posted?.quantity ?? 0);
    if (posted && delta === 0) return 'unchanged';
    const refusal = await checkLine(trx, row, delta, tally, onHand);
    if (refusal) return refusal;
    if (delta !== 0) tally.add(row, delta);
    return posted ? 'updated' : 'created';
  }

  /** The tally through the ledger, one movement set per location, and what each line has now posted. */
  async function post(
    trx: Kysely<DB>,
    tally: BatchTally,
    accepted: readonly { row: Ready; isNew: boolean }[],
    { now, actorId }: WriteOptions<unknown>,
  ) {
    for (const { row, movements } of tally.movements.values()) {
      const technicianId = row.place.kind === 'bag' ? row.place.technician.id : null;
      const branchId = row.place.kind === 'bag' ? row.place.technician.branchId : row.place.branchId;
      const audience = { branchId, technicianId };
      await stock.applyMovements(trx, movements, { reason: 'opening', actorId, at: now, audience });
    }
    await repo.upsertStockLines(
      trx,
      accepted.map(({ row, isNew }) => ({
        isNew,
        line: {
          externalId: row.externalId,
          partId: row.part.id,
          locationKey: placeKey(row.place),
          quantity: row.quantity,
          updatedAt: now,
        },
      })),
    );
  }

  return {
    transaction: stock.transaction,

    /** The batch's parts from the catalog and its locations; on a real run, the level rows it adds to. */
    async prepare(
      rows: readonly ImportedStock[],
      { dryRun }: WriteOptions<unknown>,
    ): Promise<PreparedRows<ImportedStock>> {
      const parts = new Map(
        (await findPartsByNumbers(db, [...new Set(rows.map((row) => row.partNo))])).map((part) => [part.partNo, part]),
      );
      const refused = new Map<number, Reason>();
      const prepared: Ready[] = [];
      for (const row of rows) {
        const part = parts.get(row.partNo);
        if (!part) {
          refused.set(
            row.line,
            reason(
              `partCode: ${row.partNo} is not in the parts catalog`,
              `kodePart: ${row.partNo} tidak ada di katalog suku cadang`,
            ),
          );
          continue;
        }
        const location = await locationOf(row);
        prepared.push({
          ...row,
          part: { id: part.id, partNo: part.partNo, price: part.price },
          locationId: location.id,
        });
      }
      if (!dryRun) await stock.prepareMovements(prepared.map((row) => movementOf(row, 1)));
      return { rows: prepared, refused };
    },

    async write(trx: Kysely<DB>, rows: readonly ImportedStock[], options: WriteOptions<unknown>) {
      const outcomes = new Map<number, RowOutcome>();
      const ready = rows.filter(isReady);
      if (ready.length === 0) return outcomes;
      const before = new Map(
        (
          await repo.findStockLines(
            trx,
            ready.map((row) => row.externalId),
          )
        ).map((line) => [line.externalId, line]),
      );
      const onHand = await stock.findOnHand(
        trx,
        ready.map((row) => ({ locationId: row.locationId, partId: row.part.id })),
      );
      const tally = new BatchTally();
      const accepted: { row: Ready; isNew: boolean }[] = [];
      for (const row of ready) {
        const posted = before.get(row.externalId);
        const outcome = await planLine(trx, row, posted, tally, onHand);
        outcomes.set(row.line, outcome);
        if (outcome === 'created' || outcome === 'updated') accepted.push({ row, isNew: posted === undefined });
      }
      if (!options.dryRun) await post(trx, tally, accepted, options);
      return outcomes;
    },
  };
}
