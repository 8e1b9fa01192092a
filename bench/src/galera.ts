/*
 * npm run galera -- start | status | kill <node> | rejoin <node> | stop   [--dir <folder>] [--port 3330] [--keep]
 *
 * A three-node MariaDB Galera cluster behind HAProxy on this machine, left running for
 * manual use (see galera-cluster.ts for the layout). `start` initialises it in --dir
 * (default: purnajual-galera in the temporary folder), creates the `purnajual` database and
 * prints the DATABASE_URL, through HAProxy; `kill node1` is a crash (`kill -9`), `rejoin
 * node1` starts it again into the running cluster; `stop` shuts everything down and removes
 * the folder (unless --keep).
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { galeraCluster } from './galera-cluster';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dir: { type: 'string', default: join(tmpdir(), 'purnajual-galera') },
    port: { type: 'string', default: '3330' },
    keep: { type: 'boolean', default: false },
  },
});
const [command, nodeName] = positionals;
const cluster = galeraCluster({ dir: args.dir, basePort: Number(args.port), detached: true });

function nodeNamed(name: string | undefined) {
  const node = cluster.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`name a node: ${cluster.nodes.map((n) => n.name).join(', ')}`);
  return node;
}

async function status() {
  const proxy = await cluster.proxyStates().catch(() => ({}) as Record<string, string>);
  const rows = await Promise.all(
    cluster.nodes.map(async (node) => {
      const s = await node.status().catch(() => undefined);
      return {
        node: node.name,
        port: node.port,
        state: s?.stateComment ?? 'not answering',
        'cluster size': s?.clusterSize ?? '',
        haproxy: proxy[node.name] ?? '?',
      };
    }),
  );
  console.table(rows);
  const writer = await cluster.writer().catch(() => 'none');
  console.log(`HAProxy on 127.0.0.1:${cluster.proxyPort} sends connections to ${writer}`);
}

switch (command) {
  case 'start': {
    if (existsSync(args.dir)) throw new Error(`${args.dir} exists: \`npm run galera -- stop\` removes it`);
    console.log(`Starting a 3-node Galera cluster and HAProxy in ${args.dir}…`);
    await cluster.create();
    const admin = await createConnection(cluster.serverUrl);
    await admin.query('create database purnajual character set utf8mb4 collate utf8mb4_unicode_ci');
    await admin.end();
    await status();
    console.log(`\nDATABASE_URL=${cluster.url('purnajual')}`);
    console.log(`Logs: ${args.dir}/*.log`);
    break;
  }
  case 'status':
    await status();
    break;
  case 'kill':
    await nodeNamed(nodeName).stop('SIGKILL');
    console.log(`${nodeName} killed`);
    break;
  case 'rejoin': {
    const { syncedMs, transfer } = await cluster.rejoin(nodeNamed(nodeName));
    console.log(`${nodeName} Synced after ${syncedMs} ms (state transfer: ${transfer})`);
    await status();
    break;
  }
  case 'stop':
    await cluster.stop('SIGTERM');
    if (!args.keep) rmSync(args.dir, { recursive: true, force: true });
    console.log(args.keep ? `Stopped; data kept in ${args.dir}` : 'Stopped and removed');
    break;
  default:
    console.error(
      'usage: npm run galera -- start | status | kill <node> | rejoin <node> | stop [--dir …] [--port 3330]',
    );
    process.exitCode = 2;
}
