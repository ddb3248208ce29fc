import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Server } from 'socket.io';
import { MAX_COMMAND_BYTES } from '@gavel/shared';
import { Auth } from './auth/sessions';
import { newToken } from './auth/secrets';
import type { Config } from './config';
import type { AppContext } from './http/context';
import { inlineScriptSources, registerCompression, serveWebApp } from './http/delivery';
import { HTTP_STATUS, installErrorHandler } from './http/errors';
import { registerSecurityHeaders } from './http/security-headers';
import { StorageHealth } from './http/health';
import { Exports } from './export/limits';
import { trustFunction } from './net/address';
import { meetingRoutes } from './http/meetings';
import { metaRoutes } from './http/meta';
import { sessionRoutes } from './http/session';
import { MeetingService } from './meetings/service';
import { DocService, type DocServiceOptions } from './docs/service';
import { DraftingService } from './drafting/service';
import { draftingRoutes } from './http/drafting';
import { NegotiationService } from './negotiation/service';
import { negotiationRoutes } from './http/negotiation';
import { slipRoutes } from './http/slips';
import { reportRoutes } from './http/report';
import { LiveReports } from './export/live-report';
import { attachGateway } from './realtime/gateway';
import { ANCHORED_EVENTS } from './ledger/chain';
import { RecordIntegrity } from './record/integrity';
import { RecordKeys } from './record/keys';
import { RecordService } from './record/service';
import { recordRoutes } from './http/record';
import { applyDecidedEdits } from './negotiation/service';
import { SqliteStore } from './store/sqlite';
import type { Cluster } from './cluster/node';
import type { Store } from './store/store';

export interface Gavel {
  app: FastifyInstance;
  io: Server;
  meetings: MeetingService;
  auth: Auth;
  /** The collaborative texts: register update guards here (`docs.addGuard`). */
  docs: DocService;
  /** The drafted texts read with their numbers, imports, history, the adopted-paragraph guard. */
  drafting: DraftingService;
  /** Amendments, brackets, objections and adoption where they touch the texts: facts for decide, trusted edits, guards. */
  negotiation: NegotiationService;
  /** The record's signed heads, its full check, its export, and decisions recovered into the texts. */
  record: RecordService;
  store: Store;
  /** Set when this is one node of several (GAVEL_REDIS_URL). */
  cluster?: Cluster;
  adminToken: string;
  /** True when this start made the admin token (so it should be shown once). */
  adminTokenIsNew: boolean;
  close(): Promise<void>;
}

/** The admin token from configuration, or the one the embedded default keeps in its data folder. */
function adminTokenFor(config: Config): { token: string; isNew: boolean } {
  if (config.adminToken) return { token: config.adminToken, isNew: false };
  const file = join(config.dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), isNew: false };
  mkdirSync(config.dataDir, { recursive: true });
  const token = newToken();
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, isNew: true };
}

