import { ApiError, pathOf } from '@purnajual/client';
import {
  branchSchema,
  type Notification,
  notificationSchema,
  pageSchema,
  userSchema,
  type WorkOrderDetail,
  type WorkOrderSummary,
  workOrderDetailSchema,
  workOrderSummarySchema,
} from '@purnajual/contract';
import { z } from 'zod';
import { api } from '../app/api';
import { db, type QueuedChange, type StoredDetail, type StoredWorkOrder } from './db';
import { pullBag, pullCatalog } from './parts-sync';

/** The offline store keeps at least this many of the technician's most recent work orders. */
export const storedWorkOrderLimit = 1000;
const pageSize = 200;

const workOrderPageSchema = pageSchema(workOrderSummarySchema);
const notificationPageSchema = pageSchema(notificationSchema);
const areasSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

const toStored = (summary: WorkOrderSummary, at: Date): StoredWorkOrder => ({ ...summary, syncedAt: at.toISOString() });

/** The list fields of a detail (parsing drops the rest). */
const summaryOf = (detail: WorkOrderDetail) => workOrderSummarySchema.parse(detail);

/** Work orders with changes still queued keep the phone's copy until those changes are sent. */
async function workOrdersWithQueuedChanges() {
  const ids = await db.queue
    .where('state')
    .equals('pending')
    .toArray((items) => items.map((item) => item.workOrderId));
  return new Set(ids.filter((id): id is string => id !== null));
}

/** Ids of the work orders stored after `readAt`: a read begun before then is older than they are. */
async function storedSince(ids: string[], readAt: Date) {
  const stored = await db.workOrders.bulkGet(ids);
  return new Set(stored.flatMap((item) => (item && new Date(item.syncedAt) >= readAt ? [item.id] : [])));
}

/** A detail with the list fields of a newer summary laid over it. */
const withSummary = (detail: StoredDetail, summary: StoredWorkOrder): StoredDetail => ({
  ...detail,
  ...summary,
  customer: { ...detail.customer, ...summary.customer },
});

/**
 * Stores what the server says a work order is now, unless the phone has changes of its
 * own queued, or — for an answer to a read begun at `readAt` — a newer copy arrived while
 * the read was on its way (the answer to a change just sent, say). Even then a detail the
 * phone does not have yet is kept, under the phone's newer list fields: a new phone reads
 * the list and a detail at once, and its bill would otherwise wait for the next read.
 */
export async function storeServerWorkOrder(summary: WorkOrderSummary, detail?: WorkOrderDetail, readAt?: Date) {
  const now = new Date();
  await db.transaction('rw', [db.workOrders, db.details, db.queue], async () => {
    const isPhoneNewer =
      (await workOrdersWithQueuedChanges()).has(summary.id) ||
      (readAt !== undefined && (await storedSince([summary.id], readAt)).has(summary.id));
    if (isPhoneNewer) {
      const [phone, phoneDetail] = await Promise.all([db.workOrders.get(summary.id), db.details.get(summary.id)]);
      if (detail && phone && !phoneDetail)
        await db.details.put(withSummary({ ...detail, syncedAt: phone.syncedAt }, phone));
      return;
    }
    const stored = toStored(summary, now);
    await db.workOrders.put(stored);
    if (detail) await db.details.put({ ...detail, syncedAt: stored.syncedAt });
    else {
      const storedDetail = await db.details.get(summary.id);
      if (storedDetail) await db.details.put(withSummary(storedDetail, stored));
    }
  });
}

export async function removeWorkOrder(id: string) {
  await db.transaction('rw', [db.workOrders, db.details], async () => {
    await db.workOrders.delete(id);
    await db.details.delete(id);
  });
}

/** Reads one work order's detail; one the technician may no longer see is removed from the phone. */
export async function refreshWorkOrder(id: string) {
  const readAt = new Date();
  try {
    const detail = await api.request('GET /api/v1/work-orders/:id', workOrderDetailSchema, { params: { id } });
    await storeServerWorkOrder(summaryOf(detail), detail, readAt);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) await removeWorkOrder(id);
    else throw error;
  }
}

