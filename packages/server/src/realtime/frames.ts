import { createRequire } from 'node:module';
import type { Server } from 'socket.io';

type Frame = (data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }) => Buffer[];

/**
 * Frames each binary broadcast once, not once per recipient.
 *
 * socket.io encodes a broadcast to a room once; with the msgpack parser that
 * is one Buffer. Each recipient's engine.io socket then still builds its own
 * WebSocket frame around it, unless the packet carries a frame made in
 * advance (`wsPreEncodedFrame`), which socket.io's adapter makes only for
 * text packets. This adapter makes it for a binary packet too (opcode 2, as
 * engine.io sends binary over WebSocket). engine.io uses the frame only for
 * WebSocket transports without per-message deflate (off by default); other
 * transports encode as usual. The frame is one Buffer (header and payload
 * copied together once per broadcast): ws then writes it to each socket with
 * one `write`, not a corked header and payload flushed by `writev`, which
 * was the largest cost of a delivery in a profile of 1 writer × 1,200 readers
 * (docs/PERFORMANCE.md). Returns false, changing nothing, if the libraries no
 * longer have the pieces this relies on.
 */
export function frameBroadcastsOnce(io: Server): boolean {
  try {
    const fromSocketIo = createRequire(createRequire(import.meta.url).resolve('socket.io'));
    const fromEngine = createRequire(fromSocketIo.resolve('engine.io'));
    const frame = (fromEngine('ws') as { Sender?: { frame?: Frame } }).Sender?.frame;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the adapter's encode hook is not in its typings
    const Base = io.of('/').adapter.constructor as new (...args: any[]) => { _encode(packet: unknown, opts: Record<string, unknown>): unknown[] };
    if (typeof frame !== 'function' || typeof Base.prototype._encode !== 'function') return false;
    class FramingAdapter extends Base {
      override _encode(packet: unknown, opts: Record<string, unknown>): unknown[] {
        const encoded = super._encode(packet, opts);
        if (opts.wsPreEncodedFrame === undefined && encoded.length === 1 && Buffer.isBuffer(encoded[0])) {
          const parts = frame!(encoded[0], { readOnly: false, mask: false, rsv1: false, opcode: 2, fin: true });
          opts.wsPreEncodedFrame = parts.length === 1 ? parts : [Buffer.concat(parts)];
        }
        return encoded;
      }
    }
    io.adapter(FramingAdapter as unknown as Parameters<Server['adapter']>[0]);
    return true;
  } catch {
    return false;
  }
}
