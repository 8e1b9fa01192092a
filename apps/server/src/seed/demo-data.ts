import type {
  CreateBranchBody,
  ProductModel,
  Role,
  WorkOrderDetail,
  WorkOrderStatus,
  WorkOrderTransitionBody,
} from '@purnajual/contract';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { DB } from '../db/schema/index';
import { AppError } from '../errors';
import { type Actor, systemActor } from '../platform/actor';
import type { Clock } from '../platform/clock';
import { createServices, type Services } from '../services';
import { demoComplaints, demoDiagnoses, demoProductModels } from './catalog';
import { seedPartRequestsAndReturns, seedPartsAndStock } from './demo-parts';
import { type Region, regionalNames } from './people';
import { createRandom, type Random } from './random';

/** Every demo account signs in with this password; the README lists the accounts. */
export const demoPassword = 'servis-purnajual';

interface DemoPerson {
  employeeNo: string;
  name: string;
  role: Role;
  branch: string | null;
  phone: string;
  areaCodes?: string[];
}

interface DemoBranch extends CreateBranchBody {
  region: Region;
  /** The regencies whose districts the demo customers live in. */
  customerRegencies: string[];
  /** Share of the demo work orders. */
  weight: number;
}

const demoBranches: DemoBranch[] = [
  {
    code: 'JKT',
    name: 'Cabang Jakarta',
    address: 'Jl. Gatot Subroto Kav. 18, Kuningan, Jakarta Selatan',
    timeZone: 'Asia/Jakarta',
    areaCodes: ['31'],
    autoAssign: false,
    region: 'jakarta',
    customerRegencies: ['31.71', '31.72', '31.73', '31.74', '31.75'],
    weight: 60,
  },
  {
    code: 'MKS',
    name: 'Cabang Makassar',
    address: 'Jl. A. P. Pettarani No. 45, Rappocini, Makassar',
    timeZone: 'Asia/Makassar',
    areaCodes: ['73.71', '73.06', '73.09'],
    autoAssign: true,
    region: 'makassar',
    customerRegencies: ['73.71', '73.06', '73.09'],
    weight: 25,
  },
  {
    code: 'JYP',
    name: 'Cabang Jayapura',
    address: 'Jl. Raya Abepura No. 12, Abepura, Jayapura',
    timeZone: 'Asia/Jayapura',
    areaCodes: ['91.71', '91.03'],
    autoAssign: false,
    region: 'jayapura',
    customerRegencies: ['91.71', '91.03'],
    weight: 15,
  },
];

const utcOffsetHours: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };

