/**
 * A meeting set up with something of everything (two delegations with members
 * and codes, a chair code, the public code) and a client signed in per role;
 * and socket.io clients that speak the server's protocol.
 */
import { afterAll, beforeAll } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import type { CommandResult, IssuedCode, LedgerEvent, SessionInfo } from '@gavel/shared';
import { ApiClient, TestServer } from './server';

export const NORWAY = '578';
export const EGYPT = '818';

/** What one delegation has in the fixture meeting. */
export interface DelegationFixture {
  delegationId: string;
  /** The code its delegate signs in with. */
  code: IssuedCode;
  /** A second code of the delegation, to revoke or reissue. */
  spareCode: IssuedCode;
  /** A member of the delegation (head). */
  personId: string;
}

/** A client signed in to a meeting, with its session. */
export type SignedIn = ApiClient & { session: SessionInfo };

export interface MeetingFixture {
  meetingId: string;
  secretariatCode: string;
  viewerCode: string;
  chairCode: IssuedCode;
  own: DelegationFixture;
  other: DelegationFixture;
  secretariat: SignedIn;
}

async function ok(res: Promise<{ status: number; body: any }>, what: string) {
  const r = await res;
  if (r.status !== 200 || !r.body?.ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Extract<CommandResult, { ok: true }>;
}

/** A fresh meeting with Norway (`own`) and Egypt (`other`), each with a head and two delegate codes, and a chair code. */
export async function setupMeeting(server: TestServer): Promise<MeetingFixture> {
  const { meetingId, secretariatCode, viewerCode } = await server.createMeeting();
  const secretariat = await server.signIn(meetingId, secretariatCode, 'Secretariat officer');
  const run = (command: Record<string, unknown>, what: string) => ok(secretariat.command(meetingId, command), what);

  const registered = await run(
    {
      type: 'delegation.registerMany',
      delegations: [
        { category: 'state_party', m49: NORWAY },
        { category: 'state_party', m49: EGYPT },
      ],
    },
    'register delegations',
  );
  const idOf = (m49: string) =>
    registered.events.flatMap((e) => (e.type === 'DelegationRegistered' && e.payload.delegation.m49 === m49 ? [e.payload.delegation.id] : []))[0];

  const chairCode = (await run({ type: 'access.issue', role: 'chair', label: 'Chair' }, 'chair code')).issuedCodes![0];
  async function delegation(m49: string, head: string): Promise<DelegationFixture> {
    const delegationId = idOf(m49);
    const code = (await run({ type: 'access.issue', role: 'delegate', delegationId }, 'delegate code')).issuedCodes![0];
    const spareCode = (await run({ type: 'access.issue', role: 'delegate', delegationId }, 'spare code')).issuedCodes![0];
    const person = await run({ type: 'person.register', name: head, title: 'Ms.', function: 'head', delegationId }, 'head');
    const personId = (person.events[0] as Extract<LedgerEvent, { type: 'PersonRegistered' }>).payload.person.id;
    return { delegationId, code, spareCode, personId };
  }
  const own = await delegation(NORWAY, 'Kari Nordmann');
  const other = await delegation(EGYPT, 'Amina Hassan');
  return { meetingId, secretariatCode, viewerCode, chairCode, own, other, secretariat };
}

/** The sequence number of the last event of a meeting, as the store has it. */
export async function ledgerSeq(server: TestServer, meetingId: string): Promise<number> {
  const events = await server.gavel.store.readEvents(meetingId);
  return events.at(-1)?.seq ?? 0;
}

export interface SocketOptions {
  token?: string;
  origin?: string;
  transports?: ('websocket' | 'polling')[];
}

/** A socket.io client as the web app makes it; not yet connected. */
export function socketClient(url: string, options: SocketOptions = {}): Socket {
  return io(url, {
    parser: msgpackParser,
    auth: options.token === undefined ? {} : { token: options.token },
    transports: options.transports ?? ['websocket'],
    extraHeaders: options.origin ? { origin: options.origin } : undefined,
    reconnection: false,
    forceNew: true,
    timeout: 5_000,
  });
}

/** Connects, or rejects with the reason the server gave. */
export function connect(url: string, options: SocketOptions = {}): Promise<Socket> {
  const socket = socketClient(url, options);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Collects the `events` broadcasts a socket receives. */
export function collectEvents(socket: Socket): LedgerEvent[] {
  const received: LedgerEvent[] = [];
  socket.on('events', (events: LedgerEvent[]) => received.push(...events));
  return received;
}

/** Sends a command over socket.io and waits for its acknowledgement. */
export function sendCommand(socket: Socket, command: unknown): Promise<CommandResult> {
  return socket.timeout(10_000).emitWithAck('command', command);
}

export { ApiClient };

/**
 * A TestServer and a meeting set up on it (setupMeeting) for the tests of a
 * file or describe block, started before them and stopped after:
 * `env.server`, `env.meeting`.
 */
export function serverWithMeeting(): { server: TestServer; meeting: MeetingFixture } {
  const env = {} as { server: TestServer; meeting: MeetingFixture };
  beforeAll(async () => {
    env.server = await TestServer.start();
    env.meeting = await setupMeeting(env.server);
  });
  afterAll(() => env.server?.stop());
  return env;
}
