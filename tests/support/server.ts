import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp, type Gavel } from '@gavel/server';
import { loadConfig, type Config } from '@gavel/server/config';
import type { DocServiceOptions } from '@gavel/server/docs/service';
import type { Store } from '@gavel/server/store/store';
import type { CommandResult, MeetingInfoInput, SessionInfo } from '@gavel/shared';
import { track } from './children';

export const ROOT = resolve(import.meta.dirname, '../..');

export const SAMPLE_MEETING: MeetingInfoInput = {
  body: 'Working Group on Trafficking in Persons',
  parentBody: 'Conference of the Parties to the United Nations Convention against Transnational Organized Crime',
  title: 'Meeting of the Working Group on Trafficking in Persons',
  venue: 'Vienna',
  startDate: '2027-01-27',
  endDate: '2027-01-29',
  symbol: 'CTOC/COP/WG.4/2027/6',
  language: 'en',
  chair: { name: 'Dominika Krois', m49: '616' },
};

export function tempDir(prefix = 'gavel-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ GAVEL_DATA_DIR: dataDir, GAVEL_LOG_LEVEL: 'silent', GAVEL_DEMO: 'false', PORT: '0' }),
    adminToken: 'test-admin-token-0123456789abcdef',
    // A report asked right after a change is built at once (tests that want the bound set it: report-cache.property.test.ts).
    reportEveryMs: 0,
    ...overrides,
  };
}

/** A client of the HTTP API, as a script would use it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    public token?: string,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json, headers: Object.fromEntries(res.headers) as Record<string, string> };
  }

  async command(meetingId: string, command: Record<string, unknown>): Promise<{ status: number; body: CommandResult & any }> {
    return this.request('POST', `/api/meetings/${meetingId}/commands`, command);
  }
}

/** Runs a command that must succeed, and returns the server's answer. */
export async function ok(client: ApiClient, meetingId: string, command: Record<string, unknown>) {
  const res = await client.command(meetingId, command);
  if (res.status !== 200) throw new Error(`${String(command.type)}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An in-process Gavel on port 0, with its own data folder. */
export class TestServer {
  private constructor(
    readonly gavel: Gavel,
    readonly url: string,
    readonly dataDir: string,
    private readonly ownsDir: boolean,
  ) {}

  static async start(
    options: {
      dataDir?: string;
      config?: Partial<Config>;
      docs?: DocServiceOptions;
      store?: Store;
      meetings?: { checkpointEvery?: number };
      /** A port of its own (a restart where the browsers already are); any free one by default. */
      port?: number;
    } = {},
  ): Promise<TestServer> {
    const dataDir = options.dataDir ?? tempDir();
    const gavel = await buildApp(testConfig(dataDir, options.config), { docs: options.docs, store: options.store, meetings: options.meetings });
    const address = await gavel.app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
    return new TestServer(gavel, address, dataDir, !options.dataDir);
  }

  admin(): ApiClient {
    return new ApiClient(this.url, this.gavel.adminToken);
  }

  anonymous(): ApiClient {
    return new ApiClient(this.url);
  }

  async createMeeting(info: MeetingInfoInput = SAMPLE_MEETING) {
    const res = await this.admin().request('POST', '/api/meetings', info);
    if (res.status !== 201) throw new Error(`create meeting: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { meetingId: string; secretariatCode: string; viewerCode: string };
  }

  async signIn(meetingId: string, code: string, name = 'Tester'): Promise<ApiClient & { session: SessionInfo }> {
    const res = await this.anonymous().request('POST', '/api/session', { meetingId, code, name });
    if (res.status !== 200) throw new Error(`sign in: ${res.status} ${JSON.stringify(res.body)}`);
    return Object.assign(new ApiClient(this.url, res.body.token), { session: res.body.session as SessionInfo });
  }

  async stop(): Promise<void> {
    await this.gavel.close();
    if (this.ownsDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** The compiled server (`pnpm build:server`), as `pnpm start` runs it. */
export const COMPILED_MAIN = join(ROOT, 'packages/server/dist/main.js');

/**
 * Gavel as a separate process (for tests that kill it), with its own data
 * folder: the TypeScript sources through tsx, or with `compiled` the built
 * JavaScript that production runs; from this checkout, or from `root` (a
 * benchmark comparing with another commit's); or `main`, a build of its
 * own. With `logFile`, all it prints is appended there too (a cluster's
 * nodes, read when a test fails). Killed if it has not started in `startMs`.
 * `nodeArgs` go to node before the script (`--cpu-prof`, say).
 */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  options: { compiled?: boolean; root?: string; main?: string; logFile?: string; startMs?: number; nodeArgs?: string[] } = {},
) {
  const root = options.root ?? ROOT;
  const startMs = options.startMs ?? 30_000;
  const main = options.main ?? (options.compiled ? join(root, 'packages/server/dist/main.js') : undefined);
  const child: ChildProcess = track(spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), ...(main ? [main] : ['--import', 'tsx', join(root, 'packages/server/src/main.ts')])],
    {
      cwd: join(root, 'packages/server'),
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        GAVEL_DATA_DIR: dataDir,
        GAVEL_DEMO: 'false',
        GAVEL_LOG_LEVEL: 'warn',
        GAVEL_ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  ));
  let output = '';
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    child.once('exit', (code, signal) => log.end(`\n[exited: ${signal ?? code}]\n`));
  }
  const url = await new Promise<string>((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind a failed start.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in ${startMs / 1000} s:\n${output}`));
    }, startMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = output.match(/Gavel is running on (http:\/\/localhost:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    child,
    admin: () => new ApiClient(url, 'test-admin-token-0123456789abcdef'),
    kill(signal: NodeJS.Signals = 'SIGKILL') {
      return new Promise<void>((r) => {
        // A child killed by a signal has a signalCode and no exitCode.
        if (child.exitCode !== null || child.signalCode !== null) return r();
        child.once('exit', () => r());
        child.kill(signal);
      });
    },
  };
}

/** Polls until `check` returns a truthy value, or fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
