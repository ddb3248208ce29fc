/**
 * Fuzz (issue 10): every socket.io event and every HTTP route, sent hostile
 * arguments generated from their schemas (shared protocol/args.ts, the
 * route specs of http/route.ts, the commands' JSON Schemas): wrong types,
 * objects with toString/valueOf, huge, deep, non-characters, lone
 * surrogates, NUL, RTL overrides. The server runs in its own process, as in
 * production; the suite asserts that it stays up, answers no 5xx (and no
 * `internal` acknowledgement), writes nothing, that nothing reached the
 * process-level policy, and that a secretariat connected all along is not
 * affected.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { SOCKET_EVENTS, WS, type SocketEventName } from '@gavel/shared';
import { ROUTES, routeFields, type RouteSpec } from '@gavel/server/http/route';
import { commandCatalogue } from '@gavel/server/http/meta';
import { connect, sendCommand } from '../support/fixtures';
import { ApiClient, SAMPLE_MEETING, spawnServer, TestServer, tempDir } from '../support/server';

const RUNS_PER_EVENT = 60;
const RUNS_PER_ROUTE = 40;

// ---- hostile values ------------------------------------------------------------------
const deep = (n: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
const nasty = [
  '\u0000',
  'a\u0000b',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  'x\uDC00',
  '\u202Erecommendations',
  '\u202E\u2066',
  'recommendations\u0000',
  '__proto__',
  'constructor',
  'toString',
  '../../../etc/passwd',
  '%00',
  '[must]',
  '',
  ' ',
  'x'.repeat(70_000),
  'summary:i_AAAAAAAA:introduction\uFFFF',
];
const hostileString = fc.oneof(
  fc.constantFrom(...nasty),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000\uFFFE`),
);
const hostileObject = fc.constantFrom<unknown>(
  { toString: 1 },
  { valueOf: 1 },
  { toString: 'x', valueOf: null, toJSON: 1 },
  JSON.parse('{"__proto__":{"polluted":true}}'),
  { constructor: { prototype: { polluted: true } } },
  deep(400),
  Array.from({ length: 5_000 }, () => 0),
  [],
  {},
);
const hostileScalar = fc.oneof(
  fc.integer(),
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -0, 2 ** 53 + 1, null, true, false),
  fc.double(),
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileObject },
  { weight: 2, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((u) => Buffer.from(u)) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3 }) },
);

/**
 * A path segment as bytes on the wire: lone surrogates become the (invalid)
 * UTF-8 bytes of their code unit, which encodeURIComponent refuses to make.
 * At most 2,000 characters: longer URLs are cut by Node's own header limit.
 */
