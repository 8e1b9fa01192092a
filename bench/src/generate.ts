import { randomBytes } from 'node:crypto';
import { openWorkOrderStatuses, type Priority, type WorkOrderStatus } from '@purnajual/contract';
import type { Insertable, Kysely } from 'kysely';
import type { Config } from '../../apps/server/src/config';
import type { DB } from '../../apps/server/src/db/schema/index';
import type { WorkOrderTable } from '../../apps/server/src/db/schema/work-order';
import { hashPassword } from '../../apps/server/src/modules/auth/password';
import { reindexSearch } from '../../apps/server/src/modules/search/search-reindex';
import { newId } from '../../apps/server/src/platform/ids';
import { demoProductModels } from '../../apps/server/src/seed/catalog';
import { createRandom } from '../../apps/server/src/seed/random';
import { createServices } from '../../apps/server/src/services';

export interface DataSetSize {
  workOrders: number;
  customers: number;
  technicians: number;
}

export const benchPassword = 'bench-purnajual-2026';

interface BenchBranch {
  code: string;
  timeZone: 'Asia/Jakarta' | 'Asia/Makassar' | 'Asia/Jayapura';
  province: string;
  share: number;
}

const branches: BenchBranch[] = [
  { code: 'JKT', timeZone: 'Asia/Jakarta', province: '31', share: 0.6 },
  { code: 'MKS', timeZone: 'Asia/Makassar', province: '73', share: 0.25 },
  { code: 'JYP', timeZone: 'Asia/Jayapura', province: '91', share: 0.15 },
];

const openStatuses = new Set<WorkOrderStatus>(openWorkOrderStatuses);

const statuses: [WorkOrderStatus, number][] = [
  ['new', 4],
  ['assigned', 4],
  ['accepted', 3],
  ['scheduled', 8],
  ['en_route', 1],
  ['in_progress', 2],
  ['on_hold', 3],
  ['completed', 10],
  ['closed', 60],
  ['cancelled', 5],
];

const titles = ['Ibu', 'Bapak', 'Pak', 'Bu', 'Sdr.', ''];
const firstNames = [
  'Sari',
  'Dewi',
  'Agus',
  'Budi',
  'Wulan',
  'Ratna',
  'Joko',
  'Hendro',
  'Siti',
  'Rina',
  'Bambang',
  'Yusuf',
  'Andi',
  'Putri',
  'Eko',
  'Indah',
  'Fajar',
  'Lestari',
  'Rudi',
  'Maya',
  'Dian',
  'Hadi',
  'Nur',
  'Tono',
  'Wahyu',
  'Sri',
  'Teguh',
  'Ayu',
  'Bayu',
  'Citra',
  'Dimas',
  'Fitri',
  'Gita',
  'Irfan',
  'Kartika',
  'Lukman',
];
const lastNames = [
  'Wulandari',
  'Setiawan',
  'Santoso',
  'Hartono',
  'Wibowo',
  'Susilo',
  'Kusumawati',
  'Lestari',
  'Pratama',
  'Saputra',
  'Hidayat',
  'Nugroho',
  'Siregar',
  'Nasution',
  'Simanjuntak',
  'Rahayu',
  'Purnomo',
  'Gunawan',
  'Halim',
  'Tanjung',
  'Sembiring',
  'Manurung',
  'Pohan',
  'Daulay',
  'Rangkuti',
  'Matondang',
  'Sinaga',
  'Lubis',
];
const streets = [
  'Kemang Raya',
  'Sudirman',
  'Thamrin',
  'Gatot Subroto',
  'Melawai',
  'Fatmawati',
  'Panglima Polim',
  'Cipete Raya',
  'Ahmad Yani',
  'Diponegoro',
  'Veteran',
  'Pettarani',
  'Urip Sumoharjo',
  'Sam Ratulangi',
];
const complaints = [
  'AC tidak dingin',
  'AC bocor air di unit indoor',
  'Kulkas tidak dingin dan berisik',
  'Mesin cuci tidak berputar',
  'TV mati total',
  'TV bergaris dan suara hilang',
  'Remote tidak berfungsi',
];
const phoneLabels = ['mobile', 'whatsapp', 'home', 'family'] as const;