/** The demo staff; the first of each role is the one the README shows. */
export const demoPeople: DemoPerson[] = [
  { employeeNo: '10001', name: 'Rina Kusumawati', role: 'admin', branch: null, phone: '081210001001' },
  { employeeNo: '20001', name: 'Dewi Lestari', role: 'agent', branch: 'JKT', phone: '081220001001' },
  { employeeNo: '20002', name: 'Putri Handayani', role: 'agent', branch: 'JKT', phone: '081220001002' },
  { employeeNo: '20003', name: 'Andi Nurhaliza', role: 'agent', branch: 'MKS', phone: '081220001003' },
  { employeeNo: '30001', name: 'Bambang Suryadi', role: 'supervisor', branch: 'JKT', phone: '081230001001' },
  { employeeNo: '30002', name: 'Haerul Syamsuddin', role: 'supervisor', branch: 'MKS', phone: '081230001002' },
  { employeeNo: '30003', name: 'Yohanes Wenda', role: 'supervisor', branch: 'JYP', phone: '081230001003' },
  { employeeNo: '40001', name: 'Slamet Riyadi', role: 'warehouse', branch: 'JKT', phone: '081240001001' },
  { employeeNo: '40002', name: 'Muh. Arif Rahman', role: 'warehouse', branch: 'MKS', phone: '081240001002' },
  { employeeNo: '40003', name: 'Markus Rumbiak', role: 'warehouse', branch: 'JYP', phone: '081240001003' },
  // Jakarta: each technician covers a part of the city; Jakarta Selatan is split by district.
  {
    employeeNo: '50001',
    name: 'Agus Setiawan',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001001',
    areaCodes: ['31.74.01', '31.74.02', '31.74.03', '31.74.08'],
  },
  {
    employeeNo: '50002',
    name: 'Budi Santoso',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001002',
    areaCodes: ['31.74.04', '31.74.05', '31.74.06', '31.74.07', '31.74.09', '31.74.10'],
  },
  {
    employeeNo: '50003',
    name: 'Joko Prasetyo',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001003',
    areaCodes: ['31.71', '31.72'],
  },
  {
    employeeNo: '50004',
    name: 'Eko Wahyudi',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001004',
    areaCodes: ['31.73'],
  },
  {
    employeeNo: '50005',
    name: 'Hendra Gunawan',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001005',
    areaCodes: ['31.75'],
  },
  {
    employeeNo: '50006',
    name: 'Rudi Hartono',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001006',
    areaCodes: ['31.74', '31.75'],
  },
  {
    employeeNo: '50007',
    name: 'Irfan Hakim',
    role: 'technician',
    branch: 'JKT',
    phone: '081250001007',
    areaCodes: ['31.72', '31.01'],
  },
  {
    employeeNo: '50008',
    name: 'Muhammad Ikhsan',
    role: 'technician',
    branch: 'MKS',
    phone: '081250001008',
    areaCodes: ['73.71'],
  },
  {
    employeeNo: '50009',
    name: 'Andi Baso Tenri',
    role: 'technician',
    branch: 'MKS',
    phone: '081250001009',
    areaCodes: ['73.71', '73.06'],
  },
  {
    employeeNo: '50010',
    name: 'Syahrul Ramadhan',
    role: 'technician',
    branch: 'MKS',
    phone: '081250001010',
    areaCodes: ['73.09', '73.06'],
  },
  {
    employeeNo: '50011',
    name: 'Daniel Kogoya',
    role: 'technician',
    branch: 'JYP',
    phone: '081250001011',
    areaCodes: ['91.71'],
  },
  {
    employeeNo: '50012',
    name: 'Frans Yikwa',
    role: 'technician',
    branch: 'JYP',
    phone: '081250001012',
    areaCodes: ['91.71', '91.03'],
  },
];

const demoCustomerCount = 180;
const demoWorkOrderCount = 320;
const demoHistoryDays = 45;
/** A 1×1 PNG standing in for the customers' signatures. */
const demoSignature =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const paymentMethodWeights = [
  ['cash', 5],
  ['transfer', 3],
  ['qris', 4],
  ['card', 1],
] as const;
const surveyComments = [
  'Teknisi datang tepat waktu dan ramah.',
  'Pekerjaan rapi, AC dingin lagi.',
  'Penjelasannya jelas, terima kasih.',
  'Agak lama menunggu jadwal, tapi hasilnya bagus.',
  'Mohon konfirmasi jadwal lebih awal.',
];

/**
 * After the repair: the customer approves the bill, pays it (a few only in part, or not
 * yet on work orders still completed), and most answer the survey on the tracking page.
 */
