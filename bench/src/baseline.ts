/*
 * The yardstick: the API's list queries, compiled from the server's own repository code,
 * run through the bare driver (a prepared statement for SQLite, the pool for MySQL) in a
 * plain node:http server — no framework, no auth, no validation.
 */
import { createServer } from 'node:http';
import SQLite from 'better-sqlite3';
import { createPool } from 'mysql2/promise';
import { createDatabase } from '../../apps/server/src/db/database';
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
createServer(async (request, response) => {
  const query = queries[request.url as keyof typeof queries];
  if (!query) {
    response.writeHead(404).end();
    return;
  }
  // The same merge as the repository: each part is newest first; take the newest 50.
  const parts = await Promise.all(query.map((part) => run(part.sql, part.parameters)));
  const rows = (parts.flat() as { id: string }[]).sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, 50);
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: rows }));
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
