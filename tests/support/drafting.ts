/**
 * Clients of the collaborative texts for tests: the web app's provider
 * (packages/web/src/editor/provider.ts) over a socket.io client in Node, and
 * raw messages for what a well-behaved provider would never send.
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { asBytes, toWire, Y_MESSAGE, Y_SYNC, YWS, type DocAck, type DocJoinResult, type DocRefusal } from '@gavel/shared';
import type { DocIncident } from '@gavel/server/docs/service';
import { SocketIoYjsProvider } from '../../packages/web/src/editor/provider';
import type { TestServer } from './server';

export { SocketIoYjsProvider };

/** The shared type the tests write into: Lexical's root, with plain text. */
export const rootOf = (doc: Y.Doc) => doc.get('root', Y.XmlText);
export const textOf = (doc: Y.Doc) => rootOf(doc).toString();

/** A meeting socket as the web app makes it, reconnecting quickly. */
export function meetingSocket(url: string, token: string, options: { reconnection?: boolean } = {}): Socket {
  return io(url, {
    parser: msgpackParser,
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: options.reconnection ?? true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 250,
    timeout: 5_000,
  });
}

export function connected(socket: Socket): Promise<Socket> {
  if (socket.connected) return Promise.resolve(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export interface DocClient {
  socket: Socket;
  provider: SocketIoYjsProvider;
  doc: Y.Doc;
  text(): string;
  /** Types at the end of the text (or at `index`). */
  type(text: string, index?: number): void;
  refusals: DocRefusal[];
  close(): void;
}

/** Signs in over a new socket and opens a document with the provider; resolves when synced. */
export async function openDoc(
  url: string,
  token: string,
  docName = 'recommendations',
  options: { reconnection?: boolean; presence?: boolean; socket?: Socket } = {},
): Promise<DocClient> {
  const socket = options.socket ?? meetingSocket(url, token, options);
  const provider = new SocketIoYjsProvider(socket, docName, { presence: options.presence ?? false, ackTimeoutMs: 3_000 });
  const refusals: DocRefusal[] = [];
  provider.on('refused', (r) => refusals.push(r));
  provider.connect();
  await connected(socket);
  await provider.whenSynced();
  const doc = provider.doc;
  return {
    socket,
    provider,
    doc,
    text: () => textOf(doc),
    type(text, index) {
      const root = rootOf(doc);
      root.insert(index ?? root.length, text);
    },
    refusals,
    close() {
      provider.destroy();
      socket.close();
    },
  };
}

// ---- raw protocol --------------------------------------------------------

export function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE.sync);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(inner, e.clientId);
    encoding.writeVarUint(inner, e.clock);
    encoding.writeVarString(inner, JSON.stringify(e.state));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, Y_MESSAGE.awareness);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

export const updateMessage = (update: Uint8Array) => syncMessage(Y_SYNC.update, update);

/** An update that types `text` into a copy of a document's state (as a crafted client would). */
export function craftUpdate(base: Uint8Array | undefined, text: string, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (base) Y.applyUpdate(doc, base);
  if (clientID !== undefined) doc.clientID = clientID;
  const before = Y.encodeStateVector(doc);
  const root = rootOf(doc);
  root.insert(root.length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

export function joinDoc(socket: Socket, docName: unknown): Promise<DocJoinResult> {
  return socket.timeout(5_000).emitWithAck(YWS.join, docName);
}

/** Emits a doc:msg with an acknowledgement; resolves with it, or with undefined if the socket closes first. */
export function sendRaw(socket: Socket, docName: unknown, message: unknown): Promise<DocAck | undefined> {
  return new Promise((resolve) => {
    const onDisconnect = () => resolve(undefined);
    socket.once('disconnect', onDisconnect);
    socket.timeout(5_000).emit(YWS.msg, docName, message instanceof Uint8Array ? toWire(message) : message, (err: Error | null, ack: DocAck) => {
      socket.off('disconnect', onDisconnect);
      resolve(err ? undefined : ack);
    });
  });
}

/** Collects the messages a raw socket receives on a document, decoded. */
export function collectDocMessages(socket: Socket, docName: string) {
  const received: { type: 'step1' | 'step2' | 'update' | 'awareness'; payload: Uint8Array }[] = [];
  const refused: DocRefusal[] = [];
  const writable: boolean[] = [];
  socket.on(YWS.msg, (name: string, raw: unknown) => {
    if (name !== docName) return;
    const decoder = decoding.createDecoder(asBytes(raw)!);
    const type = decoding.readVarUint(decoder);
    if (type === Y_MESSAGE.awareness) {
      received.push({ type: 'awareness', payload: decoding.readVarUint8Array(decoder) });
    } else {
      const kind = decoding.readVarUint(decoder);
      const names = ['step1', 'step2', 'update'] as const;
      received.push({ type: names[kind], payload: decoding.readVarUint8Array(decoder) });
    }
  });
  socket.on(YWS.refused, (name: string, r: DocRefusal) => name === docName && refused.push(r));
  socket.on(YWS.writable, (name: string, w: boolean) => name === docName && writable.push(w));
  return { received, refused, writable };
}

/** Decodes an awareness update into its states. */
export function awarenessStates(payload: Uint8Array): { clientId: number; clock: number; state: any }[] {
  const decoder = decoding.createDecoder(payload);
  const n = decoding.readVarUint(decoder);
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push({ clientId: decoding.readVarUint(decoder), clock: decoding.readVarUint(decoder), state: JSON.parse(decoding.readVarString(decoder)) });
  }
  return out;
}

export function disconnection(socket: Socket): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already');
  return new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
}

/** What the server logged about documents. */
export function incidents(server: TestServer): DocIncident[] {
  const list: DocIncident[] = [];
  server.gavel.docs.onIncident((i) => list.push(i));
  return list;
}

/** The server's copy of a document's text. */
export function serverText(server: TestServer, meetingId: string, docName = 'recommendations'): Promise<string> {
  return server.gavel.docs.read(meetingId, docName, (doc) => textOf(doc));
}
