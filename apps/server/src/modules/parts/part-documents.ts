import type { PartRequestEvent, PartReturnEvent, StockTransitionRule } from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index';
import { AppError } from '../../errors';
import type * as repo from './part-requests.repository';

/*
 * What part requests and part returns share: who sees which, how one is shown, and the
 * checks and the guarded write of a move from one status to the next.
 */

export type RequestLineRow = Awaited<ReturnType<typeof repo.findRequestLines>>[number];
export type ReturnLineRow = Awaited<ReturnType<typeof repo.findReturnLines>>[number];

const person = (id: string | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

const workOrderOf = (id: string | null, number: string | null) =>
  id !== null && number !== null ? { id, number } : null;

const partOf = (line: { partId: string; partNo: string; name: string; price: number }) => ({
  id: line.partId,
  partNo: line.partNo,
  name: line.name,
  price: line.price,
});

export function toRequestEvent(row: repo.RequestRow, lines: RequestLineRow[]): PartRequestEvent {
  const own = lines.filter((line) => line.requestId === row.id);
  return {
    id: row.id,
    status: row.status,
    branchId: row.branchId,
    technician: { id: row.technicianId, name: row.technicianName },
    workOrder: workOrderOf(row.workOrderId, row.workOrderNumber),
    note: row.note,
    lines: own.map((line) => ({ part: partOf(line), quantity: line.quantity })),
    totalItems: own.reduce((sum, line) => sum + line.quantity, 0),
    totalValue: own.reduce((sum, line) => sum + line.quantity * line.price, 0),
    rejectReason: row.rejectReason,
    decidedBy: person(row.decidedBy, row.decidedByName),
    decidedAt: row.decidedAt,
    issuedBy: person(row.issuedBy, row.issuedByName),
    issuedAt: row.issuedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toReturnEvent(row: repo.ReturnRow, lines: ReturnLineRow[]): PartReturnEvent {
  const own = lines.filter((line) => line.returnId === row.id);
  return {
    id: row.id,
    status: row.status,
    branchId: row.branchId,
    technician: { id: row.technicianId, name: row.technicianName },
    note: row.note,
    lines: own.map((line) => ({
      part: partOf(line),
      quantity: line.quantity,
      condition: line.condition,
      workOrder: workOrderOf(line.workOrderId, line.workOrderNumber),
    })),
    totalItems: own.reduce((sum, line) => sum + line.quantity, 0),
    receivedBy: person(row.receivedBy, row.receivedByName),
    receivedAt: row.receivedAt,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type DocumentName = 'part request' | 'part return';

const versionConflict = (what: DocumentName, current: number) =>
  new AppError('version_conflict', `The ${what} was changed by someone else; it is now at version ${current}`);

const invalidTransition = (what: DocumentName, action: string, status: string) =>
  new AppError('invalid_transition', `Cannot ${action} a ${what} that is ${status}`);

interface Versioned<S extends string> {
  status: S;
  version: number;
}

/** Refuses, before any work, a stale version, an actor the action is not for, or a status it does not start from. */
export function checkTransition<S extends string>(
  what: DocumentName,
  check: { action: string; rule: StockTransitionRule<S>; allowed: boolean; expected: number | undefined },
  row: Versioned<S>,
) {
  if (check.expected !== undefined && check.expected !== row.version) throw versionConflict(what, row.version);
  if (!check.allowed) throw new AppError('forbidden', `You may not ${check.action} this ${what}`);
  if (!check.rule.from.includes(row.status)) throw invalidTransition(what, check.action, row.status);
}

/**
 * The guarded write of a move: only from the status and version `row` was read at. When
 * someone else moved first, says why: the status changed (409 `invalid_transition`) or
 * only the version did (409 `version_conflict`).
 */
export function guardedMove<S extends string>(
  what: DocumentName,
  action: string,
  row: Versioned<S>,
  io: {
    update: (trx: Kysely<DB>) => Promise<boolean>;
    reread: (trx: Kysely<DB>) => Promise<Versioned<S> | undefined>;
  },
) {
  return async (trx: Kysely<DB>) => {
    if (await io.update(trx)) return;
    const current = await io.reread(trx);
    if (current && current.status !== row.status) throw invalidTransition(what, action, current.status);
    throw versionConflict(what, current?.version ?? row.version + 1);
  };
}