/**
 * The technician's own work orders and the claimable ones in their areas, newest first,
 * up to the store's limit. Work orders the server no longer lists are dropped unless
 * the phone still has changes queued for them.
 */
export async function pullWorkOrders() {
  const readAt = new Date();
  const received: WorkOrderSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: z.infer<typeof workOrderPageSchema> = await api.request(
      'GET /api/v1/work-orders',
      workOrderPageSchema,
      { query: { limit: pageSize, cursor: cursor ?? undefined } },
    );
    received.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && received.length < storedWorkOrderLimit);
  const now = new Date();
  await db.transaction('rw', [db.workOrders, db.details, db.queue], async () => {
    // The pages took a while: what was queued or stored meanwhile is newer than they are.
    const queued = await workOrdersWithQueuedChanges();
    const stored = await db.workOrders.toCollection().primaryKeys();
    const newer = await storedSince(stored, readAt);
    const isOurs = (id: string) => queued.has(id) || newer.has(id);
    const keep = new Set(received.map((item) => item.id));
    const gone = stored.filter((id) => !keep.has(id) && !isOurs(id));
    await db.workOrders.bulkDelete(gone);
    await db.details.bulkDelete(gone);
    await db.workOrders.bulkPut(received.filter((item) => !isOurs(item.id)).map((item) => toStored(item, now)));
  });
  return received;
}

/** Details (history, report) of the work orders in hand, so they open with no network. */
async function pullOpenDetails(me: string, workOrders: WorkOrderSummary[]) {
  const open = workOrders.filter(
    (item) => item.technicianId === me && !['completed', 'closed', 'cancelled'].includes(item.status),
  );
  for (const item of open) await refreshWorkOrder(item.id);
}

export async function pullNotifications() {
  const page = await api.request('GET /api/v1/notifications', notificationPageSchema, { query: { limit: 100 } });
  await storeNotifications(page.items);
}

export async function storeNotifications(items: Notification[]) {
  await db.transaction('rw', [db.notifications, db.queue], async () => {
    // A "read" still queued stays read on the phone.
    const queuedReads = new Set(
      (await db.queue.where('state').equals('pending').toArray())
        .filter((item) => item.label === 'read')
        .map((item) => item.path),
    );
    await db.notifications.bulkPut(
      items.map((item) =>
        queuedReads.has(pathOf('POST /api/v1/notifications/:id/read', { id: item.id }).path) && !item.readAt
          ? { ...item, readAt: new Date().toISOString() }
          : item,
      ),
    );
  });
}

/** The signed-in technician with their branch and the names of their operating areas. */
export async function pullProfile() {
  const user = await api.request('GET /api/v1/me', userSchema);
  const [branch, areas] = await Promise.all([
    user.branchId ? api.request('GET /api/v1/branches/:id', branchSchema, { params: { id: user.branchId } }) : null,
    user.areaCodes?.length
      ? api.request('GET /api/v1/areas', areasSchema, { query: { codes: user.areaCodes.join(',') } })
      : { items: [] },
  ]);
  await db.profile.put({ key: 'me', user, branch, areaNames: areas.items.map((area) => area.name) });
  return user;
}

/** Sends queued changes first, so what is read back already includes them. */
export async function syncAll() {
  await drainQueue();
  const user = await pullProfile();
  const [workOrders] = await Promise.all([pullWorkOrders(), pullNotifications(), pullBag(), pullCatalog()]);
  await pullOpenDetails(user.id, workOrders);
}

/** A request failed because there is no network, not because the server refused it. */
export const isOffline = (error: unknown) => error instanceof ApiError && error.code === 'network_error';

/**
 * The server refused the change itself: not the network, the server being down, nor the
 * same change still being answered (sent before a reload, or by another tab).
 */
