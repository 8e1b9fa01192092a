/*
 * A three-node MariaDB Galera cluster on this machine, behind HAProxy, for the chaos run
 * (`npm run chaos -- --galera`) and for manual use (`npm run galera -w @purnajual/bench`).
 * Each node has its own data directory and its own ports (client, group communication,
 * IST, SST); the machine's shared MariaDB is never touched. HAProxy sends every connection
 * to one node at a time — the others are `backup`s — so that writes never race each other
 * on two nodes (which Galera would only settle at commit, by failing one of them).
 *
 * Ports from `basePort` (3330 by default): HAProxy on base, node i's clients on base + i,
 * its group communication on base + 10 + i, IST on base + 20 + i, SST on base + 30 + i.
 */
import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Connection, createConnection } from 'mysql2/promise';
import { initMariadbDataDir, mariadbdArgs, Restartable, sleep, waitUntil } from './private-services';

const run = promisify(execFile);

const provider = '/usr/lib/galera/libgalera_smm.so';
const nodeCount = 3;
/** The unprivileged account HAProxy's health check signs in with (it only reads status). */
const checkUser = 'haproxy_check';
/** A database of its own for the write probe, so the checks of the chaos run never see it. */
const probeDatabase = 'galera_probe';

export type StateTransfer = 'IST' | 'SST' | 'none';

export interface GaleraNodeStatus {
  /** `wsrep_local_state`: 4 is Synced, 2 Donor/Desynced, 1 Joining. */
  state: number;
  stateComment: string;
  clusterSize: number;
}

export interface GaleraNode {
  readonly name: string;
  readonly port: number;
  readonly serverUrl: string;
  /**
   * Starts the node and waits until it is Synced. Without `bootstrap` it joins the running
   * cluster: the position its InnoDB last committed is recovered first (`--wsrep-recover`,
   * as Debian's `galera_recovery` does for systemd), so that a node that was killed asks
   * for the missing write sets only (IST) instead of a full copy (SST). Only the very first
   * start of the first node bootstraps (`--wsrep-new-cluster`).
   */
  start(options?: { bootstrap?: boolean; donors?: string[] }): Promise<void>;
  stop(signal: NodeJS.Signals): Promise<void>;
  killNow(): void;
  status(): Promise<GaleraNodeStatus>;
  /** How the latest start got the node's data: write sets from a donor's cache, a full copy, or neither. */
  lastTransfer(): StateTransfer;
}

export interface GaleraCluster {
  readonly dir: string;
  readonly nodes: GaleraNode[];
  /** The cluster through HAProxy, without a database. */
  readonly serverUrl: string;
  readonly proxyPort: number;
  /** A database on the cluster, through HAProxy. */
  url(database: string): string;
  /** Initialises the data directories, bootstraps the cluster and starts HAProxy in front. */
  create(): Promise<void>;
  /** The node HAProxy sends new connections to. */
  writer(): Promise<string>;
  /** Each node's state in HAProxy (`UP`, `DOWN`, …), from its stats socket. */
  proxyStates(): Promise<Record<string, string>>;
  /** Every node Synced in a cluster of three, and up in HAProxy. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** Starts a node that was stopped, from the donors other than the writer, and waits until all is healthy. */
  rejoin(node: GaleraNode): Promise<{ syncedMs: number; healthyMs: number; transfer: StateTransfer }>;
  /**
   * Writes through HAProxy every `everyMs` until stopped, on one connection (opened again
   * when it breaks, as a pool does): when writes went through, and on which node.
   */
  startWriteProbe(everyMs?: number): WriteProbe;
  /**
   * Once writes have stopped: waits until every node has applied every write set, then
   * compares each table of `database` across the nodes (`CHECKSUM TABLE`).
   */
  compareNodes(database: string): Promise<{ tables: number; differing: string[] }>;
  /** HAProxy first, then the nodes. Works from another process too (by the pid files). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  killNow(): void;
}

export interface WriteProbe {
  /** Each write that succeeded: when it was acknowledged (ms since the epoch) and the node that took it. */
  readonly writes: { at: number; node: string }[];
  /** Each connection the probe opened through HAProxy: when, and the node behind it. */
  readonly connections: { at: number; node: string }[];
  stop(): Promise<void>;
}

