import { randomBytes } from 'node:crypto';
import { openWorkOrderStatuses, type Priority, type WorkOrderStatus } from '@purnajual/contract';
import type { Random } from '../../../apps/server/src/seed/random';
import type { BulkLoader } from './bulk-load';
import type { CustomerIndex } from './customers';
import { benchId, idKinds } from './ids';
import type { Scale } from './scale';
import { complaints } from './vocabulary';

/** The technicians as the work orders pick them: by index, those covering a district first. */
export interface TechnicianIndex {
  ids: readonly string[];
  byBranch: readonly (readonly number[])[];
  coveringDistrict: ReadonlyMap<number, readonly number[]>;
}

export interface WorkOrderInput {
  loader: BulkLoader;
  random: Random;
  scale: Scale;
  count: number;
  now: Date;
  customers: CustomerIndex;
  districts: readonly string[];
  branchIds: readonly string[];
  technicians: TechnicianIndex;
  agentId: string;
}

const openStatuses = new Set<WorkOrderStatus>(openWorkOrderStatuses);
const priorities: [Priority, number][] = [
  ['low', 2],
  ['normal', 12],
  ['high', 4],
  ['urgent', 1],
];
const day = 86400_000;

/** Tracking tokens from one buffer of random bytes at a time rather than a call each. */
function tokenSource() {
  const tokenBytes = 32;
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset + tokenBytes > pool.length) {
      pool = randomBytes(tokenBytes * 4096);
      offset = 0;
    }
    offset += tokenBytes;
    return pool.subarray(offset - tokenBytes, offset).toString('base64url');
  };
}

/** What the transitions keep per technician, as they would have kept it. */
function technicianLoads(count: number) {
  const open = new Uint32Array(count);
  const lastActivity: (string | undefined)[] = new Array(count);
  return {
    record(technician: number, status: WorkOrderStatus, at: string) {
      if (openStatuses.has(status)) open[technician] = (open[technician] ?? 0) + 1;
      lastActivity[technician] = at;
    },
    rows: (ids: readonly string[]) =>
      ids.flatMap((technicianId, n) => {
        const lastActivityAt = lastActivity[n];
        return lastActivityAt === undefined ? [] : [{ technicianId, openWorkOrders: open[n] ?? 0, lastActivityAt }];
      }),
  };
}

/** Who a work order is for and who has it: a random customer's district, branch, product, technician. */
function partiesOf(input: WorkOrderInput, status: WorkOrderStatus) {
  const { random, customers, technicians } = input;
  const customer = Math.floor(random.next() * customers.count);
  const district = customers.districtOf[customer] ?? 0;
  const branch = customers.branchOf[customer] ?? 0;
  const firstProduct = customers.firstProduct[customer] ?? 0;
  const products = (customers.firstProduct[customer + 1] ?? firstProduct + 1) - firstProduct;
  const covering = technicians.coveringDistrict.get(district) ?? technicians.byBranch[branch] ?? [];
  const technician = status === 'new' || covering.length === 0 ? null : random.pick(covering);
  const districtCode = input.districts[district] ?? '';
  const [province = '', regency = ''] = districtCode.split('.');
  return {
    technician,
    row: {
      customerId: customers.customerId(customer),
      customerProductId: customers.productId(firstProduct + Math.floor(random.next() * products)),
      branchId: input.branchIds[branch] ?? null,
      technicianId: technician === null ? null : (technicians.ids[technician] ?? null),
      provinceCode: province,
      regencyCode: `${province}.${regency}`,
      districtCode,
    },
  };
}

/** Where a work order received at `createdMs` stands, with the times its status implies. */
function stateOf(random: Random, status: WorkOrderStatus, createdMs: number) {
  const at = (ms: number) => new Date(createdMs + ms).toISOString();
  const isDone = status === 'completed' || status === 'closed';
  return {
    status,
    priority: random.weighted(priorities),
    serviceType: 'home_visit' as const,
    complaint: random.pick(complaints),
    warrantyStatus: 'out_of_warranty' as const,
    slaDueAt: at(2 * day),
    appointmentStart: status === 'scheduled' ? at(day) : null,
    appointmentEnd: status === 'scheduled' ? at(day + 7200_000) : null,
    holdReason: status === 'on_hold' ? ('waiting_part' as const) : null,
    diagnosis: null,
    actionTaken: null,
    result: null,
    signatureFile: null,
    completedAt: isDone ? at(2 * day) : null,
    repairSeconds: isDone ? random.int(900, 7200) : 0,
    inProgressSince: null,
    version: status === 'new' ? 1 : 3,
  };
}

/**
 * Inserts the work orders evenly over the scale's span, oldest first (ids ascend with
 * their time), each with its one or two history rows and its customer's tracking link.
 */
export async function generateWorkOrders(input: WorkOrderInput) {
  const { loader, random, scale, count, now, technicians, agentId } = input;
  const workOrders = loader.table('work_order');
  const history = loader.table('work_order_history');
  const links = loader.table('tracking_link');
  const token = tokenSource();
  const loads = technicianLoads(technicians.ids.length);
  const series = new Map<string, number>();
  const spanMs = scale.spanDays * day;
  const startMs = now.getTime() - spanMs;
  for (let n = 0; n < count; n += 1) {
    const createdMs = startMs + ((n + random.next()) * spanMs) / count;
    const createdAt = new Date(createdMs).toISOString();
    const yymm = `${createdAt.slice(2, 4)}${createdAt.slice(5, 7)}`;
    const sequence = (series.get(yymm) ?? 0) + 1;
    series.set(yymm, sequence);
    const status = scale.statusOf((now.getTime() - createdMs) / day, random);
    const { technician, row } = partiesOf(input, status);
    if (technician !== null) loads.record(technician, status, createdAt);
    const id = benchId(createdMs, idKinds.workOrder, n);
    const number = `WO-${yymm}-${String(sequence).padStart(6, '0')}`;
    const times = { createdBy: agentId, createdAt, updatedAt: createdAt };
    await workOrders.add({ id, number, ...row, ...stateOf(random, status, createdMs), ...times });
    const step = { workOrderId: id, note: null, at: createdAt };
    const created = { id: benchId(createdMs, idKinds.history, 2 * n), actorId: agentId, action: 'create' };
    await history.add({ ...step, ...created, fromStatus: null, toStatus: 'new' });
    if (status !== 'new') {
      const scheduled = {
        id: benchId(createdMs, idKinds.history, 2 * n + 1),
        actorId: row.technicianId,
        action: 'schedule',
      };
      await history.add({ ...step, ...scheduled, fromStatus: 'new', toStatus: status });
    }
    // Every work order has its customer's tracking link from intake on, as the service gives it.
    await links.add({ token: token(), workOrderId: id, createdAt, revokedAt: null });
  }
  return { loads: loads.rows(technicians.ids), series };
}
