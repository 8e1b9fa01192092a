import type { Kysely } from 'kysely';
import type { Config } from '../../apps/server/src/config';
import type { Database } from '../../apps/server/src/db/database';
import type { DB } from '../../apps/server/src/db/schema/index';
import { hashPassword } from '../../apps/server/src/modules/auth/password';
import { reindexSearch } from '../../apps/server/src/modules/search/search-reindex';
import { newId } from '../../apps/server/src/platform/ids';
import { demoProductModels } from '../../apps/server/src/seed/catalog';
import { createRandom, type Random } from '../../apps/server/src/seed/random';
import { createServices } from '../../apps/server/src/services';
import { type Areas, apportion, type BenchBranch } from './data-set/branches';
import { type BulkLoader, createBulkLoader, startBulkLoad, type TableTiming } from './data-set/bulk-load';
import { generateCustomers } from './data-set/customers';
import { deferSecondaryIndexes } from './data-set/deferred-indexes';
import type { DataSetSize, Scale } from './data-set/scale';
import { generateWorkOrders, type TechnicianIndex } from './data-set/work-orders';

export const benchPassword = 'bench-purnajual-2026';

export interface GenerationTimings {
  phases: { phase: string; seconds: number }[];
  tables: TableTiming[];
  /** Building each table's deferred secondary indexes after its rows were in. */
  indexes: { table: string; seconds: number }[];
}

/** The tables the load fills with millions of rows. */
const bulkTables = [
  'customer',
  'customer_phone',
  'customer_product',
  'work_order',
  'work_order_history',
  'tracking_link',
];

async function readAreas(db: Kysely<DB>): Promise<Areas> {
  const rows = await db
    .selectFrom('area')
    .select(['code', 'parentCode', 'name', 'level'])
    .where('level', 'in', ['regency', 'district'])
    .orderBy('code')
    .execute();
  return {
    regencies: rows.filter((row) => row.level === 'regency'),
    districts: rows.filter((row) => row.level === 'district'),
  };
}

/** The branch with the most customers: the scenarios' lists, dispatch, board and intake are its. */
const busiest = (branches: readonly BenchBranch[]) =>
  branches.reduce((best, branch, index) => (branch.weight > (branches[best]?.weight ?? 0) ? index : best), 0);

/** The office people, and technicians in each branch in proportion to its customers. */
async function addPeople(
  loader: BulkLoader,
  random: Random,
  branches: readonly BenchBranch[],
  branchIds: readonly string[],
  districtIndex: ReadonlyMap<string, number>,
  technicianCount: number,
) {
  // One hash for everyone: hashing thousands of passwords would dominate the generation time.
  const passwordHash = await hashPassword(benchPassword);
  const at = new Date().toISOString();
  const users = loader.table('user');
  const areas = loader.table('technician_area');
  const person = async (employeeNo: string, role: 'agent' | 'technician' | 'supervisor', branchId: string | null) => {
    const id = newId();
    const common = { phone: null, email: null, passwordHash, active: 1, version: 1, createdAt: at, updatedAt: at };
    await users.add({ id, employeeNo, name: `Bench ${role} ${employeeNo}`, role, branchId, ...common });
    return id;
  };
  const agentId = await person('BENCH-AGENT', 'agent', null);
  const technicians = { ids: [] as string[], byBranch: [] as number[][], districts: [] as string[][] };
  const counts = apportion(
    technicianCount,
    branches.map((branch) => branch.weight),
  );
  for (const [b, branch] of branches.entries()) {
    const branchId = branchIds[b] ?? null;
    await person(`BENCH-SPV-${branch.code}`, 'supervisor', branchId);
    technicians.byBranch.push([]);
    for (let n = 0; n < (counts[b] ?? 0); n += 1) {
      const id = await person(`BENCH-T-${branch.code}-${n + 1}`, 'technician', branchId);
      const covered = [...new Set(Array.from({ length: random.int(3, 8) }, () => random.pick(branch.districts)))];
      for (const areaCode of covered) await areas.add({ userId: id, areaCode });
      technicians.byBranch[b]?.push(technicians.ids.length);
      technicians.ids.push(id);
      technicians.districts.push(covered);
    }
  }
  const coveringDistrict = new Map<number, number[]>();
  for (const [t, districts] of technicians.districts.entries()) {
    for (const district of districts) {
      const index = districtIndex.get(district) ?? 0;
      coveringDistrict.set(index, [...(coveringDistrict.get(index) ?? []), t]);
    }
  }
  const index: TechnicianIndex = { ids: technicians.ids, byBranch: technicians.byBranch, coveringDistrict };
  return { agentId, technicians: index, districtsOf: (t: number) => technicians.districts[t] ?? [] };
}