function segment(value: unknown): string {
  let out = '';
  for (const ch of String(value).slice(0, 2_000)) {
    const c = ch.charCodeAt(0);
    if (ch.length === 1 && c >= 0xd800 && c <= 0xdfff) {
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(ch);
  }
  return out;
}

// ---- the server under test -----------------------------------------------------------
let server: Awaited<ReturnType<typeof spawnServer>>;
let output = '';
let meetingId: string;
let viewer: ApiClient;
let secretariat: ApiClient;
let witness: Socket;
let before: { seq: number; text: unknown };

async function recorded() {
  const events = await server.admin().request('GET', `/api/meetings/${meetingId}/events`);
  const text = await secretariat.request('GET', `/api/meetings/${meetingId}/drafts/recommendations`);
  return { seq: (events.body.events as { seq: number }[]).at(-1)?.seq ?? 0, text: text.body };
}

// The route specs are registered by building the app once, before the tests are listed.
await (await TestServer.start()).stop();

beforeAll(async () => {
  server = await spawnServer(tempDir('gavel-fuzz-'), { GAVEL_LOG_LEVEL: 'error' });
  server.child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  server.child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const created = await server.admin().request('POST', '/api/meetings', SAMPLE_MEETING);
  meetingId = created.body.meetingId;
  const signIn = async (code: string) => {
    const res = await new ApiClient(server.url).request('POST', '/api/session', { meetingId, code, name: 'Fuzz' });
    return new ApiClient(server.url, res.body.token);
  };
  secretariat = await signIn(created.body.secretariatCode);
  viewer = await signIn(created.body.viewerCode);
  witness = await connect(server.url, { token: secretariat.token });
  before = await recorded();
}, 60_000);

afterAll(async () => {
  witness?.close();
  await server?.kill('SIGTERM');
});

function alive() {
  expect(server.child.exitCode, output.slice(-2000)).toBeNull();
  expect(server.child.signalCode).toBeNull();
}

// ---- socket.io -------------------------------------------------------------------------
describe('every socket.io event, hostile arguments', () => {
  let socket: Socket | undefined;
  const live = async () => {
    if (!socket?.connected) {
      socket?.close();
      socket = await connect(server.url, { token: viewer.token });
    }
    return socket;
  };
  afterAll(() => socket?.close());

  // The events the protocol defines, and names it does not (socket.io's own included).
  const names = [...Object.keys(SOCKET_EVENTS), 'error', 'disconnect', 'disconnecting', 'connect', 'newListener', 'constructor', '__proto__'];
  const commandTypes = Object.keys(commandCatalogue());
  const commandFields = Object.fromEntries(
    Object.entries(commandCatalogue()).map(([t, s]) => [t, Object.keys((s as { properties?: object }).properties ?? {}).filter((k) => k !== 'type')]),
  );

  /** A command with a real type and hostile values under its own fields (or no type at all). */
  const hostileCommand = fc.oneof(
    hostile,
    fc
      .record({ type: fc.constantFrom(...commandTypes), values: fc.array(hostile, { minLength: 1, maxLength: 4 }) })
      .map(({ type, values }) => Object.fromEntries([['type', type], ...commandFields[type]!.map((f, i) => [f, values[i % values.length]])])),
  );

  for (const name of names) {
    it(`${name}`, async () => {
      const arity = Object.hasOwn(SOCKET_EVENTS, name) ? (SOCKET_EVENTS[name as SocketEventName].args as unknown as { def: { items: unknown[] } }).def.items.length : 1;
      const args = fc.array(name === 'command' ? hostileCommand : hostile, { minLength: Math.max(0, arity - 1), maxLength: arity + 1 });
      await fc.assert(
        fc.asyncProperty(args, fc.boolean(), async (values, withAck) => {
          const s = await live();
          const raw = s as unknown as { packet(p: unknown): void };
          // Events that answer: with an acknowledgement, to check what it says.
          if (withAck && Object.hasOwn(SOCKET_EVENTS, name) && SOCKET_EVENTS[name as SocketEventName].ack !== 'none') {
            // Raw packets: the client library would refuse some of these names and values itself.
            const answer = await s
              .timeout(1_000)
              .emitWithAck(name, ...values)
              .catch(() => undefined);
            if (answer && typeof answer === 'object' && 'error' in answer) {
              expect((answer as { error: { code: string } }).error.code).not.toBe('internal');
            }
          } else {
            raw.packet({ type: 2, nsp: '/', data: [name, ...values] });
          }
        }),
        { numRuns: RUNS_PER_EVENT },
      );
      // A hostile event name sent as a raw packet, not a string at all.
      (await live() as unknown as { packet(p: unknown): void }).packet({ type: 2, nsp: '/', data: [{ toString: 1 }, 'x'] });
      alive();
    }, 120_000);
  }
});

// ---- HTTP --------------------------------------------------------------------------------
describe('every HTTP route, hostile arguments', () => {
  const valid: Record<string, string[]> = {
    id: [],
    doc: ['recommendations', 'introduction', 'adoption', 'addition:opening'],
    pid: ['p_AAAAAAAA'],
    aid: ['a_AAAAAAAA'],
  };
  beforeAll(() => {
    valid.id = [meetingId];
  });

  it('knows the routes', () => expect(ROUTES.size).toBeGreaterThanOrEqual(20));

  for (const key of ROUTES.keys()) {
    it(`${key}`, async () => {
      const spec = ROUTES.get(key) as RouteSpec;
      const fields = routeFields(spec);
      const param = (name: string) => fc.oneof(fc.constantFrom(...(valid[name]?.length ? valid[name] : ['x'])), hostileString);
      const request = fc.record({
        params: fc.record(Object.fromEntries(fields.params.map((p) => [p, param(p)]))),
        query: fc.dictionary(fc.oneof(fc.constantFrom(...fields.query, 'x', '__proto__'), hostileString), hostileString, { maxKeys: 3 }),
        body: fc.oneof(
          hostile,
          fc.dictionary(fc.oneof(fc.constantFrom(...fields.body, 'type'), hostileString), hostile, { maxKeys: 4 }),
          fc.constantFrom('{"a":', 'x'.repeat(300_000), '\u0000'),
        ),
        who: fc.constantFrom<'viewer' | 'none' | 'admin' | 'forged'>('viewer', 'viewer', 'none', 'admin', 'forged'),
        type: fc.constantFrom('application/json', 'text/csv', 'text/plain', 'application/octet-stream', 'multipart/form-data'),
      });
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          let url = spec.url;
          for (const [k, v] of Object.entries(r.params)) url = url.replace(`:${k}`, segment(v));
          const query = Object.entries(r.query).map(([k, v]) => `${segment(k)}=${segment(v)}`).join('&');
          const token =
            r.who === 'viewer' ? viewer.token : r.who === 'admin' ? server.admin().token : r.who === 'forged' ? 'x'.repeat(43) : undefined;
          const client = new ApiClient(server.url, token);
          const body = spec.method === 'GET' ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? null);
          const res = await client.request(spec.method, `${url}${query ? `?${query}` : ''}`, body, body === undefined ? {} : { 'content-type': r.type });
          expect(res.status, `${spec.method} ${url}?${query} → ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
      alive();
    }, 120_000);
  }
});

describe('after the fuzzing', () => {
  it('wrote nothing, and nothing reached the process-level policy', async () => {
    alive();
    expect(await recorded()).toEqual(before);
    expect(output).not.toMatch(/still serving/);
  });

  it('left the secretariat, connected all along, unaffected', async () => {
    expect(witness.connected).toBe(true);
    const result = await sendCommand(witness, { type: 'meeting.update', changes: { venue: 'Geneva' } });
    expect(result.ok).toBe(true);
    expect((await server.admin().request('GET', '/health')).body.status).toBe('ok');
  });
});