const isRejection = (error: unknown): error is ApiError =>
  error instanceof ApiError &&
  error.status >= 400 &&
  error.status < 500 &&
  ![401, 408, 429].includes(error.status) &&
  error.code !== 'request_in_progress';

/** When the change was done, for the server to record it then (see `QueuedChange.deviceTime`). */
const deviceTimeOf = (change: QueuedChange) =>
  change.deviceTime ? { occurredAt: change.createdAt, clockOffsetMs: change.deviceTime.clockOffsetMs } : {};

/**
 * A send that hangs (a dead cell that never answers) would hold the queue forever; after
 * this long it counts as a network failure and is tried again, under the same key.
 */
const sendTimeoutMs = 20_000;

async function send(change: QueuedChange) {
  const headers = { 'idempotency-key': change.idempotencyKey };
  const signal = AbortSignal.timeout(sendTimeoutMs);
  if (change.photo) {
    const form = new FormData();
    form.append('kind', change.photo.kind);
    for (const [name, value] of Object.entries(deviceTimeOf(change))) form.append(name, String(value));
    form.append('file', change.photo.blob, `${change.photo.kind}.jpg`);
    return api.replay(change, { body: form, headers, signal });
  }
  const body = change.deviceTime ? { ...(change.body as object), ...deviceTimeOf(change) } : change.body;
  return api.replay(change, { body, headers, signal });
}

const movesParts = (change: QueuedChange) =>
  change.label === 'partRequest' || change.label === 'partReturn' || change.label === 'complete';

let running: Promise<void> | null = null;
let runAfter: Promise<void> | null = null;

/**
 * One tab at a time sends the queue, the tabs of the app sharing it: a second tab sending
 * the change after the one still on its way would have the server take them out of order.
 */
function inOneTab(send: () => Promise<void>): Promise<void> {
  // Absent where there are no tabs (the unit tests' Node).
  const locks: LockManager | undefined = globalThis.navigator?.locks;
  return locks ? locks.request('purnajual.queue', send) : send();
}

/**
 * Sends queued changes one at a time, oldest first. A change the server refuses (say the
 * office cancelled the work order meanwhile) stays in the queue as rejected, with the
 * reason, for the technician to read; a network failure stops the run until the next try.
 * A call while a run is on its way gets one more run after it, shared by all such calls:
 * that run may have read the queue before the caller's change (it may even be done, only
 * letting go of the tab lock), which would otherwise wait for the next retry.
 */
export function drainQueue(): Promise<void> {
  if (!running) {
    running = inOneTab(drain).finally(() => {
      running = null;
    });
    return running;
  }
  runAfter ??= running
    .catch(() => undefined)
    .then(() => {
      runAfter = null;
      return drainQueue();
    });
  return runAfter;
}

async function drain() {
  for (;;) {
    const next = await db.queue.where('state').equals('pending').first();
    if (!next?.seq) return;
    try {
      const answer = await send(next);
      const detail = workOrderDetailSchema.safeParse(answer);
      const seq = next.seq;
      // One transaction: a pull landing between the two would find neither the queued
      // change nor the answer, and put back the status from before the change.
      await db.transaction('rw', [db.queue, db.workOrders, db.details], async () => {
        await db.queue.delete(seq);
        if (detail.success) await storeServerWorkOrder(summaryOf(detail.data), detail.data);
      });
      if (!detail.success && next.workOrderId) await refreshWorkOrder(next.workOrderId);
      // Requests, returns and parts used change the bag: read it back as the server keeps it.
      if (movesParts(next)) await pullBag();
    } catch (error) {
      if (!isRejection(error)) return;
      await db.queue.update(next.seq, {
        state: 'rejected',
        rejection: { status: error.status, code: error.code, detail: error.message },
      });
      if (next.workOrderId) await refreshWorkOrder(next.workOrderId).catch(() => undefined);
    }
  }
}
