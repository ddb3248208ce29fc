/**
 * A PostgreSQL database of its own for a test file: a fresh database with a
 * random name on the machine's server (127.0.0.1:5432, trust auth, user
 * postgres, or GAVEL_TEST_POSTGRES_ADMIN_URL), dropped afterwards; where no
 * server answers, an instance of our own (initdb, pg_ctl) on a free port in a
 * temporary folder, stopped and removed afterwards. Neither possible: throws,
 * saying how to get one (tests never skip silently).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  /** postgres://… of the fresh database. */
  url: string;
  /** Drops the database (and stops the instance, if we started one). */
  drop(): Promise<void>;
  /**
   * Only on an instance of our own (`{ ownInstance: true }`): stop it at once
   * (as a crash would: `pg_ctl stop -m immediate`) and start it again on the
   * same port and data.
   */
  server?: { stop(): void; start(): void };
}

const HOW_TO_GET_ONE =
  'These tests need PostgreSQL: either a server on 127.0.0.1:5432 that lets user postgres in without a password ' +
  '(or GAVEL_TEST_POSTGRES_ADMIN_URL=postgres://… of a role that may create databases), or Debian\'s postgresql package ' +
  "installed ('apt-get install -y postgresql') so that they can start their own with initdb and pg_ctl.";

/**
 * `ownInstance`: always a PostgreSQL of our own, even where the machine has
 * one, for a test that stops and restarts it (never the machine's server).
 */
export async function createTestDatabase(options: { ownInstance?: boolean } = {}): Promise<TestDatabase> {
  if (!options.ownInstance) {
    const adminUrl = process.env.GAVEL_TEST_POSTGRES_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const shared = await tryCreate(adminUrl);
    if (shared) return shared;
  }
  const own = await startInstance();
  const db = await tryCreate(own.adminUrl);
  if (!db) {
    own.stop();
    throw new Error(`the PostgreSQL instance started in ${own.dir} does not answer. ${HOW_TO_GET_ONE}`);
  }
  return {
    url: db.url,
    async drop() {
      own.stop();
    },
    server: { stop: () => own.halt(), start: () => own.start() },
  };
}

/**
 * For `bash scripts/gavel.sh cluster`: creates the database of `url` if the
 * server has none of that name. False if no server answers there.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  const adminUrl = new URL(url);
  adminUrl.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch {
    return false;
  }
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
    return true;
  } finally {
    await admin.end();
  }
}

async function tryCreate(adminUrl: string): Promise<TestDatabase | undefined> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  const name = `gavel_test_${randomBytes(6).toString('hex')}`;
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch {
    await admin.end().catch(() => {});
    return undefined;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}

export function findBin(name: string): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function startInstance(): Promise<{ adminUrl: string; dir: string; halt(): void; start(): void; stop(): void }> {
  const initdb = findBin('initdb');
  const pgCtl = findBin('pg_ctl');
  if (!initdb || !pgCtl) throw new Error(`no PostgreSQL server answers on 127.0.0.1:5432 and initdb/pg_ctl are not installed. ${HOW_TO_GET_ONE}`);
  const dir = mkdtempSync(join(tmpdir(), 'gavel-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  // PostgreSQL refuses to run as root: as root, run it as the postgres user the Debian package creates.
  const asUser = (cmd: string, args: string[]) =>
    process.getuid?.() === 0 ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
  const halt = () => asUser(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
  const start = () => asUser(pgCtl, ['-D', data, '-w', '-t', '30', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']);
  try {
    if (process.getuid?.() === 0) {
      chmodSync(dir, 0o777);
    }
    asUser(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    start();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const detail = e instanceof Error && 'stderr' in e ? String((e as { stderr: unknown }).stderr) : String(e);
    throw new Error(`could not start a PostgreSQL instance of our own: ${detail}. ${HOW_TO_GET_ONE}`);
  }
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dir,
    halt,
    start,
    stop() {
      try {
        halt();
      } catch {
        // Already stopped (a test stopped it and did not start it again).
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