/**
 * What the probe saw from `from` (a node killed) to `to`: the first connection HAProxy
 * gave to a node other than `except` (the killed writer), the first write acknowledged
 * there, and each stretch of more than a second without an acknowledged write (when it
 * began, counted from `from`, and how long it lasted).
 */
export function writeOutage(
  { writes, connections }: Pick<WriteProbe, 'writes' | 'connections'>,
  from: number,
  to: number,
  except?: string,
): {
  connectedMs: number | undefined;
  firstWriteMs: number | undefined;
  node: string | undefined;
  stalls: { atMs: number; ms: number }[];
} {
  const connected = connections.find((c) => c.at > from && c.node !== except);
  const first = writes.find((w) => w.at > from && w.node !== except);
  const stalls: { atMs: number; ms: number }[] = [];
  let previous = from;
  for (const at of [...writes.filter((w) => w.at > from && w.at <= to).map((w) => w.at), to]) {
    if (at - previous > 1000) stalls.push({ atMs: previous - from, ms: at - previous });
    previous = at;
  }
  return {
    connectedMs: connected && connected.at - from,
    firstWriteMs: first && first.at - from,
    node: first?.node,
    stalls,
  };
}

const isRoot = () => process.getuid?.() === 0;

/**
 * The account the nodes run as. As root, `mysql`: the rsync daemon that receives an SST
 * runs as `nobody` when started by root, and could not write a data directory of root's.
 */
