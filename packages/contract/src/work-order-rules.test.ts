import { describe, expect, it } from 'vitest';
import { allowedActions, isActorAllowed, type TransitionActor } from './work-order-rules';

const office = (role: TransitionActor['role']): TransitionActor => ({
  role,
  isAssignedTechnician: false,
  isCoveringTechnician: false,
});
const assigned: TransitionActor = { role: 'technician', isAssignedTechnician: true, isCoveringTechnician: true };
const covering: TransitionActor = { role: 'technician', isAssignedTechnician: false, isCoveringTechnician: true };
const stranger: TransitionActor = { role: 'technician', isAssignedTechnician: false, isCoveringTechnician: false };

describe('who may take which action (written out by hand from API.md)', () => {
  it.each([
    ['assign', office('agent'), true],
    ['assign', office('supervisor'), true],
    ['assign', office('warehouse'), false],
    ['assign', assigned, false],
    ['claim', covering, true],
    ['claim', stranger, false],
    ['claim', office('agent'), false],
    ['accept', assigned, true],
    ['accept', covering, false],
    ['schedule', assigned, true],
    ['schedule', office('agent'), true],
    ['schedule', office('admin'), false],
    ['start', assigned, true],
    ['start', office('supervisor'), false],
    ['complete', assigned, true],
    ['complete', office('admin'), false],
    ['close', office('agent'), true],
    ['close', assigned, false],
    ['cancel', office('admin'), true],
    ['cancel', assigned, false],
    ['reopen', office('supervisor'), true],
    ['reopen', office('agent'), false],
  ] as const)('%s by %o → %s', (action, actor, expected) => {
    expect(isActorAllowed(action, actor)).toBe(expected);
  });
});

describe('allowedActions: the buttons each screen shows', () => {
  it.each([
    ['new', office('agent'), ['assign', 'cancel']],
    ['new', covering, ['claim']],
    ['assigned', assigned, ['accept', 'decline']],
    ['accepted', assigned, ['schedule', 'depart', 'start']],
    ['in_progress', assigned, ['hold', 'complete']],
    ['on_hold', assigned, ['schedule', 'start']],
    ['completed', office('supervisor'), ['close', 'cancel', 'reopen']],
    ['closed', office('admin'), ['reopen']],
    ['cancelled', office('admin'), []],
  ] as const)('%s for %o', (status, actor, expected) => {
    expect(allowedActions(status, actor)).toEqual(expected);
  });
});
