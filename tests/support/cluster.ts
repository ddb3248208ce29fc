/**
 * Several Gavel nodes behind HAProxy, on PostgreSQL and Redis, all started
 * here on free ports (or on the ports given) and stopped by `close()`: for
 * the multi-node tests, the cluster benchmark and `bash scripts/gavel.sh
 * cluster`. Each process writes its log to a file of the cluster's folder;
 * `printLogs()` shows them (a test calls it when it fails).
 *
 *   const cluster = await startCluster({ nodes: 3 });    afterAll(() => cluster?.close())
 *   cluster.url            the load balancer;  cluster.nodes[i].url  a node itself
 *   cluster.kill(i, 'SIGSTOP' | 'SIGCONT' | 'SIGKILL'),  cluster.restart(i)
 *   cluster.redis.stop() / start()  (same port),  cluster.pg.restart()  (own instance only)
 *   cluster.waitForBackend(i, 'DOWN')  HAProxy's view of node i, from its stats socket
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { basename, dirname, join } from 'node:path';
import { createTestDatabase, findBin, freePort, type TestDatabase } from '@gavel/server/store/postgres-test-db';
import { track } from './children';
import { ApiClient, ROOT, spawnServer, tempDir, waitFor } from './server';

export const CLUSTER_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
const TEMPLATE = join(ROOT, 'scripts/cluster/haproxy.cfg.template');

export interface ClusterOptions {
  /** Gavel nodes (3). */
  nodes?: number;
  /**
   * Which server the nodes run: 'build' (default), compiled now into a folder
   * of this cluster's own (no other test's build can remove it under them;
   * compiled nodes start in a third of the time tsx takes); 'dist', the build
   * `pnpm build:server` made, as production runs it (the web app served too);
   * 'sources', the TypeScript through tsx.
   */
  server?: 'build' | 'dist' | 'sources';
  /**
   * 'shared' (default): a fresh database on the machine's PostgreSQL (or an
   * instance of our own where none answers); 'own': always an instance of our
   * own, which `pg.stop()/start()/restart()` may stop; or a database to use as it is.
   */
  postgres?: 'shared' | 'own' | { url: string };
  /** 'own' (default): a redis-server of our own on a free port; or one to use as it is. */
  redis?: 'own' | { url: string };
  /** Fixed ports (`gavel.sh cluster`); free ones by default. */
  ports?: { lb?: number; nodes?: number[] };
  /** The folder for data, logs and HAProxy's files; a temporary one (removed by close) by default. */
  dir?: string;
  /** Environment of every node, over the cluster's own (GAVEL_LOG_LEVEL 'warn' by default). */
  env?: Record<string, string>;
  /** The demo meeting, seeded by the first node (started before the others, so that only one seeds it). */
  demo?: boolean;
  adminToken?: string;
  /** Where HAProxy listens: 127.0.0.1 by default (0.0.0.0 for people on other machines). */
  lbHost?: string;
  /** HAProxy's statistics page on this port of 127.0.0.1 (none by default). */
  statsPagePort?: number;
  /** Arguments to node itself for each Gavel node (`--cpu-prof`, say). */
  nodeArgs?: string[];
}

export interface ClusterNode {
  name: string;
  port: number;
  url: string;
  dataDir: string;
  log: string;
  process?: ChildProcess;
}

export type BackendStatus = 'UP' | 'DOWN' | 'NOLB' | 'MAINT' | 'no check' | string;

/** HAProxy's configuration from the template: where it listens, the nodes, its stats socket. */
export function renderHaproxyConfig(o: { bind: string; nodes: { name: string; port: number }[]; statsSocket?: string; statsPage?: string }): string {
  const values: Record<string, string> = {
    BIND: o.bind,
    STATS_SOCKET: o.statsSocket ? `    stats socket ${o.statsSocket} mode 600 level admin` : '',
    // HAProxy's own page: each node UP or DOWN, its checks and sessions (read-only).
    STATS_PAGE: o.statsPage ? ['frontend stats', `    bind ${o.statsPage}`, '    stats enable', '    stats uri /', '    stats refresh 2s', ''].join('\n') : '',
    SERVERS: o.nodes.map((n) => `    server ${n.name} 127.0.0.1:${n.port}`).join('\n'),
    SOCKET_SERVERS: o.nodes.map((n) => `    server ${n.name} 127.0.0.1:${n.port} track nodes/${n.name}`).join('\n'),
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/\{\{(\w+)\}\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`haproxy template: no value for {{${key}}}`);
    return values[key];
  });
}

const BUILDS = join(ROOT, 'packages/server/dist-cluster');