const batch = 500;

/** Multi-row inserts of `batch` rows: well under SQLite's bound-parameter limit. */
async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += batch) await insert(rows.slice(start, start + batch));
}

/**
 * Fills an empty, migrated database with a large company: bulk inserts, not the API, so
 * 200,000 work orders take seconds. Returns what the scenarios need to address.
 */
export async function generateDataSet(db: Kysely<DB>, config: Config, size: DataSetSize) {
  const random = createRandom(42);
  const services = createServices({ db, config, clock: { now: () => new Date() } });
  await services.areas.importAreas();
  const now = new Date();
  const at = now.toISOString();

  const districtsByProvince = new Map<string, string[]>();
  for (const branch of branches) {
    const rows = await db
      .selectFrom('area')
      .select('code')
      .where('level', '=', 'district')
      .where('code', 'like', `${branch.province}.%`)
      .execute();
    districtsByProvince.set(
      branch.province,
      rows.map((row) => row.code),
    );
  }

  const branchIds = new Map<string, string>();
  for (const branch of branches) {
    const created = await services.branches.createBranch({
      code: branch.code,
      name: `Cabang ${branch.code}`,
      address: 'Jl. Benchmark 1',
      timeZone: branch.timeZone,
      areaCodes: [branch.province],
      // Jakarta assigns its intake itself: the auto-assign scenario takes work orders there.
      autoAssign: branch.code === 'JKT',
    });
    branchIds.set(branch.code, created.id);
  }

  // One hash for everyone: hashing 300 passwords would dominate the generation time.
  const passwordHash = await hashPassword(benchPassword);
  const users: Insertable<DB['user']>[] = [];
  const technicianAreas: { userId: string; areaCode: string }[] = [];
  const techniciansByBranch = new Map<string, { id: string; districts: string[] }[]>();
  const person = (employeeNo: string, role: 'agent' | 'technician' | 'supervisor', branchId: string | null) => {
    const id = newId();
    users.push({
      id,
      employeeNo,
      name: `Bench ${role} ${employeeNo}`,
      role,
      branchId,
      phone: null,
      email: null,
      passwordHash,
      active: 1,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    return id;
  };
  person('BENCH-AGENT', 'agent', null);
  for (const branch of branches) {
    const branchId = branchIds.get(branch.code) ?? null;
    person(`BENCH-SPV-${branch.code}`, 'supervisor', branchId);
    const districts = districtsByProvince.get(branch.province) ?? [];
    const count = Math.max(1, Math.round(size.technicians * branch.share));
    const list: { id: string; districts: string[] }[] = [];
    for (let index = 0; index < count; index += 1) {
      const id = person(`BENCH-T-${branch.code}-${index + 1}`, 'technician', branchId);
      const covered = [...new Set(Array.from({ length: random.int(3, 8) }, () => random.pick(districts)))];
      for (const areaCode of covered) technicianAreas.push({ userId: id, areaCode });
      list.push({ id, districts: covered });
    }
    techniciansByBranch.set(branch.code, list);
  }
  await inChunks(users, (chunk) => db.insertInto('user').values(chunk).execute());
  await inChunks(technicianAreas, (chunk) => db.insertInto('technician_area').values(chunk).execute());
  for (const model of demoProductModels) await services.customers.createProductModel(model);

  const coveringByDistrict = new Map<string, string[]>();
  for (const list of techniciansByBranch.values()) {
    for (const technician of list) {
      for (const district of technician.districts) {
        coveringByDistrict.set(district, [...(coveringByDistrict.get(district) ?? []), technician.id]);
      }
    }
  }

  const customers: { id: string; productId: string; district: string; branch: BenchBranch }[] = [];
  const customerRows: Insertable<DB['customer']>[] = [];
  const phoneRows: Insertable<DB['customer_phone']>[] = [];
  const productRows: Insertable<DB['customer_product']>[] = [];
  // What the search scenarios ask for: the last digits of a number, a name word, a serial's start.
  const samples = { phoneDigits: [] as string[], nameWords: [] as string[], serialPrefixes: [] as string[] };
  for (let index = 0; index < size.customers; index += 1) {
    const branch = random.weighted(branches.map((b) => [b, b.share] as const));
    const district = random.pick(districtsByProvince.get(branch.province) ?? []);
    const id = newId();
    const productId = newId();
    const model = random.pick(demoProductModels);
    const first = random.pick(firstNames);
    // 1.5 numbers a customer on average: half have one, four in ten two, one in ten three.
    const phoneCount = random.weighted([
      [1, 5],
      [2, 4],
      [3, 1],
    ] as const);
    const phones = Array.from({ length: phoneCount }, (_, n) => `+6281${String(100_000_000 + index * 3 + n)}`);
    const serialNumber = `BN${String(index).padStart(8, '0')}`;
    customerRows.push({
      id,
      name: `${random.pick(titles)} ${first} ${random.pick(lastNames)}`.trim(),
      phone: phones[0] ?? '',
      email: null,
      address: `Jl. ${random.pick(streets)} No. ${random.int(1, 300)}`,
      areaCode: district,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    phoneRows.push(
      ...phones.map((number, position) => ({
        id: newId(),
        customerId: id,
        number,
        label: position === 0 ? ('mobile' as const) : random.pick(phoneLabels),
        primaryOf: position === 0 ? id : null,
        position,
      })),
    );
    productRows.push({
      id: productId,
      customerId: id,
      modelCode: model.code,
      serialNumber,
      purchaseDate: '2025-06-01',
      warrantyUntil: '2026-06-01',
      createdAt: at,
    });
    customers.push({ id, productId, district, branch });
    if (index % Math.max(1, Math.floor(size.customers / 200)) === 0) {
      samples.phoneDigits.push((phones.at(-1) ?? '').slice(-6));
      samples.nameWords.push(first.toLowerCase());
      samples.serialPrefixes.push(serialNumber.slice(0, 8));
    }
  }
  await db.transaction().execute(async (trx) => {
    await inChunks(customerRows, (chunk) => trx.insertInto('customer').values(chunk).execute());
    await inChunks(phoneRows, (chunk) => trx.insertInto('customer_phone').values(chunk).execute());
    await inChunks(productRows, (chunk) => trx.insertInto('customer_product').values(chunk).execute());
  });

  const agentId = users[0]?.id ?? '';
  const series = new Map<string, number>();
  const spanMs = 180 * 86400_000;
  const createdTimes = Array.from({ length: size.workOrders }, () => now.getTime() - random.next() * spanMs).sort(
    (a, b) => a - b,
  );
  // What the transitions keep per technician, as they would have kept it.
  const loads = new Map<string, { technicianId: string; openWorkOrders: number; lastActivityAt: string }>();
  let workOrders: Insertable<WorkOrderTable>[] = [];
  let history: Insertable<DB['work_order_history']>[] = [];
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      await inChunks(workOrders, (chunk) => trx.insertInto('work_order').values(chunk).execute());
      await inChunks(history, (chunk) => trx.insertInto('work_order_history').values(chunk).execute());
      // Every work order has its customer's tracking link from intake on, as the service gives it.
      const links = workOrders.map((order) => ({
        token: randomBytes(32).toString('base64url'),
        workOrderId: order.id,
        createdAt: order.createdAt,
        revokedAt: null,
      }));
      await inChunks(links, (chunk) => trx.insertInto('tracking_link').values(chunk).execute());
    });
    workOrders = [];
    history = [];
  };
  for (const createdMs of createdTimes) {
    const customer = random.pick(customers);
    const created = new Date(createdMs);
    const createdAt = created.toISOString();
    const yymm = `${createdAt.slice(2, 4)}${createdAt.slice(5, 7)}`;
    const sequence = (series.get(yymm) ?? 0) + 1;
    series.set(yymm, sequence);
    const status = random.weighted(statuses);
    const covering = coveringByDistrict.get(customer.district) ?? [];
    const branchTechnicians = techniciansByBranch.get(customer.branch.code) ?? [];
    const technicianId =
      status === 'new'
        ? null
        : covering.length > 0
          ? random.pick(covering)
          : (random.pick(branchTechnicians)?.id ?? null);
    const priority: Priority = random.weighted([
      ['low', 2],
      ['normal', 12],
      ['high', 4],
      ['urgent', 1],
    ]);
    if (technicianId !== null) {
      const load = loads.get(technicianId) ?? { technicianId, openWorkOrders: 0, lastActivityAt: createdAt };
      if (openStatuses.has(status)) load.openWorkOrders += 1;
      if (createdAt > load.lastActivityAt) load.lastActivityAt = createdAt;
      loads.set(technicianId, load);
    }
    const [province = '', regency = ''] = customer.district.split('.');
    const id = newId();
    workOrders.push({
      id,
      number: `WO-${yymm}-${String(sequence).padStart(6, '0')}`,
      customerId: customer.id,
      customerProductId: customer.productId,
      branchId: branchIds.get(customer.branch.code) ?? null,
      technicianId,
      provinceCode: province,
      regencyCode: `${province}.${regency}`,
      districtCode: customer.district,
      status,
      priority,
      serviceType: 'home_visit',
      complaint: random.pick(complaints),
      warrantyStatus: 'out_of_warranty',
      slaDueAt: new Date(createdMs + 48 * 3600_000).toISOString(),
      appointmentStart: status === 'scheduled' ? new Date(createdMs + 86400_000).toISOString() : null,
      appointmentEnd: status === 'scheduled' ? new Date(createdMs + 93600_000).toISOString() : null,
      holdReason: status === 'on_hold' ? 'waiting_part' : null,
      diagnosis: null,
      actionTaken: null,
      result: null,
      signatureFile: null,
      completedAt:
        status === 'completed' || status === 'closed' ? new Date(createdMs + 2 * 86400_000).toISOString() : null,
      repairSeconds: status === 'completed' || status === 'closed' ? random.int(900, 7200) : 0,
      inProgressSince: null,
      createdBy: agentId,
      version: status === 'new' ? 1 : 3,
      createdAt,
      updatedAt: createdAt,
    });
    history.push({
      id: newId(),
      workOrderId: id,
      actorId: agentId,
      action: 'create',
      fromStatus: null,
      toStatus: 'new',
      note: null,
      at: createdAt,
    });
    if (status !== 'new') {
      history.push({
        id: newId(),
        workOrderId: id,
        actorId: technicianId,
        action: 'schedule',
        fromStatus: 'new',
        toStatus: status,
        note: null,
        at: createdAt,
      });
    }
    if (workOrders.length >= 20_000) await flush();
  }
  await flush();
  await inChunks([...loads.values()], (chunk) => db.insertInto('technician_load').values(chunk).execute());
  await db
    .insertInto('number_sequence')
    .values([...series].map(([yymm, value]) => ({ name: `WO-${yymm}`, value })))
    .execute();

  // The search index of everything inserted in bulk above, as `purnajual search:reindex` builds it.
  const indexStarted = performance.now();
  await reindexSearch(db);
  const indexSeconds = (performance.now() - indexStarted) / 1000;

  const jakartaTechnician = (techniciansByBranch.get('JKT') ?? [])[0];
  return {
    agentEmployeeNo: 'BENCH-AGENT',
    technicianEmployeeNo: 'BENCH-T-JKT-1',
    technicianId: jakartaTechnician?.id ?? '',
    technicianAreaCodes: jakartaTechnician?.districts ?? [],
    jakartaBranchId: branchIds.get('JKT') ?? '',
    jakartaCustomerIds: customers
      .filter((c) => c.branch.code === 'JKT')
      .slice(0, 500)
      .map((c) => c.id),
    searchSamples: samples,
    indexSeconds,
  };
}