async function settleBill(
  { services, clock, random, realNow }: Pick<SeedContext, 'services' | 'clock' | 'random' | 'realNow'>,
  detail: WorkOrderDetail,
  technician: Actor,
  target: WorkOrderStatus,
) {
  const later = (minutes: number) => {
    const next = clock.now().getTime() + minutes * 60_000;
    if (next >= realNow - 60_000) return false;
    clock.set(new Date(next));
    return true;
  };
  let { billing } = detail;
  if (billing.lines.length > 0 && random.next() < 0.85 && later(random.int(2, 10))) {
    billing = await services.billing.approve(technician, detail.id, {
      signature: demoSignature,
      approvedTotal: billing.total,
      name: detail.customer.name,
    });
  }
  // Closed ones are paid up, bar the few a supervisor closed on credit; completed ones vary.
  // Only a signed bill takes money.
  const share = target === 'closed' ? (random.next() < 0.06 ? 0 : 1) : random.pick([0, 0.5, 1, 1, 1]);
  const amount = Math.round(billing.balance * share);
  if (amount > 0 && billing.approval?.isCurrent && later(random.int(1, 15))) {
    const method = random.weighted(paymentMethodWeights);
    await services.billing.addPayment(technician, detail.id, {
      method,
      amount,
      ...(method === 'cash' ? {} : { reference: `${method.toUpperCase()}-${random.int(100_000, 999_999)}` }),
    });
  }
}

async function answerSurvey(
  { services, clock, random, realNow }: Pick<SeedContext, 'services' | 'clock' | 'random' | 'realNow'>,
  detail: WorkOrderDetail,
) {
  const at = clock.now().getTime() + random.int(30, 60 * 48) * 60_000;
  if (random.next() > 0.6 || at >= realNow - 60_000) return;
  clock.set(new Date(at));
  const rating = random.weighted([
    [5, 9],
    [4, 6],
    [3, 2],
    [2, 1],
    [1, 1],
  ] as const);
  await services.tracking.answerSurvey(detail.trackingUrl.slice('/t/'.length), {
    rating,
    ...(random.next() < 0.5 ? { comment: random.pick(surveyComments) } : {}),
  });
}

/** A clock the seed moves through the past, so the demo history has real timestamps. */
function createSeedClock(): Clock & { set(date: Date): void } {
  let current = new Date();
  return { now: () => new Date(current), set: (date) => (current = new Date(date)) };
}

const toActor = (user: {
  id: string;
  employeeNo: string;
  name: string;
  role: Role;
  branchId: string | null;
}): Actor => ({
  id: user.id,
  employeeNo: user.employeeNo,
  name: user.name,
  role: user.role,
  branchId: user.branchId,
  sessionId: '',
});

/** The final status a demo work order reaches: old ones are mostly finished, new ones in flight. */
function pickTargetStatus(random: Random, ageDays: number): WorkOrderStatus {
  if (ageDays > 7) {
    return random.weighted([
      ['closed', 70],
      ['completed', 8],
      ['cancelled', 10],
      ['on_hold', 7],
      ['scheduled', 5],
    ] as const);
  }
  return random.weighted([
    ['new', 14],
    ['assigned', 12],
    ['accepted', 10],
    ['scheduled', 16],
    ['en_route', 6],
    ['in_progress', 8],
    ['on_hold', 8],
    ['completed', 12],
    ['closed', 10],
    ['cancelled', 4],
  ] as const);
}

const pathTo: Record<WorkOrderStatus, string[]> = {
  new: [],
  assigned: ['assign'],
  accepted: ['dispatch', 'accept'],
  scheduled: ['dispatch', 'accept', 'schedule'],
  en_route: ['dispatch', 'accept', 'schedule', 'depart'],
  in_progress: ['dispatch', 'accept', 'schedule', 'depart', 'start'],
  on_hold: ['dispatch', 'accept', 'schedule', 'depart', 'start', 'hold'],
  completed: ['dispatch', 'accept', 'schedule', 'depart', 'start', 'complete'],
  closed: ['dispatch', 'accept', 'schedule', 'depart', 'start', 'complete', 'close'],
  cancelled: ['dispatch', 'accept', 'cancel'],
};

interface SeedContext {
  services: Services;
  clock: ReturnType<typeof createSeedClock>;
  random: Random;
  realNow: number;
  stock: Awaited<ReturnType<typeof seedPartsAndStock>>;
}

/** The latest a seeded appointment starts, after the moment it is booked: tests book later hours. */
const latestBookingHours = 30;

