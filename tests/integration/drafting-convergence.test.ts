/**
 * Convergence, as a property (fast-check): several clients with their own
 * Y.Docs make random edits against the real server while their connections
 * drop and come back, the server's messages reach them in any order and some
 * twice, and some updates reach the server twice. In the end every copy is
 * the same, and the same as the server's, and the server refused nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { Socket } from 'socket.io-client';
import { asBytes, toWire, Y_MESSAGE, Y_SYNC, YWS, type DocAck } from '@gavel/shared';
import { TestServer, waitFor } from '../support/server';
import { connected, incidents, joinDoc, meetingSocket, rootOf, serverText, syncMessage } from '../support/drafting';

const DOC = 'recommendations';
let server: TestServer;
let logged: ReturnType<typeof incidents>;

beforeAll(async () => {
  server = await TestServer.start({ config: { signinPerCode: 100_000 } });
  logged = incidents(server);
});
afterAll(() => server.stop());

/**
 * A client that speaks the protocol like the provider, except that what the
 * server sends waits in an inbox until the test delivers it, in any order.
 */
class FlakyClient {
  readonly doc = new Y.Doc();
  readonly inbox: Uint8Array[] = [];
  readonly failures: unknown[] = [];
  socket: Socket;
  joined = false;
  canWrite = false;
  pushPending = true;
  inFlight = 0;
  lastSent: Uint8Array | undefined;
  private epoch = 0;

  constructor(
    readonly url: string,
    readonly token: string,
  ) {
    this.socket = meetingSocket(url, token, { reconnection: false });
    this.socket.on(YWS.msg, (name: string, raw: unknown) => name === DOC && this.receive(asBytes(raw)!));
    this.socket.on(YWS.refused, (_name: string, refusal: unknown) => this.failures.push(refusal));
    this.socket.on('disconnect', () => {
      this.epoch++;
      this.joined = false;
      this.inFlight = 0;
      this.pushPending = true;
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.joined && this.canWrite && !this.pushPending) this.send(Y_SYNC.update, update);
    });
  }

  get online() {
    return this.socket.connected;
  }

  async connect(): Promise<void> {
    if (!this.socket.connected) {
      this.socket.connect();
      await connected(this.socket);
    }
    const joined = await joinDoc(this.socket, DOC);
    if (!joined.ok) throw new Error(JSON.stringify(joined));
    this.canWrite = joined.canWrite;
    this.joined = true;
    this.socket.emit(YWS.msg, DOC, toWire(syncMessage(Y_SYNC.step1, Y.encodeStateVector(this.doc))));
  }

  disconnect(): void {
    this.socket.disconnect();
  }

  send(kind: number, update: Uint8Array): void {
    const epoch = this.epoch;
    this.inFlight++;
    this.lastSent = update;
    this.socket.timeout(5_000).emit(YWS.msg, DOC, toWire(syncMessage(kind, update)), (err: Error | null, ack: DocAck) => {
      if (epoch !== this.epoch) return;
      this.inFlight--;
      if (err || !ack.ok) this.failures.push(err?.message ?? ack);
    });
  }

  private receive(bytes: Uint8Array): void {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== Y_MESSAGE.sync) return;
    const kind = decoding.readVarUint(decoder);
    const payload = new Uint8Array(decoding.readVarUint8Array(decoder));
    if (kind === Y_SYNC.step1) {
      // The server asks for what it lacks: answered at once, in order.
      if (!this.canWrite) return;
      this.pushPending = false;
      this.send(Y_SYNC.step2, Y.encodeStateAsUpdate(this.doc, payload));
    } else {
      this.inbox.push(payload);
    }
  }

  deliver(pick: number, duplicate: boolean): void {
    if (this.inbox.length === 0) return;
    const i = Math.min(this.inbox.length - 1, Math.floor(pick * this.inbox.length));
    const update = this.inbox[i];
    if (!duplicate) this.inbox.splice(i, 1);
    Y.applyUpdate(this.doc, update, this);
  }

  deliverAll(): void {
    while (this.inbox.length) this.deliver(0, false);
  }

  text(): string {
    return rootOf(this.doc).toJSON();
  }

  close(): void {
    this.socket.close();
    this.doc.destroy();
  }
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const WRITERS = 3;
const CLIENTS = WRITERS + 1;
const actionArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), client: fc.nat(WRITERS - 1), at: fraction, text: fc.stringMatching(/^[a-z]{1,4}$/) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), client: fc.nat(WRITERS - 1), at: fraction, length: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver' as const), client: fc.nat(CLIENTS - 1), pick: fraction, duplicate: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle' as const), client: fc.nat(CLIENTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resend' as const), client: fc.nat(WRITERS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('roundTrip' as const), client: fc.nat(CLIENTS - 1) }) },
);
type Action = typeof actionArb extends fc.Arbitrary<infer A> ? A : never;