/** The compiled server's main.js the nodes run (undefined: the sources, through tsx). */
function serverMain(server: 'build' | 'dist' | 'sources', dir: string): string | undefined {
  if (server === 'sources') return undefined;
  if (server === 'dist') return join(ROOT, 'packages/server/dist/main.js');
  const outdir = join(BUILDS, basename(dir));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-server.mjs'), '--outdir', outdir], { stdio: 'pipe' });
  return join(outdir, 'main.js');
}

/** A binary from Debian's packages; daemons live in /usr/sbin, which a user's PATH may lack. */
function debianBin(name: string, pkg: string): string {
  const found = findBin(name) ?? ['/usr/sbin', '/usr/bin'].map((d) => join(d, name)).find((f) => existsSync(f));
  if (!found) throw new Error(`${name} is not installed: the cluster tests need Debian's ${pkg} ('apt-get install -y ${pkg}').`);
  return found;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** A process of ours whose output goes to the file `log`. */
function spawnLogged(bin: string, args: string[], log: string): ChildProcess {
  const child = track(spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  const file = createWriteStream(log, { flags: 'a' });
  child.stdout!.pipe(file, { end: false });
  child.stderr!.pipe(file, { end: false });
  child.once('exit', (code, signal) => file.end(`\n[exited: ${signal ?? code}]\n`));
  return child;
}

/** Starts a daemon that logs to `log`, resolving once its output says it is ready. */
async function daemon(bin: string, args: string[], log: string, ready: RegExp, what: string): Promise<ChildProcess> {
  const child = spawnLogged(bin, args, log);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${output}`));
    });
  });
  return child;
}

/** A redis-server of our own, in memory only, that can be stopped and started again on its port. */
export class OwnRedis {
  private child?: ChildProcess;
  constructor(
    readonly port: number,
    private readonly log: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.child = await daemon(debianBin('redis-server', 'redis-server'), args, this.log, /Ready to accept connections/, 'redis-server');
  }

  /** SIGKILL by default: Redis lost as in a crash (it keeps nothing on disk anyway). */
  async stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    child.kill(signal);
    await exited(child);
  }
}

/** One request to HAProxy's stats socket. */
function statsCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const conn = createConnection(socket, () => conn.end(`${command}\n`));
    conn.setEncoding('utf8');
    conn.on('data', (d) => (out += d));
    conn.on('end', () => resolve(out));
    conn.on('error', reject);
  });
}

/** What a cluster is made of, settled before any process starts. */
interface ClusterParts {
  dir: string;
  /** The folder is a temporary one of ours, removed by close(). */
  ownsDir: boolean;
  nodes: ClusterNode[];
  lbPort: number;
  lbHost: string;
  statsPagePort?: number;
  adminToken: string;
  databaseUrl: string;
  /** The database (or PostgreSQL instance) we made, dropped by close(). */
  database?: TestDatabase;
  redisUrl: string;
  ownRedis?: OwnRedis;
  nodeEnv: (i: number) => Record<string, string>;
  /** The compiled main.js the nodes run; undefined: the sources through tsx. */
  main?: string;
  nodeArgs?: string[];
}

export class Cluster {
  private haproxy?: ChildProcess;
  private closed = false;

  private constructor(private readonly parts: ClusterParts) {}

  get dir(): string {
    return this.parts.dir;
  }
  get nodes(): ClusterNode[] {
    return this.parts.nodes;
  }
  get adminToken(): string {
    return this.parts.adminToken;
  }
  get databaseUrl(): string {
    return this.parts.databaseUrl;
  }
  get redisUrl(): string {
    return this.parts.redisUrl;
  }

  static async start(options: ClusterOptions = {}): Promise<Cluster> {
    const ownsDir = !options.dir;
    const dir = options.dir ?? tempDir('gavel-cluster-');
    mkdirSync(join(dir, 'logs'), { recursive: true });
    const count = options.nodes ?? 3;
    const nodePorts = options.ports?.nodes ?? (await Promise.all(Array.from({ length: count }, () => freePort())));
    const lbPort = options.ports?.lb ?? (await freePort());
    const adminToken = options.adminToken ?? CLUSTER_ADMIN_TOKEN;
    // Built before anything is started that a failed build would leave behind.
    const main = serverMain(options.server ?? 'build', dir);

    const database = typeof options.postgres === 'object' ? undefined : await createTestDatabase({ ownInstance: options.postgres === 'own' });
    const databaseUrl = typeof options.postgres === 'object' ? options.postgres.url : database!.url;
    let ownRedis: OwnRedis | undefined;
    let redisUrl: string;
    if (typeof options.redis === 'object') redisUrl = options.redis.url;
    else {
      ownRedis = new OwnRedis(await freePort(), join(dir, 'logs', 'redis.log'));
      redisUrl = ownRedis.url;
    }

    // One signing key for every node (a record signed by one is checked by the others), made before any starts.
    const keyFile = join(dir, 'signing-key.pem');
    if (!existsSync(keyFile)) {
      writeFileSync(keyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    const shared = {
      GAVEL_DATABASE_URL: databaseUrl,
      GAVEL_REDIS_URL: redisUrl,
      GAVEL_SIGNING_KEY_FILE: keyFile,
      GAVEL_ADMIN_TOKEN: adminToken,
      // HAProxy connects from 127.0.0.1: its X-Forwarded-For is believed, no one else's.
      GAVEL_TRUST_PROXY: '127.0.0.1',
      GAVEL_LOG_LEVEL: 'warn',
      ...options.env,
    };
    const nodes: ClusterNode[] = nodePorts.map((port, i) => {
      const name = `node${i + 1}`;
      return { name, port, url: `http://127.0.0.1:${port}`, dataDir: join(dir, name), log: join(dir, 'logs', `${name}.log`) };
    });
    const cluster = new Cluster({
      dir,
      ownsDir,
      nodes,
      lbPort,
      lbHost: options.lbHost ?? '127.0.0.1',
      statsPagePort: options.statsPagePort,
      adminToken,
      databaseUrl,
      database,
      redisUrl,
      ownRedis,
      nodeEnv: (i) => ({ ...shared, GAVEL_NODE_ID: nodes[i].name, GAVEL_DEMO: String(!!options.demo && i === 0) }),
      main,
      nodeArgs: options.nodeArgs,
    });
    try {
      await ownRedis?.start();
      // The store's migrations take a lock of their own: the nodes may start together, unless one seeds the demo.
      if (options.demo) await cluster.startNode(0);
      await Promise.all(nodes.map((n, i) => (n.process ? undefined : cluster.startNode(i))));
      await cluster.startHaproxy();
      await Promise.all(nodes.map((_, i) => cluster.waitForBackend(i, 'UP')));
    } catch (e) {
      cluster.printLogs();
      await cluster.close();
      throw e;
    }
    return cluster;
  }

  /** The load balancer's address. */
  get url(): string {
    return `http://127.0.0.1:${this.parts.lbPort}`;
  }

  get haproxyPid(): number | undefined {
    return this.haproxy?.pid;
  }

  get statsSocket(): string {
    return join(this.dir, 'haproxy.sock');
  }

  /** An admin client of the API, through the load balancer or to node `i` itself. */
  admin(node?: number): ApiClient {
    return new ApiClient(node === undefined ? this.url : this.nodes[node].url, this.adminToken);
  }

  private async startNode(i: number): Promise<void> {
    const node = this.nodes[i];
    const env = { ...this.parts.nodeEnv(i), PORT: String(node.port) };
    mkdirSync(node.dataDir, { recursive: true });
    const server = await spawnServer(node.dataDir, env, { main: this.parts.main, logFile: node.log, startMs: 60_000, nodeArgs: this.parts.nodeArgs });
    node.process = track(server.child);
  }

  private async startHaproxy(): Promise<void> {
    const cfg = join(this.dir, 'haproxy.cfg');
    const { statsPagePort, lbHost, lbPort } = this.parts;
    const statsPage = statsPagePort ? `127.0.0.1:${statsPagePort}` : undefined;
    writeFileSync(cfg, renderHaproxyConfig({ bind: `${lbHost}:${lbPort}`, nodes: this.nodes, statsSocket: this.statsSocket, statsPage }));
    // -db: in the foreground, logging to stdout; it prints nothing when ready, so its stats socket is asked.
    const child = spawnLogged(debianBin('haproxy', 'haproxy'), ['-f', cfg, '-db'], join(this.dir, 'logs', 'haproxy.log'));
    this.haproxy = child;
    await waitFor(async () => (child.exitCode !== null ? Promise.reject(new Error('haproxy exited')) : (await this.backends()).size > 0), 10_000, 'haproxy');
  }

  /** HAProxy's view of each node: name → UP, DOWN, … (its stats socket's `show stat`). */
  async backends(): Promise<Map<string, BackendStatus>> {
    const csv = await statsCommand(this.statsSocket, 'show stat');
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header.replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    const status = new Map<string, BackendStatus>();
    for (const row of rows) {
      const f = row.split(',');
      if (f[at('pxname')] === 'nodes' && f[at('svname')] !== 'BACKEND') status.set(f[at('svname')], f[at('status')]);
    }
    return status;
  }

  /** The node that owns a meeting now, as its GET /health says (`cluster.owns`); undefined if none does. */
  async ownerOf(meetingId: string): Promise<number | undefined> {
    const owns = await Promise.all(
      this.nodes.map((n) =>
        fetch(`${n.url}/health`, { signal: AbortSignal.timeout(1_000) })
          .then((r) => r.json() as Promise<{ cluster?: { owns?: string[] } }>)
          .then((h) => h.cluster?.owns?.includes(meetingId) ?? false)
          .catch(() => false),
      ),
    );
    const i = owns.indexOf(true);
    return i >= 0 ? i : undefined;
  }

  /** Waits until a node (other than `not`) says it owns the meeting; returns its index. */
  async waitForOwner(meetingId: string, options: { not?: number; timeoutMs?: number } = {}): Promise<number> {
    const found = await waitFor(
      async () => {
        const i = await this.ownerOf(meetingId);
        return i === undefined || i === options.not ? undefined : { i };
      },
      options.timeoutMs ?? 15_000,
      `an owner of ${meetingId}`,
    );
    return found!.i;
  }

  /** Waits until HAProxy says node `i` is `status` (its checks passing: UP; failing: DOWN); returns how long it took. */
  async waitForBackend(i: number, status: 'UP' | 'DOWN', timeoutMs = 10_000): Promise<number> {
    const t0 = performance.now();
    await waitFor(async () => (await this.backends()).get(this.nodes[i].name) === status, timeoutMs, `${this.nodes[i].name} ${status} in haproxy`);
    return performance.now() - t0;
  }

  /**
   * Sends `signal` to node i: SIGKILL (waits until it is gone), SIGSTOP (a
   * paused process: its sockets stay open and silent), SIGCONT, SIGTERM.
   */
  async kill(i: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.nodes[i].process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (signal === 'SIGKILL' || signal === 'SIGTERM') await exited(child);
  }

  /** Node i killed if still running, then started again on its port and data. */
  async restart(i: number): Promise<void> {
    await this.kill(i, 'SIGKILL');
    await this.startNode(i);
  }

  get redis(): { url: string; pid?: number; stop(signal?: NodeJS.Signals): Promise<void>; start(): Promise<void> } {
    const own = this.parts.ownRedis;
    const refuse = () => Promise.reject(new Error('this cluster uses a Redis it did not start; it cannot stop it'));
    return { url: this.redisUrl, pid: own?.pid, stop: own ? (s) => own.stop(s) : refuse, start: own ? () => own.start() : refuse };
  }

  /** PostgreSQL, which only a cluster started with `postgres: 'own'` may stop: as a crash would, then started again. */
  get pg(): { url: string; stop(): void; start(): void; restart(downMs?: number): Promise<void> } {
    const server = this.parts.database?.server;
    const refuse = () => {
      throw new Error("this cluster's PostgreSQL is not its own: start it with { postgres: 'own' } to stop it");
    };
    return {
      url: this.databaseUrl,
      stop: server ? () => server.stop() : refuse,
      start: server ? () => server.start() : refuse,
      restart: async (downMs = 0) => {
        if (!server) refuse();
        server!.stop();
        await new Promise((r) => setTimeout(r, downMs));
        server!.start();
      },
    };
  }

  /** Every process's log, with its name. */
  logs(): { name: string; text: string }[] {
    const logDir = join(this.dir, 'logs');
    if (!existsSync(logDir)) return [];
    return readdirSync(logDir).map((f) => ({ name: f, text: readFileSync(join(logDir, f), 'utf8') }));
  }

  /** The tail of each log on stderr, and where the whole files are (kept: close() then leaves the folder). */
  printLogs(lines = 80): void {
    this.keepLogs = true;
    for (const { name, text } of this.logs()) {
      const tail = text.trimEnd().split('\n').slice(-lines).join('\n');
      console.error(`\n----- ${name} (last ${lines} lines; whole file in ${join(this.dir, 'logs', name)}) -----\n${tail}`);
    }
  }

  private keepLogs = false;

  /** Stops everything it started (nodes, HAProxy, Redis, PostgreSQL or the database) and removes its folder, unless logs were printed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const all = [this.haproxy, ...this.nodes.map((n) => n.process)].filter((c): c is ChildProcess => !!c);
    // SIGKILL reaches a stopped (SIGSTOP) process too.
    for (const c of all) c.kill('SIGKILL');
    await Promise.all(all.map(exited));
    await this.parts.ownRedis?.stop();
    await this.parts.database?.drop().catch((e) => console.error(`could not drop the cluster's database: ${String(e)}`));
    const { main, ownsDir } = this.parts;
    if (main?.startsWith(BUILDS)) rmSync(dirname(main), { recursive: true, force: true });
    if (ownsDir) {
      // Printed logs stay for whoever reads them; the nodes' data goes.
      if (this.keepLogs) for (const n of this.nodes) rmSync(n.dataDir, { recursive: true, force: true });
      else rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

export const startCluster = (options?: ClusterOptions) => Cluster.start(options);
