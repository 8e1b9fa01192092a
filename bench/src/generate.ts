import type { Kysely } from 'kysely';
import type { Config } from '../../apps/server/src/config';
import type { Database } from '../../apps/server/src/db/database';
import type { DB } from '../../apps/server/src/db/schema/index';
import { reindexSearch } from '../../apps/server/src/modules/search/search-reindex';
import { demoProductModels } from '../../apps/server/src/seed/catalog';
import { createRandom, type Random } from '../../apps/server/src/seed/random';
import { createServices } from '../../apps/server/src/services';
import type { Areas, BenchBranch } from './data-set/branches';
import { createBulkLoader, endBulkLoad, startBulkLoad, type TableTiming } from './data-set/bulk-load';
import { generateCustomers } from './data-set/customers';
import { deferPrimaryKey, deferSecondaryIndexes } from './data-set/deferred-indexes';
import { addPeople } from './data-set/people';
import type { DataSetSize, Scale } from './data-set/scale';
import { generateWorkOrders } from './data-set/work-orders';

export { benchPassword } from './data-set/people';

export interface GenerationTimings {
  phases: { phase: string; seconds: number }[];
  tables: TableTiming[];
  /** Building each table's deferred secondary indexes after its rows were in. */
  indexes: { table: string; seconds: number }[];
}

type Phases = GenerationTimings['phases'];

/** The tables the load fills with millions of rows. */
const bulkTables = [
  'customer',
  'customer_phone',
  'customer_product',
  'work_order',
  'work_order_history',
  'tracking_link',
];

async function timed<T>(phases: Phases, phase: string, work: () => Promise<T>) {
  const started = performance.now();
  const result = await work();
  phases.push({ phase, seconds: (performance.now() - started) / 1000 });
  return result;
}

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

/** The areas, branches and product models, through the services as an administrator sets them up. */
async function setUpCompany(db: Kysely<DB>, config: Config, scale: Scale, now: Date) {
  const services = createServices({ db, config, clock: { now: () => now } });
  await services.areas.importAreas();
  const areas = await readAreas(db);
  const branches = scale.branches(areas);
  const benchBranch = busiest(branches);
  const branchIds: string[] = [];
  for (const [b, { code, name, timeZone, areaCodes }] of branches.entries()) {
    // The bench branch assigns its intake itself: the auto-assign scenario takes work orders there.
    const body = { code, name, address: 'Jl. Benchmark 1', timeZone, areaCodes, autoAssign: b === benchBranch };
    branchIds.push((await services.branches.createBranch(body)).id);
  }
  for (const model of demoProductModels) await services.customers.createProductModel(model);
  const districts = areas.districts.map((district) => district.code);
  return { branches, benchBranch, branchIds, districts, districtIndex: new Map(districts.map((code, n) => [code, n])) };
}

type Company = Awaited<ReturnType<typeof setUpCompany>>;

/** Everything but the search index, streamed in on one connection set up for the load. */
async function loadInBulk(
  database: Database,
  company: Company,
  scale: Scale,
  size: DataSetSize,
  context: { random: Random; now: Date; phases: Phases },
) {
  const { random, now, phases } = context;
  return database.db.connection().execute(async (connection) => {
    const finishBulkLoad = await startBulkLoad(connection, database.dialect);
    const buildIndexes = await deferSecondaryIndexes(connection, database.dialect, bulkTables);
    const loader = createBulkLoader(connection, database.dialect);
    const { branches, branchIds, districtIndex, districts, benchBranch } = company;
    const people = await timed(phases, 'people', () =>
      addPeople({ loader, random, branches, branchIds, districtIndex, technicianCount: size.technicians }),
    );
    const createdMs = now.getTime() - scale.spanDays * 86400_000;
    const customers = await timed(phases, 'customers, phones, products', () =>
      generateCustomers({
        loader,
        random,
        count: size.customers,
        secondProductEvery: scale.secondProductEvery,
        branches,
        districtIndex,
        benchBranch,
        createdMs,
        at: now.toISOString(),
      }),
    );
    const { technicians, agentId } = people;
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
        technicians,
        agentId,
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
}

/**
 * Fills an empty, migrated database with a large company: bulk inserts streamed in
 * batches, not the API, so millions of work orders take minutes and memory stays flat.
 * Returns what the scenarios need to address, and how long each part took.
 */
export async function generateDataSet(database: Database, config: Config, scale: Scale, size: DataSetSize) {
  const { db, dialect } = database;
  const now = new Date();
  const phases: Phases = [];
  const company = await timed(phases, 'areas, branches, product models', () => setUpCompany(db, config, scale, now));
  const loaded = await loadInBulk(database, company, scale, size, { random: createRandom(42), now, phases });

  // The search index of everything inserted in bulk above, as `purnajual search:reindex` builds it.
  const buildTokenKey = await deferPrimaryKey(db, dialect, 'search_token');
  await timed(phases, 'search index', () => reindexSearch(db));
  if (buildTokenKey !== null) await timed(phases, "search index's primary key", buildTokenKey);
  await endBulkLoad(db, dialect);

  const { people, customers } = loaded;
  const { branches, branchIds, benchBranch } = company;
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
