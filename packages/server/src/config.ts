import { resolve } from 'node:path';
import { z } from 'zod';

/** The only reader of process.env. Every setting is validated at start-up. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  GAVEL_DATA_DIR: z.string().min(1).default('./data'),
  GAVEL_ADMIN_TOKEN: z
    .string()
    .min(24, 'GAVEL_ADMIN_TOKEN must be at least 24 characters')
    .optional(),
  GAVEL_ALLOWED_ORIGINS: z.string().optional(),
  GAVEL_TRUST_PROXY: z
    .string()
    .trim()
    .regex(/^(|\d{1,2}|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/, 'a number of proxy hops, or comma-separated addresses/CIDRs')
    .default(''),
  GAVEL_SIGNIN_FAILURES: z.coerce.number().int().min(1).max(100_000).default(100),
  GAVEL_SIGNIN_PER_CODE: z.coerce.number().int().min(1).max(100_000).default(600),
  GAVEL_SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  GAVEL_SOCKETS_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  GAVEL_EXPORTS_PER_MINUTE: z.coerce.number().int().min(2).max(100_000).default(60),
  GAVEL_PDF_PAGES: z.coerce.number().int().min(1).max(16).default(1),
  GAVEL_EXPORT_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  GAVEL_EXPORT_NICE: z.coerce.number().int().min(0).max(19).default(19),
  GAVEL_REPORT_EVERY_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  GAVEL_TEXT_COMMIT_MS: z.coerce.number().int().min(0).max(1000).default(15),
  GAVEL_RELAY_STALL_MS: z.coerce.number().min(0).max(1000).default(8),
  GAVEL_RELAY_SHARE: z.coerce.number().gt(0).max(1).default(0.1),
  GAVEL_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 60).default(24 * 14),
  GAVEL_DEMO: z.enum(['true', 'false']).default('true'),
  GAVEL_WEB_DIR: z.string().optional(),
  GAVEL_CHROMIUM: z.string().optional(),
  GAVEL_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GAVEL_SIGNING_KEY_FILE: z.string().min(1).optional(),
  GAVEL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'a PostgreSQL connection URL, postgres://user@host:port/database')
    .optional(),
  GAVEL_REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'a Redis URL, redis://host:port').optional(),
  GAVEL_NODE_ID: z.string().regex(/^[\w.:@-]{1,100}$/, 'letters, digits and . : @ - _').optional(),
  GAVEL_NODE_URL: z.string().url().optional(),
  GAVEL_LEASE_MS: z.coerce.number().int().min(500).max(60_000).default(3000),
  /** Tests only: kill the process at a named point (the crash tests). */
  GAVEL_TEST_CRASH_AT: z.enum(['decision-before-text']).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** When unset, the embedded default makes one and keeps it in the data folder. */
  adminToken?: string;
  /** Origins allowed to open WebSocket connections besides the server's own. */
  allowedOrigins: string[];
  /**
   * Which proxies' X-Forwarded-For to believe (GAVEL_TRUST_PROXY): false (none, the default),
   * a number of hops, or addresses/CIDRs of the proxies.
   */
  trustProxy: false | number | string[];
  /** Failed sign-ins one address may make in a window; successes are not counted. */
  signinFailures: number;
  /** Sessions one access code may open in a window (a leaked code cannot mint sessions without end). */
  signinPerCode: number;
  signinWindowMinutes: number;
  /** Open sockets per client address. */
  socketsPerAddress: number;
  /** Report exports (any format) per session per minute, a quarter of it at once; the app's readings of the report (JSON, the live report) four times as many, apart. */
  exportsPerMinute: number;
  /** PDF pages printed at once by the pooled Chromium. */
  pdfPages: number;
  /** Heavy exports (PDF, DOCX) waiting for their turn; beyond that, 503 with Retry-After. */
  exportQueue: number;
  /** The niceness (0-19) of the export work done beside the meeting (the Chromium printing PDFs, the thread building DOCX): 0 leaves it as the server's. */
  exportNice: number;
  /**
   * While a meeting's texts change, its report is assembled at most once in
   * this many ms per language and edition; a viewer asking meanwhile waits
   * for the next assembly, never gets an older one (export/report-cache.ts).
   */
  reportEveryMs: number;
  /**
   * While a text is typed into, its updates wait for a commit (and then the
   * relay) at most this many ms after its last commit, or until two of them
   * wait: all of one commit in one fsync and one message to its readers; an
   * update after a quiet spell is committed at once (docs/service.ts).
   * Lower: less latency, more CPU per reader.
   */
  textCommitMs: number;
  /**
   * A text whose relays to its room (a frame written to each of its
   * sockets) took `stallMs` of CPU or more, the middle of its last three,
   * gets its next relay once the last one's cost is at most `share` of the
   * time since; what arrives meanwhile is merged into it (realtime/pacing.ts).
   * Share 1: no pacing.
   */
  relayPacing: { stallMs: number; share: number };
  sessionHours: number;
  seedDemo: boolean;
  /** The built web app; not served when absent. */
  webDir: string;
  /** Chromium for PDF exports; when unset, the usual paths are tried. */
  chromium?: string;
  logLevel: string;
  /** The Ed25519 key that signs the record's heads and checkpoints, kept outside the database. */
  signingKeyFile: string;
  /** PostgreSQL as the system of record (several nodes); when unset, SQLite in the data folder. */
  databaseUrl?: string;
  /** Several nodes: Redis between them (with databaseUrl). */
  redisUrl?: string;
  /** This node's name in the leases (unique per process; default: host, pid and a random part). */
  nodeId?: string;
  /** Where the other nodes reach this one (default: the address it listens on). */
  nodeUrl?: string;
  /** How long a meeting's owner holds it without renewing: the failover time. */
  leaseMs: number;
  /** Tests only: where to kill the process (see GAVEL_TEST_CRASH_AT). */
  crashAt?: 'decision-before-text';
}