async function timed<T>(phases: GenerationTimings['phases'], phase: string, work: () => Promise<T>) {
  const started = performance.now();
  const result = await work();
  phases.push({ phase, seconds: (performance.now() - started) / 1000 });
  return result;
}

/**
 * Fills an empty, migrated database with a large company: bulk inserts streamed in
 * batches, not the API, so millions of work orders take minutes and memory stays flat.
 * Returns what the scenarios need to address, and how long each part took.
 */
export async function generateDataSet(database: Database, config: Config, scale: Scale, size: DataSetSize) {
  const { db, dialect } = database;
  const random = createRandom(42);
  const now = new Date();
  const phases: GenerationTimings['phases'] = [];
  const services = createServices({ db, config, clock: { now: () => now } });
  const { branches, branchIds, districts } = await timed(phases, 'areas, branches, product models', async () => {
    await services.areas.importAreas();
    const areas = await readAreas(db);
    const branches = scale.branches(areas);
    const benchBranch = busiest(branches);
    const branchIds: string[] = [];
    for (const [b, branch] of branches.entries()) {
      const { code, name, timeZone, areaCodes } = branch;
      // The bench branch assigns its intake itself: the auto-assign scenario takes work orders there.
      const autoAssign = b === benchBranch;
      const created = await services.branches.createBranch({
        code,
        name,
        address: 'Jl. Benchmark 1',
        timeZone,
        areaCodes,
        autoAssign,
      });
      branchIds.push(created.id);
    }
    for (const model of demoProductModels) await services.customers.createProductModel(model);
    return { branches, branchIds, districts: areas.districts.map((district) => district.code) };
  });
  const benchBranch = busiest(branches);
  const districtIndex = new Map(districts.map((code, index) => [code, index]));
  const loaded = await db.connection().execute(async (connection) => {
    const finishBulkLoad = await startBulkLoad(connection, dialect);
    const buildIndexes = await deferSecondaryIndexes(connection, dialect, bulkTables);
    const loader = createBulkLoader(connection, dialect);
    const people = await timed(phases, 'people', () =>
      addPeople(loader, random, branches, branchIds, districtIndex, size.technicians),
    );
    const customers = await timed(phases, 'customers, phones, products', () =>
      generateCustomers({
        loader,
        random,
        count: size.customers,
        secondProductEvery: scale.secondProductEvery,
        branches,
        districtIndex,
        benchBranch,
        createdMs: now.getTime() - scale.spanDays * 86400_000,
        at: now.toISOString(),
      }),
    );
    const workOrders = await timed(phases, 'work orders, history, tracking links', () =>
      generateWorkOrders({
        loader,
        random,
        scale,
        count: size.workOrders,
        now,
        customers: customers.index,
        districts,
        branchIds,
        technicians: people.technicians,
        agentId: people.agentId,
      }),
    );
    const loads = loader.table('technician_load');
    for (const load of workOrders.loads) await loads.add(load);
    const sequences = loader.table('number_sequence');
    for (const [yymm, value] of workOrders.series) await sequences.add({ name: `WO-${yymm}`, value });
    await loader.finish();
    const indexes = await timed(phases, 'secondary indexes', buildIndexes);
    await finishBulkLoad();
    return { people, customers, tables: loader.timings(), indexes };
  });

  // The search index of everything inserted in bulk above, as `purnajual search:reindex` builds it.
  await timed(phases, 'search index', () => reindexSearch(db));

  const { people, customers } = loaded;
  const benchTechnician = people.technicians.byBranch[benchBranch]?.[0] ?? 0;
  return {
    agentEmployeeNo: 'BENCH-AGENT',
    technicianEmployeeNo: `BENCH-T-${branches[benchBranch]?.code ?? ''}-1`,
    technicianId: people.technicians.ids[benchTechnician] ?? '',
    technicianAreaCodes: people.districtsOf(benchTechnician),
    benchBranch: { id: branchIds[benchBranch] ?? '', code: branches[benchBranch]?.code ?? '' },
    intakeCustomerIds: customers.intakeCustomerIds,
    searchSamples: customers.samples,
    counts: { branches: branches.length, products: customers.products, phones: customers.phones },
    timings: { phases, tables: loaded.tables, indexes: loaded.indexes } satisfies GenerationTimings,
  };
}

export type Manifest = Awaited<ReturnType<typeof generateDataSet>>;
