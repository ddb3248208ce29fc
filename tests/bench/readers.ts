/**
 * What the text benchmarks share (bench:drafting, bench:cluster): sockets as
 * the web app opens them, the shared monotonic clock, and lean readers that
 * join a text and only decode what arrives, so that the clients' CPU (on the
 * same two cores as the servers) stays out of the figures.
 */
import * as Y from 'yjs';
import { io, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { toWire, Y_MESSAGE, Y_SYNC, YWS } from '@gavel/shared';

/** Milliseconds on the shared monotonic clock, from a base the coordinator hands out. */
export function clockFrom(base: bigint): () => number {
  return () => Number(process.hrtime.bigint() - base) / 1e6;
}

export function socketTo(url: string, token: string): Socket {
  return io(url, {
    parser: msgpackParser,
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    timeout: 20_000,
  });
}

export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** The payload of a doc:msg if it is a sync update or step 2. */
export function updateIn(raw: Uint8Array | ArrayBuffer): Uint8Array | null {
  const bytes = raw instanceof ArrayBuffer ? new Uint8Array(raw) : raw;
  const decoder = decoding.createDecoder(bytes);
  if (decoding.readVarUint(decoder) !== Y_MESSAGE.sync) return null;
  const kind = decoding.readVarUint(decoder);
  return kind === Y_SYNC.step1 ? null : decoding.readVarUint8Array(decoder);
}

/** A lean reader: joins the text and asks for all of it, then only decodes what arrives. */
export async function joinLean(socket: Socket, doc: string): Promise<void> {
  await connected(socket);
  const joined = await socket.timeout(30_000).emitWithAck(YWS.join, doc);
  if (!joined.ok) throw new Error(JSON.stringify(joined));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, Y_MESSAGE.sync);
  encoding.writeVarUint(encoder, Y_SYNC.step1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
  socket.emit(YWS.msg, doc, toWire(encoding.toUint8Array(encoder)));
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