export const DEFAULT_WEB_DIR = resolve(import.meta.dirname, '../../web/dist');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Gavel cannot start: the configuration is invalid:\n${problems}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.GAVEL_DATA_DIR),
    adminToken: e.GAVEL_ADMIN_TOKEN,
    allowedOrigins: (e.GAVEL_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(e.GAVEL_TRUST_PROXY),
    signinFailures: e.GAVEL_SIGNIN_FAILURES,
    signinPerCode: e.GAVEL_SIGNIN_PER_CODE,
    signinWindowMinutes: e.GAVEL_SIGNIN_WINDOW_MINUTES,
    socketsPerAddress: e.GAVEL_SOCKETS_PER_ADDRESS,
    exportsPerMinute: e.GAVEL_EXPORTS_PER_MINUTE,
    pdfPages: e.GAVEL_PDF_PAGES,
    exportQueue: e.GAVEL_EXPORT_QUEUE,
    exportNice: e.GAVEL_EXPORT_NICE,
    reportEveryMs: e.GAVEL_REPORT_EVERY_MS,
    textCommitMs: e.GAVEL_TEXT_COMMIT_MS,
    relayPacing: { stallMs: e.GAVEL_RELAY_STALL_MS, share: e.GAVEL_RELAY_SHARE },
    sessionHours: e.GAVEL_SESSION_HOURS,
    seedDemo: e.GAVEL_DEMO === 'true',
    webDir: e.GAVEL_WEB_DIR ? resolve(e.GAVEL_WEB_DIR) : DEFAULT_WEB_DIR,
    chromium: e.GAVEL_CHROMIUM,
    logLevel: e.GAVEL_LOG_LEVEL,
    signingKeyFile: resolve(e.GAVEL_SIGNING_KEY_FILE ?? `${e.GAVEL_DATA_DIR}/signing-key.pem`),
    ...(e.GAVEL_DATABASE_URL ? { databaseUrl: e.GAVEL_DATABASE_URL } : {}),
    ...(e.GAVEL_REDIS_URL ? { redisUrl: e.GAVEL_REDIS_URL } : {}),
    ...(e.GAVEL_NODE_ID ? { nodeId: e.GAVEL_NODE_ID } : {}),
    ...(e.GAVEL_NODE_URL ? { nodeUrl: e.GAVEL_NODE_URL } : {}),
    leaseMs: e.GAVEL_LEASE_MS,
    ...(e.GAVEL_TEST_CRASH_AT ? { crashAt: e.GAVEL_TEST_CRASH_AT } : {}),
  };
}

function parseTrustProxy(value: string): Config['trustProxy'] {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value.split(',').map((a) => a.trim()).filter(Boolean);
}