/**
 * Books two hours from `hoursAhead` on, or the first two free hours after the technician's
 * other appointments there, as an office would: the server takes no appointment over another.
 * Null, booking nothing, when none is free within `latestBookingHours`.
 */
async function bookFreeHours(services: Services, technician: Actor, id: string, now: Date, hoursAhead: number) {
  const start = new Date(now);
  start.setUTCMinutes(0, 0, 0);
  start.setUTCHours(start.getUTCHours() + hoursAhead);
  const latest = now.getTime() + latestBookingHours * 3600_000;
  while (start.getTime() <= latest) {
    const body: WorkOrderTransitionBody = {
      action: 'schedule',
      appointmentStart: start.toISOString(),
      appointmentEnd: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    };
    try {
      return await services.workOrders.transition(technician, id, body, undefined);
    } catch (error) {
      if (!(error instanceof AppError) || error.conflictingWorkOrder === undefined) throw error;
      start.setTime(Date.parse(error.conflictingWorkOrder.appointmentEnd));
    }
  }
  return null;
}

/** Takes a work order along the path to its target status, each step at a plausible later time. */
async function playWorkOrder(
  { services, clock, random, realNow, stock }: SeedContext,
  id: string,
  target: WorkOrderStatus,
  people: { agent: Actor; supervisor: Actor | undefined; technicians: Map<string, Actor> },
  covering: string[],
  category: ProductModel['category'],
) {
  let detail = await services.workOrders.getWorkOrder(people.agent, id);
  const advance = (minutes: number) => {
    const next = clock.now().getTime() + minutes * 60_000;
    if (next >= realNow - 60_000) return false;
    clock.set(new Date(next));
    return true;
  };
  for (const step of pathTo[target]) {
    const technician = detail.technicianId ? people.technicians.get(detail.technicianId) : undefined;
    let actor: Actor | undefined = technician;
    let body: WorkOrderTransitionBody;
    if (step === 'dispatch' || step === 'assign') {
      if (detail.status === 'assigned') continue;
      const chosen = covering.length > 0 ? people.technicians.get(random.pick(covering)) : undefined;
      if (!chosen) return;
      if (step === 'dispatch' && random.next() < 0.4) {
        actor = chosen;
        body = { action: 'claim' };
      } else {
        actor = people.supervisor ?? people.agent;
        body = { action: 'assign', technicianId: chosen.id };
      }
      if (!advance(random.int(5, 180))) return;
    } else if (step === 'accept') {
      if (detail.status !== 'assigned') continue;
      body = { action: 'accept' };
      if (!advance(random.int(5, 120))) return;
    } else if (step === 'schedule') {
      if (!advance(random.int(10, 90)) || !technician) return;
      const booked = await bookFreeHours(services, technician, id, clock.now(), random.int(2, latestBookingHours));
      if (!booked) return;
      detail = booked;
      continue;
    } else if (step === 'depart') {
      const appointment = detail.appointmentStart ? Date.parse(detail.appointmentStart) : clock.now().getTime();
      if (appointment - 30 * 60_000 >= realNow) return;
      clock.set(new Date(Math.max(clock.now().getTime(), appointment - 30 * 60_000)));
      body = { action: 'depart' };
    } else if (step === 'start') {
      if (!advance(random.int(20, 45))) return;
      body = { action: 'start' };
    } else if (step === 'hold') {
      if (!advance(random.int(15, 60))) return;
      body = {
        action: 'hold',
        reason: random.weighted([
          ['waiting_part', 6],
          ['customer_absent', 2],
          ['other', 1],
        ] as const),
      };
    } else if (step === 'complete') {
      if (!advance(random.int(30, 150))) return;
      if (technician) {
        // The technician charges from the price list before completing.
        const { laborOptions, transport } = detail.billing.priceList;
        await services.billing.setCharges(
          technician,
          id,
          { labor: random.pick(laborOptions), transport, discount: 0 },
          undefined,
        );
      }
      const [diagnosis, actionTaken] = random.pick(demoDiagnoses[category]);
      const partsUsed = technician && (await stock.partsUsedFor(technician.id, detail.product?.model.code));
      body = {
        action: 'complete',
        diagnosis,
        actionTaken,
        result: random.weighted([
          ['fixed', 9],
          ['not_fixed', 1],
        ] as const),
        signature: demoSignature,
        ...(partsUsed ? { partsUsed } : {}),
      };
    } else if (step === 'close') {
      if (!advance(random.int(60, 60 * 24))) return;
      actor = people.agent;
      body = { action: 'close' };
      if (detail.billing.balance > 0) {
        // Only a supervisor closes with money owed; without one the work order stays completed.
        if (!people.supervisor) return;
        actor = people.supervisor;
        body = { action: 'close', overrideReason: 'Pelanggan membayar lewat penagihan kantor' };
      }
    } else {
      if (!advance(random.int(30, 60 * 24))) return;
      actor = people.agent;
      body = {
        action: 'cancel',
        reason: random.pick(['Pelanggan membatalkan', 'Unit sudah diperbaiki sendiri', 'Duplikat laporan']),
      };
    }
    if (!actor) return;
    detail = await services.workOrders.transition(actor, id, body, undefined);
    if (step === 'complete' && technician) {
      await settleBill({ services, clock, random, realNow }, detail, technician, target);
      detail = await services.workOrders.getWorkOrder(people.agent, id);
    }
  }
  if (detail.status === 'completed' || detail.status === 'closed') {
    await answerSurvey({ services, clock, random, realNow }, detail);
  }
}

