import { sql } from 'kysely';
import type { Database } from '../../src/db/database';

/** Every row of a table as canonical JSON, sorted: two snapshots are equal when the data is. */
export type Snapshot = Map<string, string[]>;

/**
 * Reference data only the command line writes (Indonesia's ~7,800 areas): counted, not
 * dumped, to keep a snapshot cheap.
 */
const countedOnly = new Set(['area']);

/**
 * What background workers write while requests run, any of which may fall between two
 * snapshots of an unrelated request: the message dispatcher marks the customer messages a
 * committed change wrote as sending, sent, delivered or failed whenever it wakes; leased
 * jobs renew their leases; the webhook fan-out moves its position in the outbox past the
 * events a committed change wrote, and adds and sends their deliveries. The message itself
 * (work order, kind, recipient, body) and each lease's name are still compared.
 */
const backgroundColumns: Record<string, readonly string[]> = {
  customer_message: ['status', 'attempts', 'nextAttemptAt', 'lastError', 'sentAt', 'statusAt', 'channel', 'providerId'],
  job_lease: ['holder', 'expiresAt'],
  webhook_feed: ['lastEventId'],
};
const backgroundTables = new Set(['webhook_delivery']);

const canonical = (row: Record<string, unknown>) =>
  JSON.stringify(row, (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));

/**
 * A value that changes whenever the data does: SQLite's count of rows changed on the
 * app's one connection, or MariaDB's and MySQL's checksums of every table's content.
 */
async function fingerprint({ db, dialect }: Database, tables: string[]): Promise<string> {
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
    return String(rows[0]?.n);
  }
  const { rows } = await sql<{ Table: string; Checksum: string | null }>`checksum table ${sql.join(
    tables.map((table) => sql.table(table)),
  )}`.execute(db);
  if (rows.length !== tables.length) throw new Error(`CHECKSUM TABLE answered ${rows.length} of ${tables.length}`);
  return rows.map((row) => `${row.Table}:${row.Checksum}`).join(' ');
}

/**
 * Takes snapshots of every table. A snapshot is read again only when the fingerprint
 * changed since the last one; otherwise the same snapshot object is returned, so that two
 * snapshots that are the same object need no comparison.
 */
export async function createSnapshotter(database: Database) {
  const { db } = database;
  const tables = (await db.introspection.getTables())
    .map((table) => table.name)
    .filter((table) => !backgroundTables.has(table));
  let last: { fingerprint: string; snapshot: Snapshot } | undefined;

  async function dump(table: string): Promise<string[]> {
    if (countedOnly.has(table)) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      return [`count ${Number(rows[0]?.n)}`];
    }
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const hidden = backgroundColumns[table] ?? [];
    return rows
      .map((row) => {
        for (const column of hidden) delete row[column];
        return canonical(row);
      })
      .sort();
  }

  return async function snapshot(): Promise<Snapshot> {
    const now = await fingerprint(database, tables);
    if (last?.fingerprint === now) return last.snapshot;
    const dumps = await Promise.all(tables.map(async (table) => [table, await dump(table)] as const));
    last = { fingerprint: now, snapshot: new Map(dumps) };
    return last.snapshot;
  };
}

/** The rows that differ between two snapshots, per table, at most a few of each. */
export function differences(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const [table, rows] of after) {
    const earlier = before.get(table) ?? [];
    const was = new Set(earlier);
    const is = new Set(rows);
    const added = rows.filter((row) => !was.has(row));
    const removed = earlier.filter((row) => !is.has(row));
    if (added.length === 0 && removed.length === 0) continue;
    const sample = (list: string[]) =>
      list.slice(0, 3).map((row) => (row.length > 400 ? `${row.slice(0, 400)}…` : row));
    found.push(
      `${table}: ${added.length} row(s) added or changed, ${removed.length} removed or changed`,
      ...sample(added).map((row) => `  + ${row}`),
      ...sample(removed).map((row) => `  - ${row}`),
    );
  }
  return found;
}
