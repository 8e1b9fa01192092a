/*
 * The status machine as plain data, free of schema code, so an app can read its rules
 * without downloading the validation library (the technician app's first paint).
 */
import type { Role } from './roles';

export const workOrderStatuses = [
  'new',
  'assigned',
  'accepted',
  'scheduled',
  'en_route',
  'in_progress',
  'on_hold',
  'completed',
  'closed',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof workOrderStatuses)[number];

/** Statuses in which a work order still needs someone to act. */
export const openWorkOrderStatuses = [
  'new',
  'assigned',
  'accepted',
  'scheduled',
  'en_route',
  'in_progress',
  'on_hold',
] as const satisfies readonly WorkOrderStatus[];

export const workOrderActions = [
  'assign',
  'claim',
  'accept',
  'decline',
  'schedule',
  'depart',
  'start',
  'hold',
  'complete',
  'close',
  'cancel',
  'reopen',
] as const;
export type WorkOrderAction = (typeof workOrderActions)[number];

/**
 * Who may take an action: office roles by role; `assignedTechnician` is the technician the
 * work order is assigned to; `coveringTechnician` is any technician whose operating areas
 * cover the work order's district.
 */
export type ActorRule = Role | 'assignedTechnician' | 'coveringTechnician';

export interface TransitionRule {
  from: readonly WorkOrderStatus[];
  to: WorkOrderStatus;
  who: readonly ActorRule[];
}

/** The status machine, as data: the server enforces it, the apps show only what it allows. */
export const workOrderTransitions: Record<WorkOrderAction, TransitionRule> = {
  assign: { from: ['new', 'assigned', 'accepted', 'scheduled'], to: 'assigned', who: ['agent', 'supervisor', 'admin'] },
  claim: { from: ['new'], to: 'accepted', who: ['coveringTechnician'] },
  accept: { from: ['assigned'], to: 'accepted', who: ['assignedTechnician'] },
  decline: { from: ['assigned'], to: 'new', who: ['assignedTechnician'] },
  schedule: {
    from: ['accepted', 'scheduled', 'on_hold'],
    to: 'scheduled',
    who: ['assignedTechnician', 'agent', 'supervisor'],
  },
  depart: { from: ['scheduled', 'accepted'], to: 'en_route', who: ['assignedTechnician'] },
  start: { from: ['en_route', 'scheduled', 'accepted', 'on_hold'], to: 'in_progress', who: ['assignedTechnician'] },
  hold: { from: ['in_progress'], to: 'on_hold', who: ['assignedTechnician'] },
  complete: { from: ['in_progress'], to: 'completed', who: ['assignedTechnician'] },
  close: { from: ['completed'], to: 'closed', who: ['agent', 'supervisor', 'admin'] },
  cancel: {
    from: workOrderStatuses.filter((status) => status !== 'closed' && status !== 'cancelled'),
    to: 'cancelled',
    who: ['agent', 'supervisor', 'admin'],
  },
  reopen: { from: ['completed', 'closed'], to: 'assigned', who: ['supervisor', 'admin'] },
};

export interface TransitionActor {
  role: Role;
  /** Is the actor the technician this work order is assigned to? */
  isAssignedTechnician: boolean;
  /** Do the actor's operating areas cover the work order's district? */
  isCoveringTechnician: boolean;
}

export function isActorAllowed(action: WorkOrderAction, actor: TransitionActor): boolean {
  return workOrderTransitions[action].who.some((rule) => {
    if (rule === 'assignedTechnician') return actor.role === 'technician' && actor.isAssignedTechnician;
    if (rule === 'coveringTechnician') return actor.role === 'technician' && actor.isCoveringTechnician;
    return rule === actor.role;
  });
}

/** The actions this actor may take on a work order in this status: the buttons to show. */
export function allowedActions(status: WorkOrderStatus, actor: TransitionActor): WorkOrderAction[] {
  return workOrderActions.filter(
    (action) => workOrderTransitions[action].from.includes(status) && isActorAllowed(action, actor),
  );
}
