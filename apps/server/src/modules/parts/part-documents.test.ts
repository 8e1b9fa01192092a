import { partRequestTransitions } from '@purnajual/contract';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/database';
import { AppError } from '../../errors';
import { checkTransition, guardedMove } from './part-documents';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'passed';
};

const approved = { status: 'approved' as const, version: 3 };
const issueBy = (allowed: boolean, expected: number | undefined) => ({
  action: 'issue',
  rule: partRequestTransitions.issue,
  allowed,
  expected,
});

describe('checkTransition', () => {
  it('lets an allowed action from its status at the current version through', () => {
    expect(codeOf(() => checkTransition('part request', issueBy(true, 3), approved))).toBe('passed');
    expect(codeOf(() => checkTransition('part request', issueBy(true, undefined), approved))).toBe('passed');
  });

  it('refuses a stale version first, then an actor the action is not for, then a wrong status', () => {
    expect(codeOf(() => checkTransition('part request', issueBy(false, 2), approved))).toBe('version_conflict');
    expect(codeOf(() => checkTransition('part request', issueBy(false, 3), approved))).toBe('forbidden');
    expect(codeOf(() => checkTransition('part request', issueBy(true, 1), { status: 'requested', version: 1 }))).toBe(
      'invalid_transition',
    );
  });
});

// The guarded write hands the transaction on to its queries; these fakes never use it.
const standIn = await createTestDatabase({ dialect: 'sqlite' });
afterAll(() => standIn.dispose());

describe('guardedMove', () => {
  const moveOn = (updated: boolean, current: { status: 'approved' | 'issued'; version: number } | undefined) =>
    guardedMove('part request', 'issue', approved, {
      update: async () => updated,
      reread: async () => current,
    })(standIn.db);

  it('passes when the guarded write went through', async () => {
    await expect(moveOn(true, undefined)).resolves.toBeUndefined();
  });

  it('says the status changed when someone moved the document on first', async () => {
    await expect(moveOn(false, { status: 'issued', version: 4 })).rejects.toMatchObject({
      code: 'invalid_transition',
      message: 'Cannot issue a part request that is issued',
    });
  });

  it('says only the version changed when the status is still the same', async () => {
    await expect(moveOn(false, { status: 'approved', version: 4 })).rejects.toMatchObject({
      code: 'version_conflict',
      message: expect.stringContaining('now at version 4'),
    });
  });
});
