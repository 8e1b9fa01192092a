/*
 * The yardstick: the API's list and customer-search queries, compiled from the server's own
 * repository code, run through the bare driver (a prepared statement for SQLite, the pool
 * for MySQL) in a plain node:http server — no framework, no auth, no validation.
 */
import { createServer } from 'node:http';
import SQLite from 'better-sqlite3';
import { createPool } from 'mysql2/promise';
import { createDatabase } from '../../apps/server/src/db/database';
import { customerSearchCap } from '../../apps/server/src/modules/customers/customer-search';
import {
  buildCustomerSearchQueries,
  customersByIdsQuery,
  phonesQuery,
} from '../../apps/server/src/modules/customers/customers.repository';
import { planSearch } from '../../apps/server/src/modules/search/search-plan';
import { buildWorkOrdersQueries } from '../../apps/server/src/modules/work-orders/work-orders.repository';

const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 3999);
const technicianId = process.env.BENCH_TECHNICIAN_ID ?? '';
const areaCodes = JSON.parse(process.env.BENCH_AREA_CODES ?? '[]') as string[];
const branchId = process.env.BENCH_BRANCH_ID ?? '';

// Kysely only compiles here; the queries run on the bare driver below.
const { db } = createDatabase(url);
const compile = (queries: ReturnType<typeof buildWorkOrdersQueries>) => queries.map((query) => query.compile());
const queries = {
  '/technician-list': compile(
    buildWorkOrdersQueries(db, { kind: 'technician', technicianId, districtCodes: areaCodes }, {}, 51),
  ),
  '/agent-list': compile(buildWorkOrdersQueries(db, { kind: 'all' }, { statuses: ['scheduled'], branchId }, 51)),
};

type Run = (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;

function bareDriver(): Run {
  if (url.startsWith('sqlite:')) {
    const sqlite = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    const statements = new Map<string, SQLite.Statement>();
    return async (sql, parameters) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.all(...parameters);
    };
  }
  const pool = createPool({ uri: url, connectionLimit: 10, dateStrings: true });
  return async (sql, parameters) =>
    (await pool.query(sql, [...parameters] as (string | number | null)[]))[0] as unknown[];
}

const run = bareDriver();
const runCompiled = ({ sql, parameters }: { sql: string; parameters: readonly unknown[] }) => run(sql, parameters);

/** The same merge as the repository: each part is newest first; take the newest 50. */
async function listOf(query: (typeof queries)[keyof typeof queries]) {
  const parts = await Promise.all(query.map(runCompiled));
  return (parts.flat() as { id: string }[]).sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, 50);
}

/**
 * The API's customer search without its ranking: the same token queries, then the first
 * ten customers and their phones — the reads the API makes for a page of ten.
 */
async function customerSearch(q: string) {
  const matches = await Promise.all(
    buildCustomerSearchQueries(db, planSearch(q), customerSearchCap).map(({ query }) => runCompiled(query.compile())),
  );
  const ids = [...new Set((matches.flat() as { entityId: string }[]).map((match) => match.entityId))].slice(0, 10);
  if (ids.length === 0) return [];
  const [customers] = await Promise.all([
    runCompiled(customersByIdsQuery(db, ids).compile()),
    runCompiled(phonesQuery(db, ids).compile()),
  ]);
  return customers;
}

function itemsOf(url: URL) {
  if (url.pathname === '/customer-search') return customerSearch(url.searchParams.get('q') ?? '');
  const query = queries[url.pathname as keyof typeof queries];
  return query ? listOf(query) : null;
}

createServer(async (request, response) => {
  const items = await itemsOf(new URL(request.url ?? '/', 'http://baseline'));
  if (items === null) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items }));
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