/**
 * Loads the demo company: areas, three branches in three time zones, staff, technicians'
 * operating areas, a product catalog, customers with their appliances, and a few hundred
 * work orders in every status over the last weeks. Returns false, changing nothing, when
 * the database already has branches.
 */
export async function seedDemoData({ db, config }: { db: Kysely<DB>; config: Config }): Promise<boolean> {
  const clock = createSeedClock();
  const services = createServices({ db, config, clock });
  if ((await services.branches.listBranches()).length > 0) return false;
  const random = createRandom(20261128);
  const realNow = Date.now();

  await services.areas.importAreas();
  const branchIds = new Map<string, string>();
  for (const { region: _region, customerRegencies: _regencies, weight: _weight, ...branch } of demoBranches) {
    branchIds.set(branch.code, (await services.branches.createBranch(branch)).id);
  }
  const actors = new Map<string, Actor>();
  for (const person of demoPeople) {
    const user = await services.users.createUser(
      {
        employeeNo: person.employeeNo,
        name: person.name,
        role: person.role,
        branchId: person.branch === null ? null : (branchIds.get(person.branch) ?? null),
        phone: `+62${person.phone.slice(1)}`,
        email: null,
        password: demoPassword,
      },
      { checkPassword: false },
    );
    if (person.areaCodes) await services.users.setTechnicianAreas(systemActor, user.id, person.areaCodes);
    actors.set(person.employeeNo, toActor(user));
  }
  for (const model of demoProductModels) await services.customers.createProductModel(model);
  const stockContext = { services, clock, random, realNow, actors, branchIds };
  const stock = await seedPartsAndStock(stockContext);

  const districtsOf = new Map<string, string[]>();
  for (const branch of demoBranches) {
    const districts: string[] = [];
    for (const regency of branch.customerRegencies) {
      const page = await services.areas.listAreas({ parent: regency });
      districts.push(...page.items.map((area) => area.code));
    }
    districtsOf.set(branch.code, districts);
  }

  const customers: { id: string; branch: DemoBranch; productIds: string[]; categories: ProductModel['category'][] }[] =
    [];
  for (let index = 0; index < demoCustomerCount; index += 1) {
    const branch = random.weighted(demoBranches.map((b) => [b, b.weight] as const));
    const names = regionalNames[branch.region];
    const registeredAt = realNow - random.int(60, 400) * 86400_000;
    clock.set(new Date(registeredAt));
    const customer = await services.customers.createCustomer({
      name: `${random.pick(names.first)} ${random.pick(names.last)}`,
      phone: `+628${random.pick(['11', '12', '13', '21', '52', '57', '77', '78'])}${String(random.int(10_000_000, 99_999_999))}`,
      email: null,
      address: `${random.pick(names.streets)} No. ${random.int(1, 180)}, RT ${String(random.int(1, 12)).padStart(2, '0')}/RW ${String(random.int(1, 9)).padStart(2, '0')}`,
      areaCode: random.pick(districtsOf.get(branch.code) ?? []),
    });
    const productIds: string[] = [];
    const categories: ProductModel['category'][] = [];
    for (let p = 0; p < random.int(1, 3); p += 1) {
      const model = random.pick(demoProductModels);
      // Bought before the customer first called, never after.
      const purchased = new Date(Math.min(realNow - random.int(30, 1200) * 86400_000, registeredAt))
        .toISOString()
        .slice(0, 10);
      const product = await services.customers.addProduct(customer.id, {
        modelCode: model.code,
        serialNumber: `${model.code.slice(0, 2)}${purchased.slice(2, 4)}${String(index).padStart(4, '0')}${p}${random.int(100, 999)}`,
        purchaseDate: purchased,
      });
      productIds.push(product.id);
      categories.push(model.category);
    }
    customers.push({ id: customer.id, branch, productIds, categories });
  }

  const technicians = new Map([...actors.values()].filter((a) => a.role === 'technician').map((a) => [a.id, a]));
  const agents = [...actors.values()].filter((a) => a.role === 'agent');
  const plans = Array.from({ length: demoWorkOrderCount }, () => {
    // Squared, so the recent days — where work is still in flight — hold more of them.
    const ageDays = random.next() ** 2 * demoHistoryDays;
    return { ageDays, customer: random.pick(customers) };
  }).sort((a, b) => b.ageDays - a.ageDays);

  for (const { ageDays, customer } of plans) {
    // Calls arrive in office hours, local time.
    const day = new Date(realNow - Math.floor(ageDays) * 86400_000);
    const localHour = random.int(8, 16);
    day.setUTCHours(localHour - (utcOffsetHours[customer.branch.timeZone] ?? 7), random.int(0, 59), 0, 0);
    if (day.getTime() >= realNow) continue;
    clock.set(day);
    const productIndex = random.int(0, customer.productIds.length - 1);
    const category = customer.categories[productIndex] ?? 'ac';
    const agent = random.pick(agents);
    const created = await services.workOrders.createWorkOrder(agent, {
      customerId: customer.id,
      customerProductId: customer.productIds[productIndex] ?? null,
      complaint: random.pick(demoComplaints[category]),
      serviceType: category === 'tv' && random.next() < 0.4 ? 'carry_in' : 'home_visit',
      priority: random.weighted([
        ['low', 2],
        ['normal', 12],
        ['high', 4],
        ['urgent', 1],
      ] as const),
    });
    const supervisor = [...actors.values()].find((a) => a.role === 'supervisor' && a.branchId === created.branchId);
    await playWorkOrder(
      { services, clock, random, realNow, stock },
      created.id,
      pickTargetStatus(random, ageDays),
      { agent, supervisor, technicians },
      created.routing.coveringTechnicianIds,
      category,
    );
  }
  await seedPartRequestsAndReturns(stockContext);
  // The customers heard of these weeks ago: a server starting on the demo must not send
  // the whole history again, so the seed's messages count as sent when they were written.
  await db
    .updateTable('customer_message')
    .set((eb) => ({ status: 'sent', sentAt: eb.ref('createdAt') }))
    .where('status', '=', 'pending')
    .execute();
  return true;
}
