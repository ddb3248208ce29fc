import { createRequire } from 'node:module';
import type { Server } from 'socket.io';

type Frame = (data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }) => Buffer[];

/** The pieces of an engine.io connection a frame is written through (engine.io 6, ws 8; private, checked at each use). */
interface EngineConn {
  readyState: string;
  upgrading: boolean;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    opts?: { perMessageDeflate?: unknown };
    socket?: { readyState: number; _sender?: { sendFrame?: (list: Buffer[], cb?: (err?: Error) => void) => void } };
  };
}
interface BroadcastSocket {
  notifyOutgoingListeners?: (packet: unknown) => void;
  client: { conn: EngineConn; writeToEngine(encoded: unknown[], opts: Record<string, unknown>): void };
}

/**
 * Writes a frame made in advance straight to the connection's WebSocket, when
 * nothing can be out of order for it: the connection open, on WebSocket
 * without per-message deflate, not upgrading, engine.io holding nothing back
 * (its transport writable, its buffer empty). What engine.io wrote before is
 * already in the socket; what it writes after follows. False otherwise: the
 * caller hands the packet to engine.io as usual.
 */
function writeFrame(conn: EngineConn, frame: Buffer[]): boolean {
  const transport = conn.transport;
  const ws = transport.socket;
  const sendFrame = ws?._sender?.sendFrame;
  if (
    conn.readyState !== 'open' ||
    conn.upgrading ||
    conn.writeBuffer.length > 0 ||
    transport.name !== 'websocket' ||
    !transport.writable ||
    transport.opts?.perMessageDeflate ||
    ws?.readyState !== 1 ||
    typeof sendFrame !== 'function'
  ) {
    return false;
  }
  sendFrame.call(ws!._sender, frame);
  return true;
}

/**
 * Frames each binary broadcast once, not once per recipient, and writes it
 * to each recipient's WebSocket directly.
 *
 * socket.io encodes a broadcast to a room once; with the msgpack parser that
 * is one Buffer. Each recipient's engine.io socket then still builds its own
 * WebSocket frame around it, unless the packet carries a frame made in
 * advance (`wsPreEncodedFrame`), which socket.io's adapter makes only for
 * text packets. This adapter makes it for a binary packet too (opcode 2, as
 * engine.io sends binary over WebSocket). The frame is one Buffer (header and
 * payload copied together once per broadcast): ws then writes it to each
 * socket with one `write`, not a corked header and payload flushed by
 * `writev`.
 *
 * And engine.io's path for one packet to one socket (a packet object, its
 * buffer, five events and a callback per write) cost a plain socket.io relay
 * 1.2x Hocuspocus's CPU per delivery at 1 writer × 1,200 readers, more than
 * the write itself (docs/PERFORMANCE.md, fan-out). So a recipient whose
 * connection can take it at once gets the frame written straight to its
 * WebSocket, as engine.io itself would write it (`writeFrame`); any other
 * (polling, a write of engine.io's still pending) gets it through engine.io.
 * Returns false, changing nothing, if the libraries no longer have the
 * pieces this relies on.
 */
export function frameBroadcastsOnce(io: Server): boolean {
  try {
    const fromSocketIo = createRequire(createRequire(import.meta.url).resolve('socket.io'));
    const fromEngine = createRequire(fromSocketIo.resolve('engine.io'));
    const frame = (fromEngine('ws') as { Sender?: { frame?: Frame } }).Sender?.frame;
    type Packet = { nsp?: string };
    type Options = { rooms: Set<string>; except?: Set<string>; flags?: { volatile?: boolean; compress?: boolean } };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the adapter's hooks are not in its typings
    const Base = io.of('/').adapter.constructor as new (...args: any[]) => {
      nsp: { name: string; sockets: Map<string, BroadcastSocket> };
      rooms: Map<string, Set<string>>;
      computeExceptSids(except?: Set<string>): Set<string>;
      _encode(packet: unknown, opts: Record<string, unknown>): unknown[];
      apply(opts: Options, callback: (socket: BroadcastSocket) => void): void;
      broadcast(packet: Packet, opts: Options): void;
    };
    const base = Base.prototype;
    if (
      typeof frame !== 'function' ||
      typeof base._encode !== 'function' ||
      typeof base.apply !== 'function' ||
      typeof base.broadcast !== 'function' ||
      typeof base.computeExceptSids !== 'function'
    ) {
      return false;
    }
    class FramingAdapter extends Base {
      override _encode(packet: unknown, opts: Record<string, unknown>): unknown[] {
        const encoded = super._encode(packet, opts);
        if (opts.wsPreEncodedFrame === undefined && encoded.length === 1 && Buffer.isBuffer(encoded[0])) {
          const parts = frame!(encoded[0], { readOnly: false, mask: false, rsv1: false, opcode: 2, fin: true });
          opts.wsPreEncodedFrame = parts.length === 1 ? parts : [Buffer.concat(parts)];
        }
        return encoded;
      }

      /**
       * To one room (a text's readers, a meeting), without the set of ids
       * the base keeps so that a socket in several of the rooms gets a
       * packet once: filling it, 1,200 ids a keystroke, was a tenth of a
       * broadcast's CPU (docs/PERFORMANCE.md, fan-out).
       */
      override apply(opts: Options, callback: (socket: BroadcastSocket) => void): void {
        if (opts.rooms.size !== 1) return super.apply(opts, callback);
        const [room] = opts.rooms;
        const ids = this.rooms.get(room);
        if (!ids) return;
        const except = opts.except?.size ? this.computeExceptSids(opts.except) : undefined;
        for (const id of ids) {
          if (except?.has(id)) continue;
          const socket = this.nsp.sockets.get(id);
          if (socket) callback(socket);
        }
      }

      // socket.io-adapter's broadcast, with the frame written straight where it can be.
      override broadcast(packet: Packet, opts: Options): void {
        const flags = opts.flags ?? {};
        const packetOpts: Record<string, unknown> = { preEncoded: true, volatile: flags.volatile, compress: flags.compress };
        packet.nsp = this.nsp.name;
        const encoded = this._encode(packet, packetOpts);
        const made = packetOpts.wsPreEncodedFrame as Buffer[] | undefined;
        // One frame for every recipient: a text packet with attachments is several (engine.io's path).
        const direct = encoded.length === 1 && made?.length === 1 ? made : undefined;
        this.apply(opts, (socket) => {
          socket.notifyOutgoingListeners?.(packet);
          if (!direct || !writeFrame(socket.client.conn, direct)) socket.client.writeToEngine(encoded, packetOpts);
        });
      }
    }
    io.adapter(FramingAdapter as unknown as Parameters<Server['adapter']>[0]);
    return true;
  } catch {
    return false;
  }
}
