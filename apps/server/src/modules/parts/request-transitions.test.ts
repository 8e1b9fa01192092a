import { type PartRequestAction, partRequestActions } from '@purnajual/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import type { Actor } from '../../platform/actor';
import type * as repo from './part-requests.repository';
import { createRequestHandlers, type RequestStep, type RequestStock } from './request-transitions';

/*
 * The table of per-action handlers on its own: what each action records besides the
 * status, and which one moves stock. The route tests take the actions through the whole
 * service on a real database.
 */

// The handlers read through the database only when they commit; these tests never do.
const standIn = await createTestDatabase({ dialect: 'sqlite' });
afterAll(() => standIn.dispose());
const untouched = () => {
  throw new Error('The handler touched stock');
};
const stock: RequestStock = {
  transaction: untouched,
  prepareMovements: untouched,
  applyMovements: untouched,
  findOrCreateBag: untouched,
  findOrCreateBranchLocation: untouched,
  checkLimits: untouched,
  assertWithinLimits: untouched,
};
const handlers = createRequestHandlers({ db: standIn.db, stock });

const clerk: Actor = {
  id: 'clerk-1',
  employeeNo: 'G-1',
  role: 'warehouse',
  branchId: 'branch-1',
  name: 'Clerk',
  sessionId: 'session-1',
};
const at = '2026-01-01T08:00:00.000Z';
const row: repo.RequestRow = {
  id: 'request-1',
  branchId: 'branch-1',
  technicianId: 'tech-1',
  technicianName: 'Agus',
  workOrderId: null,
  workOrderNumber: null,
  status: 'requested',
  note: null,
  rejectReason: null,
  decidedBy: null,
  decidedByName: null,
  decidedAt: null,
  issuedBy: null,
  issuedByName: null,
  issuedAt: null,
  version: 1,
  createdAt: at,
  updatedAt: at,
};

const stepOf = <A extends PartRequestAction>(
  body: RequestStep<A>['body'],
): Omit<RequestStep<A>, 'moveOn' | 'recordMove'> => ({
  actor: clerk,
  row,
  body,
  at,
});

describe('part request handlers', () => {
  it('have one handler for every action', () => {
    expect(Object.keys(handlers).sort()).toEqual([...partRequestActions].sort());
  });

  it('record who approved and when', () => {
    expect(handlers.approve.fields(stepOf({ action: 'approve' }))).toEqual({ decidedBy: clerk.id, decidedAt: at });
  });

  it('record who rejected, when and why', () => {
    expect(handlers.reject.fields(stepOf({ action: 'reject', reason: 'Stok habis' }))).toEqual({
      decidedBy: clerk.id,
      decidedAt: at,
      rejectReason: 'Stok habis',
    });
  });

  it('record who issued and when', () => {
    expect(handlers.issue.fields(stepOf({ action: 'issue' }))).toEqual({ issuedBy: clerk.id, issuedAt: at });
  });

  it('record nothing but the status on a cancel', () => {
    expect(handlers.cancel.fields(stepOf({ action: 'cancel' }))).toEqual({});
  });

  it('move stock only when issuing', () => {
    const moving = partRequestActions.filter((action) => handlers[action].commit !== undefined);
    expect(moving).toEqual(['issue']);
  });
});
