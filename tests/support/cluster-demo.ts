/**
 * `bash scripts/gavel.sh cluster` (after it installed and built everything):
 * three Gavel nodes (127.0.0.1:3101-3103) behind HAProxy on :3000, on the
 * machine's PostgreSQL and Redis, for a person to try; Ctrl-C stops them all.
 *
 *   GAVEL_DATABASE_URL  default postgres://postgres@127.0.0.1:5432/gavel_cluster (created if missing);
 *                       where no PostgreSQL answers, a temporary one of our own (initdb), removed at the end
 *   GAVEL_REDIS_URL     default redis://127.0.0.1:6379; where none answers, a redis-server of our own
 *   GAVEL_ADMIN_TOKEN   default: one made at first start and kept in data/cluster/admin-token
 *   PORT                the load balancer's port (3000)
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { ensureDatabase } from '@gavel/server/store/postgres-test-db';
import { startCluster, type Cluster, type ClusterOptions } from './cluster';
import { ROOT } from './server';

const DIR = join(ROOT, 'data/cluster');
const NODE_PORTS = [3101, 3102, 3103];
const STATS_PORT = 3199;

/** Whether a Redis answers PING at `url` within a second. */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) }, () => socket.write('PING\r\n'));
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    socket.once('error', () => done(false));
  });
}

function adminToken(): string {
  if (process.env.GAVEL_ADMIN_TOKEN) return process.env.GAVEL_ADMIN_TOKEN;
  const file = join(DIR, 'admin-token');
  if (!existsSync(file)) writeFileSync(file, `${randomBytes(24).toString('base64url')}\n`, { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

async function main(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const databaseUrl = process.env.GAVEL_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gavel_cluster';
  const redisUrl = process.env.GAVEL_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const postgres: ClusterOptions['postgres'] = (await ensureDatabase(databaseUrl)) ? { url: databaseUrl } : 'own';
  const redis: ClusterOptions['redis'] = (await redisAnswers(redisUrl)) ? { url: redisUrl } : 'own';
  const lbPort = Number(process.env.PORT ?? 3000);
  console.log(`starting redis (${typeof redis === 'object' ? 'the machine' : 'our own'}), PostgreSQL (${typeof postgres === 'object' ? 'the machine' : 'our own'}), three nodes and HAProxy…`);
  // Ctrl-C at any time, even while starting: the harness kills what it started when this process exits.
  let cluster: Cluster | undefined;
  const stop = () => {
    console.log('\nstopping the nodes, HAProxy and what was started for them…');
    void (cluster?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  cluster = await startCluster({
    nodes: NODE_PORTS.length,
    server: 'dist',
    postgres,
    redis,
    ports: { lb: lbPort, nodes: NODE_PORTS },
    dir: DIR,
    demo: true,
    adminToken: adminToken(),
    lbHost: '0.0.0.0',
    env: { GAVEL_LOG_LEVEL: 'info' },
    statsPagePort: STATS_PORT,
  });

  const access = join(cluster.nodes[0].dataDir, 'demo-access.txt');
  const lines = [
    '',
    `Gavel is running on http://localhost:${lbPort} (HAProxy), in front of three nodes:`,
    ...cluster.nodes.map((n) => `  ${n.name}  ${n.url}  (pid ${n.process?.pid})   health: ${n.url}/health`),
    `PostgreSQL: ${postgres === 'own' ? `${cluster.databaseUrl} (a temporary instance of our own: none answered at ${databaseUrl})` : databaseUrl}`,
    `Redis:      ${redis === 'own' ? `${cluster.redisUrl} (a redis-server of our own: none answered at ${redisUrl})` : redisUrl}`,
    `Admin token: ${cluster.adminToken}`,
    '',
    existsSync(access) ? readFileSync(access, 'utf8').replaceAll('localhost:3101', `localhost:${lbPort}`).trimEnd() : `(No demo meeting made now: the database had meetings already. Codes of one made before: ${access})`,
    '',
    `HAProxy's view of the nodes (UP, DOWN): http://127.0.0.1:${STATS_PORT}/`,
    `Logs: ${join(DIR, 'logs')} (node1.log … haproxy.log, redis.log if Redis is ours)`,
    "Try: kill -9 a node's pid (or kill -STOP it): HAProxy takes it out within a second or two and sends everyone to the others.",
    'Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