async function nodeUser(): Promise<{ name: string; uid: number; gid: number } | undefined> {
  if (!isRoot()) return undefined;
  const [uid, gid] = await Promise.all([run('id', ['-u', 'mysql']), run('id', ['-g', 'mysql'])]);
  return { name: 'mysql', uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the process named by a pid file (one this process did not start) and waits until it is gone. */
async function stopByPidFile(pidFile: string, signal: NodeJS.Signals, timeoutMs = 60_000) {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, signal);
  await waitUntil(`process ${pid} to exit`, async () => !isAlive(pid), timeoutMs);
}

async function queryStatus(serverUrl: string): Promise<GaleraNodeStatus> {
  const connection = await createConnection({ uri: serverUrl, connectTimeout: 1000 });
  try {
    const [rows] = await connection.query(
      "show global status where variable_name in ('wsrep_local_state', 'wsrep_local_state_comment', 'wsrep_cluster_size')",
    );
    const values = new Map((rows as { Variable_name: string; Value: string }[]).map((r) => [r.Variable_name, r.Value]));
    return {
      state: Number(values.get('wsrep_local_state') ?? 0),
      stateComment: values.get('wsrep_local_state_comment') ?? '',
      clusterSize: Number(values.get('wsrep_cluster_size') ?? 0),
    };
  } finally {
    await connection.end();
  }
}

function haproxyConfig(dir: string, proxyPort: number, nodes: GaleraNode[]): string {
  const servers = nodes.map(
    (node, index) =>
      `  server ${node.name} 127.0.0.1:${node.port} check ${index === 0 ? 'on-marked-up shutdown-backup-sessions' : 'backup'}`,
  );
  return `# Written by bench/src/galera-cluster.ts
global
  maxconn 1000
  # The health check is a script (see ${join(dir, 'haproxy-check.sh')}): HAProxy forks it.
  external-check
  insecure-fork-wanted
  stats socket ${join(dir, 'haproxy.sock')} mode 600 level admin

defaults
  mode tcp
  timeout connect 2s
  # The API's pool keeps connections open; as long as MariaDB's own wait_timeout.
  timeout client 8h
  timeout server 8h
  timeout check 2s

listen galera
  bind 127.0.0.1:${proxyPort}
  # One writer: the first server that is up; the first backup only while it is down. When
  # the first server is back, the sessions on the backup are closed, so the pool does not
  # go on writing there while new connections write on the first (two writers, whose
  # conflicts Galera would settle at commit by failing one). A stick table on dst, the other
  # usual way, did not keep the backup here: HAProxy 2.6 kept the first server's entry.
  option external-check
  external-check path "/usr/bin:/bin"
  external-check command ${join(dir, 'haproxy-check.sh')}
  # A refused connection marks a node down at once (a killed node refuses at the first try);
  # otherwise three failed checks do, and two passes take it back. A check may take up to
  # 'inter': at 500 ms a loaded machine timed the writer's check out and failed over for
  # nothing. Sessions on a node marked down are closed, so the pool reconnects instead of
  # waiting on a node that is not Synced.
  default-server inter 1s rise 2 fall 3 on-marked-down shutdown-sessions observe layer4 error-limit 1 on-error mark-down
${servers.join('\n')}
`;
}

const checkScript = `#!/bin/sh
# HAProxy's external check: $3 is the server's address, $4 its port. A node takes traffic
# only when Synced (wsrep_local_state 4). A joiner, a donor (blocked during an rsync SST)
# or a node cut off from the primary component still completes the MySQL handshake, which
# is all that HAProxy's built-in mysql-check looks at.
state=$(mariadb --no-defaults --connect-timeout=1 -h "$3" -P "$4" -u ${checkUser} -N -B \\
  -e "show global status like 'wsrep_local_state'" 2>/dev/null | cut -f2)
[ "$state" = 4 ]
`;

export function galeraCluster({
  dir,
  basePort = 3330,
  detached = false,
}: {
  dir: string;
  basePort?: number;
  /** Processes outlive this one (the CLI). */
  detached?: boolean;
}): GaleraCluster {
  const names = Array.from({ length: nodeCount }, (_, index) => `node${index + 1}`);
  const gcommAddress = names.map((_, index) => `127.0.0.1:${basePort + 11 + index}`).join(',');
  let user: Awaited<ReturnType<typeof nodeUser>>;

  const nodes: GaleraNode[] = names.map((name, index) => {
    const port = basePort + 1 + index;
    const gmcastPort = basePort + 11 + index;
    const runDir = join(dir, name);
    const dataDir = join(runDir, 'data');
    const logFile = join(dir, `${name}.log`);
    const serverUrl = `mysql://root@127.0.0.1:${port}`;
    const baseArgs = () => [
      ...mariadbdArgs({ dataDir, runDir, port, user: user?.name ?? userInfo().username }),
      '--binlog-format=ROW',
      '--default-storage-engine=InnoDB',
      '--innodb-autoinc-lock-mode=2',
      // One writer needs no interleaved auto-increment ids (Galera's default steps them by
      // the cluster size, each node its own offset), and the event bus reads the outbox in
      // id order, taking a hole for a transaction still committing: with ids 3 apart every
      // event waited out the bus's gap timeout and the streams fell minutes behind.
      '--wsrep-auto-increment-control=OFF',
      '--wsrep-on=ON',
      `--wsrep-provider=${provider}`,
      '--wsrep-cluster-name=purnajual',
      `--wsrep-cluster-address=gcomm://${gcommAddress}`,
      `--wsrep-node-name=${name}`,
      `--wsrep-node-address=127.0.0.1:${gmcastPort}`,
      '--wsrep-sst-method=rsync',
      `--wsrep-sst-receive-address=127.0.0.1:${basePort + 31 + index}`,
      `--wsrep-provider-options=gmcast.listen_addr=tcp://127.0.0.1:${gmcastPort};ist.recv_addr=127.0.0.1:${basePort + 21 + index};gcache.size=256M`,
    ];
    let startArgs: string[] = [];
    let logOffset = 0;
    const process_ = new Restartable(name, '/usr/sbin/mariadbd', () => [...baseArgs(), ...startArgs], logFile, {
      detached,
    });

    /** The position InnoDB last committed, or undefined when the node has no state yet (it needs an SST). */
    const recoverPosition = async (): Promise<string | undefined> => {
      if (!existsSync(join(dataDir, 'grastate.dat'))) return undefined;
      // Without --log-error the server logs to stderr: the position is read from there.
      const { stderr } = await run('/usr/sbin/mariadbd', [...baseArgs(), '--wsrep-recover']);
      const position = /WSREP: Recovered position: ([0-9a-f-]{36}:-?\d+)/.exec(stderr)?.[1];
      return position === undefined || position.endsWith(':-1') ? undefined : position;
    };

    return {
      name,
      port,
      serverUrl,
      async start({ bootstrap = false, donors = [] } = {}) {
        user ??= await nodeUser();
        const position = bootstrap ? undefined : await recoverPosition();
        startArgs = [
          ...(bootstrap ? ['--wsrep-new-cluster'] : []),
          ...(position === undefined ? [] : [`--wsrep-start-position=${position}`]),
          // The donors in this order; none other (each listed node is a member anyway).
          ...(donors.length > 0 ? [`--wsrep-sst-donor=${donors.join(',')}`] : []),
        ];
        logOffset = existsSync(logFile) ? statSync(logFile).size : 0;
        process_.start();
        // A full copy of a large database takes its time; a node that gave up exits.
        const started = Date.now();
        for (;;) {
          if (!process_.isRunning) throw new Error(`${name} exited while starting (see ${logFile})`);
          if ((await queryStatus(serverUrl).catch(() => undefined))?.state === 4) return;
          if (Date.now() - started > 600_000) throw new Error(`${name} did not get Synced within 10 min`);
          await sleep(200);
        }
      },
      async stop(signal) {
        if (process_.isRunning) await process_.stop(signal);
        else await stopByPidFile(join(runDir, 'mariadb.pid'), signal);
      },
      killNow: () => process_.killNow(),
      status: () => queryStatus(serverUrl),
      lastTransfer() {
        const log = readFileSync(logFile).subarray(logOffset).toString();
        // rsync's script does both; with IST the server still logs "SST received".
        if (/rsync SST completed on joiner/.test(log)) return 'SST';
        if (/rsync IST completed on joiner|IST received/.test(log)) return 'IST';
        return 'none';
      },
    };
  });

  const proxyPort = basePort;
  const serverUrl = `mysql://root@127.0.0.1:${proxyPort}`;
  const proxy = new Restartable(
    'haproxy',
    'haproxy',
    () => ['-db', '-f', join(dir, 'haproxy.cfg')],
    join(dir, 'haproxy.log'),
    { detached },
  );

  const proxyStates = () =>
    new Promise<Record<string, string>>((resolve, reject) => {
      let text = '';
      const socket = connect(join(dir, 'haproxy.sock'), () => socket.write('show stat\n'));
      socket.setTimeout(2000, () => socket.destroy(new Error('HAProxy stats socket timed out')));
      socket.on('data', (data) => {
        text += data.toString();
      });
      socket.once('error', reject);
      socket.once('end', () => {
        const [header = '', ...lines] = text.trim().split('\n');
        const columns = header.replace(/^# /, '').split(',');
        const name = columns.indexOf('svname');
        const status = columns.indexOf('status');
        const states: Record<string, string> = {};
        for (const line of lines) {
          const fields = line.split(',');
          const server = fields[name] ?? '';
          if (names.includes(server)) states[server] = fields[status] ?? '';
        }
        resolve(states);
      });
    });

  const writer = async () => {
    const connection = await createConnection({ uri: serverUrl, connectTimeout: 1000 });
    try {
      const [rows] = await connection.query('select @@wsrep_node_name as node');
      return String((rows as { node: string }[])[0]?.node);
    } finally {
      connection.destroy();
    }
  };

  const isHealthy = async () => {
    const statuses = await Promise.all(nodes.map((node) => node.status()));
    if (!statuses.every((s) => s.state === 4 && s.clusterSize === nodeCount)) return false;
    const states = await proxyStates();
    return names.every((name) => states[name] === 'UP');
  };

  const waitUntilHealthy = (timeoutMs = 300_000) => waitUntil('the Galera cluster', isHealthy, timeoutMs);

  return {
    dir,
    nodes,
    serverUrl,
    proxyPort,
    url: (database) => `${serverUrl}/${database}`,
    writer,
    proxyStates,
    waitUntilHealthy,

    async create() {
      mkdirSync(dir, { recursive: true });
      user = await nodeUser();
      // The nodes' own account must reach its folders below this one.
      if (user) chmodSync(dir, 0o755);
      // One at a time: three at once failed now and then ("Unknown table 'mysql.tmp_user_sys'").
      for (const { name } of nodes) {
        const runDir = join(dir, name);
        mkdirSync(runDir, { recursive: true });
        if (user) chownSync(runDir, user.uid, user.gid);
        await initMariadbDataDir(join(runDir, 'data'), user?.name ?? userInfo().username);
      }
      const [first, ...others] = nodes;
      if (!first) throw new Error('no nodes');
      await first.start({ bootstrap: true });
      const admin = await createConnection(first.serverUrl);
      await admin.query(`create user '${checkUser}'@'127.0.0.1'`);
      await admin.query(`create database ${probeDatabase}`);
      await admin.query(
        `create table ${probeDatabase}.beat (id bigint auto_increment primary key, node varchar(64) not null, at datetime(6) not null)`,
      );
      await admin.end();
      // One at a time: the first node is the donor of each full copy.
      for (const node of others) await node.start();
      writeFileSync(join(dir, 'haproxy-check.sh'), checkScript, { mode: 0o755 });
      writeFileSync(join(dir, 'haproxy.cfg'), haproxyConfig(dir, proxyPort, nodes));
      proxy.start();
      // HAProxy in the foreground writes no pid file; `stop` from another process needs one.
      writeFileSync(join(dir, 'haproxy.pid'), String(proxy.pid));
      await waitUntilHealthy(60_000);
    },

    async rejoin(node) {
      const started = Date.now();
      const current = await writer().catch(() => undefined);
      // A donor leaves the Synced state for the transfer, even for an IST, and the check
      // takes it out of HAProxy meanwhile: a backup, not the writer. (Listed after the
      // others, Galera still took the writer when it could serve the IST.)
      const others = nodes.filter((other) => other !== node).map((other) => other.name);
      const donors = others.filter((name) => name !== current);
      await node.start({ donors: donors.length > 0 ? donors : others });
      const syncedMs = Date.now() - started;
      await waitUntilHealthy();
      return { syncedMs, healthyMs: Date.now() - started, transfer: node.lastTransfer() };
    },

    startWriteProbe(everyMs = 100) {
      const writes: { at: number; node: string }[] = [];
      const connections: { at: number; node: string }[] = [];
      let stopping = false;
      const loop = async () => {
        let connection: Connection | undefined;
        // A connection stays on the node HAProxy gave it.
        let node = '';
        while (!stopping) {
          try {
            if (!connection) {
              connection = await createConnection({ uri: serverUrl, connectTimeout: 1000 });
              const [rows] = await connection.query('select @@wsrep_node_name as node');
              node = String((rows as { node: string }[])[0]?.node);
              connections.push({ at: Date.now(), node });
            }
            await connection.query({
              sql: `insert into ${probeDatabase}.beat (node, at) values (@@wsrep_node_name, now(6))`,
              timeout: 30_000,
            });
            writes.push({ at: Date.now(), node });
          } catch {
            connection?.destroy();
            connection = undefined;
          }
          await sleep(everyMs);
        }
        connection?.destroy();
      };
      const running = loop();
      return {
        writes,
        connections,
        async stop() {
          stopping = true;
          await running;
        },
      };
    },

    async compareNodes(database) {
      const connections = await Promise.all(nodes.map((node) => createConnection(node.serverUrl)));
      try {
        const lastCommitted = async (connection: Connection) => {
          const [rows] = await connection.query("show global status like 'wsrep_last_committed'");
          return String((rows as { Value: string }[])[0]?.Value);
        };
        await waitUntil(
          'every node to apply every write set',
          async () => new Set(await Promise.all(connections.map(lastCommitted))).size === 1,
          60_000,
        );
        const [first] = connections;
        if (!first) throw new Error('no nodes');
        const [tableRows] = await first.query(
          'select table_name as name from information_schema.tables where table_schema = ? order by table_name',
          [database],
        );
        const tables = (tableRows as { name: string }[]).map((row) => row.name);
        const sums = await Promise.all(
          connections.map(async (connection) => {
            const [rows] = await connection.query(
              `checksum table ${tables.map((table) => `\`${database}\`.\`${table}\``).join(', ')}`,
            );
            return new Map((rows as { Table: string; Checksum: number }[]).map((row) => [row.Table, row.Checksum]));
          }),
        );
        const differing = [...(sums[0]?.keys() ?? [])].filter((table) =>
          sums.some((sum) => sum.get(table) !== sums[0]?.get(table)),
        );
        return { tables: tables.length, differing };
      } finally {
        await Promise.all(connections.map((connection) => connection.end()));
      }
    },

    async stop(signal = 'SIGTERM') {
      if (proxy.isRunning) await proxy.stop(signal);
      else await stopByPidFile(join(dir, 'haproxy.pid'), signal);
      // The last node to stop is the one a later bootstrap may start from.
      for (const node of [...nodes].reverse()) await node.stop(signal);
    },

    killNow() {
      proxy.killNow();
      for (const node of nodes) node.killNow();
    },
  };
}