/** Builds Gavel without listening: tests call this and listen on port 0. */
export async function buildApp(
  config: Config,
  options: { store?: Store; docs?: DocServiceOptions; meetings?: { checkpointEvery?: number } } = {},
): Promise<Gavel> {
  if (config.redisUrl && !config.databaseUrl && !options.store) throw new Error('GAVEL_REDIS_URL needs GAVEL_DATABASE_URL: several nodes share PostgreSQL');
  const store =
    options.store ??
    (config.databaseUrl
      ? // PostgreSQL (pg) and the cluster (redis) are loaded only when configured: a node on SQLite does without their memory.
        await (await import('./store/postgres')).PostgresStore.open(config.databaseUrl, config.nodeId ? { nodeId: config.nodeId } : {})
      : new SqliteStore(join(config.dataDir, 'gavel.sqlite')));
  const admin = adminTokenFor(config);
  const trust = trustFunction(config.trustProxy);
  const health = new StorageHealth();
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: MAX_COMMAND_BYTES,
    // GAVEL_TRUST_PROXY: behind a load balancer, request.ip is the client's address (sign-in limits, socket cap).
    trustProxy: trust,
  });
  const integrity = new RecordIntegrity(store, RecordKeys.fromFile(config.signingKeyFile), app.log);
  const meetings = new MeetingService(store, { integrity, ...options.meetings });
  // Sessions end only through this process on SQLite: cached there; on PostgreSQL another node may end one (read each time).
  const auth = new Auth(store, meetings, admin.token, config.sessionHours, { cacheSessions: store.kind === 'sqlite' });
  const docs = new DocService(store, meetings, app.log, { commitIntervalMs: config.textCommitMs, ...options.docs });
  const drafting = new DraftingService(meetings, docs, app.log);
  const negotiation = new NegotiationService(meetings, docs, app.log);
  const record = new RecordService(store, meetings, docs, integrity);
  // Events that fix words carry the texts' heads; decisions a text lacks after a crash are applied when it loads.
  meetings.anchorTextsWith(async (meetingId, events) => (events.some((e) => ANCHORED_EVENTS.has(e.type)) ? docs.heads(meetingId) : undefined));
  docs.recoverDecisionsWith(async (meetingId, docName, applied) =>
    (await record.missingDecisions(meetingId, docName, applied)).map((m) => ({ cause: m.cause, actor: m.actor, edit: (doc) => applyDecidedEdits(doc, m.edits) })),
  );
  if (config.crashAt === 'decision-before-text') negotiation.crashHook = () => process.kill(process.pid, 'SIGKILL');
  // A write that succeeds ends a degraded /health.
  meetings.onEvents(() => health.writeSucceeded());
  docs.onRelay(() => health.writeSucceeded());
  const exports = new Exports(config);
  // Several nodes: PostgreSQL and Redis (cluster/). Before the routes, whose writes it sends to a meeting's owner.
  const cluster =
    config.redisUrl && store instanceof (await import('./store/postgres')).PostgresStore
      ? new (await import('./cluster/node')).Cluster({
          app,
          store,
          meetings,
          docs,
          auth,
          integrity,
          log: app.log,
          redisUrl: config.redisUrl,
          secret: integrity.keys.derive('gavel-cluster'),
          leaseMs: config.leaseMs,
          ...(config.nodeUrl ? { nodeUrl: config.nodeUrl } : {}),
        })
      : undefined;
  const ctx: AppContext = { config, meetings, auth, docs, health, trust, exports, record, store, ...(cluster ? { cluster } : {}) };
  installErrorHandler(app, health);
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        'script-src': ["'self'", ...inlineScriptSources(config.webDir)],
        'connect-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'upgrade-insecure-requests': null,
      },
    },
  });
  await registerCompression(app);
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_req, context) => ({
      statusCode: HTTP_STATUS.rate_limited,
      code: 'rate_limited',
      message: `too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  metaRoutes(app, ctx);
  sessionRoutes(app, ctx);
  meetingRoutes(app, ctx);
  draftingRoutes(app, ctx, drafting);
  negotiationRoutes(app, ctx, drafting, negotiation);
  const reports = new LiveReports(ctx);
  reportRoutes(app, ctx, reports);
  slipRoutes(app, ctx);
  recordRoutes(app, ctx);

  await serveWebApp(app, config.webDir);

  await app.ready();
  const io = attachGateway(app.server, ctx, app.log, reports);

  return {
    app,
    io,
    meetings,
    auth,
    docs,
    drafting,
    negotiation,
    record,
    store,
    ...(cluster ? { cluster } : {}),
    adminToken: admin.token,
    adminTokenIsNew: admin.isNew,
    async close() {
      // Meetings let go first, so that other nodes take them over at once.
      await cluster?.close();
      await io.close();
      await app.close();
      // Every accepted update is stored already; this writes checkpoints so that the next start loads quickly.
      await docs.close();
      await exports.close();
      await meetings.close();
      drafting.close();
      negotiation.close();
      await store.close();
    },
  };
}