async function run(actions: Action[]): Promise<void> {
  const { meetingId, secretariatCode, viewerCode } = await server.createMeeting();
  const secretariat = await server.signIn(meetingId, secretariatCode, 'Officer');
  const chairCode = (await secretariat.command(meetingId, { type: 'access.issue', role: 'chair', label: 'Chair' })).body.issuedCodes[0].code;
  const tokens = [
    secretariat.token!,
    (await server.signIn(meetingId, secretariatCode, 'Second officer')).token!,
    (await server.signIn(meetingId, chairCode, 'Chair')).token!,
    (await server.signIn(meetingId, viewerCode, 'Public')).token!,
  ];
  const clients = tokens.map((t) => new FlakyClient(server.url, t));
  const incidentsBefore = logged.length;
  try {
    await Promise.all(clients.map((c) => c.connect()));
    for (const a of actions) {
      const c = clients[a.client];
      switch (a.kind) {
        case 'insert': {
          const root = rootOf(c.doc);
          root.insert(Math.floor(a.at * (root.length + 1)), a.text);
          break;
        }
        case 'delete': {
          const root = rootOf(c.doc);
          if (root.length === 0) break;
          const at = Math.floor(a.at * root.length);
          root.delete(at, Math.min(a.length, root.length - at));
          break;
        }
        case 'deliver':
          c.deliver(a.pick, a.duplicate);
          break;
        case 'toggle':
          if (c.online) c.disconnect();
          else await c.connect();
          break;
        case 'resend':
          // The same update twice: only once everything before it is on the server (as a real client would).
          if (c.online && c.joined && !c.pushPending && c.lastSent) c.send(Y_SYNC.update, c.lastSent);
          break;
        case 'roundTrip':
          // Lets the network move: a command round trip on this client's socket.
          if (c.online) await c.socket.timeout(5_000).emitWithAck('sync');
          break;
      }
    }
    // Everyone back online, everything pushed and acknowledged …
    for (const c of clients) if (!c.online) await c.connect();
    await waitFor(() => clients.every((c) => c.joined && (!c.canWrite || !c.pushPending) && c.inFlight === 0), 10_000, 'pushes acknowledged');
    // … then every message delivered: all copies equal the server's.
    const serverState = () => server.gavel.docs.read(meetingId, DOC, (d) => ({ text: rootOf(d).toJSON(), sv: Y.encodeStateVector(d) }));
    await waitFor(
      async () => {
        for (const c of clients) c.deliverAll();
        const s = await serverState();
        return clients.every((c) => c.text() === s.text && Buffer.compare(Buffer.from(Y.encodeStateVector(c.doc)), Buffer.from(s.sv)) === 0);
      },
      10_000,
      'every copy to equal the server’s',
    );
    expect(clients.flatMap((c) => c.failures)).toEqual([]);
    expect(logged.slice(incidentsBefore).filter((i) => i.meetingId === meetingId)).toEqual([]);
    expect(await serverText(server, meetingId)).toBe(rootOf(clients[0].doc).toString());
  } finally {
    for (const c of clients) c.close();
  }
}

describe('convergence', () => {
  it('holds for random edits, disconnections, reordered and duplicated deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 10, maxLength: 60 }), (actions) => run(actions)),
      { numRuns: Number(process.env.GAVEL_RUNS ?? 25), seed: Number(process.env.GAVEL_SEED ?? 20270127), endOnFailure: true },
    );
  });
});
