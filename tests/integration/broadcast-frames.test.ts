/**
 * Broadcasts framed once (server realtime/frames.ts): every reader of a room
 * gets each binary broadcast byte for byte, whatever the frame's length field
 * (7-bit, 16-bit, 64-bit), the sender excluded gets nothing, and the frame
 * made in advance is one Buffer (one write per socket), written straight to
 * an idle WebSocket (no engine.io packet), in order with what engine.io
 * writes to the same socket.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import msgpackParser from 'socket.io-msgpack-parser';
import { frameBroadcastsOnce } from '@gavel/server/realtime/frames';

// The server's own socket.io (a dependency of @gavel/server, not of the tests).
const fromServer = createRequire(createRequire(import.meta.url).resolve('@gavel/server/realtime/frames'));
type IoServer = Parameters<typeof frameBroadcastsOnce>[0];
const { Server } = fromServer('socket.io') as { Server: new (http: HttpServer, opts: object) => IoServer };

describe('broadcasts framed once', () => {
  let http: HttpServer;
  let io: IoServer;
  let clients: Socket[];
  const frames: unknown[] = [];
  const packets = new Map<string, number>();

  beforeAll(async () => {
    http = createServer();
    io = new Server(http, { parser: msgpackParser, serveClient: false });
    expect(frameBroadcastsOnce(io)).toBe(true);
    // What the adapter hands engine.io for each broadcast.
    const adapter = io.of('/').adapter as unknown as { _encode(p: unknown, o: Record<string, unknown>): unknown[] };
    const encode = adapter._encode.bind(adapter);
    adapter._encode = (packet, opts) => {
      const out = encode(packet, opts);
      frames.push(opts.wsPreEncodedFrame);
      return out;
    };
    io.on('connection', (s) => {
      void s.join('r');
      // The packets engine.io makes for this socket (none for a frame written straight to it).
      s.conn.on('packetCreate', (p: { type: string }) => {
        if (p.type === 'message') packets.set(s.id, (packets.get(s.id) ?? 0) + 1);
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    clients = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<Socket>((resolve, reject) => {
            const c = connect(url, { parser: msgpackParser, transports: ['websocket'], forceNew: true });
            c.once('connect', () => resolve(c));
            c.once('connect_error', reject);
          }),
      ),
    );
  });

  afterAll(async () => {
    for (const c of clients ?? []) c.disconnect();
    await io?.close();
  });

  it('reaches every reader intact, at every frame length, and never the sender left out', async () => {
    const received = clients.map(() => [] as Buffer[]);
    clients.forEach((c, i) => c.on('doc:msg', (_name: string, bytes: ArrayBuffer | Uint8Array) => received[i].push(Buffer.from(bytes as Uint8Array))));
    const sizes = [1, 100, 125, 126, 1_000, 65_535, 65_536, 200_000];
    const payloads = sizes.map((n, k) => Buffer.alloc(n, k + 1));
    const excluded = clients[0].id!;
    for (const p of payloads) io.to('r').except(excluded).emit('doc:msg', 'recommendations', p);
    await expect.poll(() => received[1].length + received[2].length, { timeout: 5_000 }).toBe(2 * payloads.length);
    for (const i of [1, 2]) expect(received[i].map((b) => b.toString('hex'))).toEqual(payloads.map((b) => b.toString('hex')));
    // Give a stray frame to the excluded sender time to arrive: none does.
    await new Promise((r) => setTimeout(r, 100));
    expect(received[0]).toEqual([]);
    // One Buffer per broadcast, so that ws writes it with one call per socket.
    const made = frames.slice(-payloads.length);
    for (const f of made) {
      expect(Array.isArray(f)).toBe(true);
      expect((f as Buffer[]).length).toBe(1);
    }
  });

  it('writes the frame straight to idle sockets, and keeps the order of what engine.io writes to the same socket', async () => {
    const received = clients.map(() => [] as string[]);
    clients.forEach((c, i) => c.on('doc:msg', (_name: string, bytes: ArrayBuffer | Uint8Array) => received[i].push(Buffer.from(bytes as Uint8Array).toString())));
    packets.clear();
    // Idle connections: a broadcast is no packet of engine.io's.
    io.to('r').emit('doc:msg', 'recommendations', Buffer.from('b0'));
    await expect.poll(() => received.every((r) => r.length === 1), { timeout: 5_000 }).toBe(true);
    expect([...packets.values()].reduce((a, b) => a + b, 0)).toBe(0);
    // One socket's own messages (through engine.io, which holds its transport until each write is done)
    // interleaved with broadcasts in the same turn: every client gets them in the order sent.
    const one = io.of('/').sockets.get(clients[1].id!)!;
    const order = ['b1', 'own1', 'b2', 'own2', 'b3'];
    for (const m of order) {
      if (m.startsWith('own')) one.emit('doc:msg', 'recommendations', Buffer.from(m));
      else io.to('r').emit('doc:msg', 'recommendations', Buffer.from(m));
    }
    await expect.poll(() => received[1].length, { timeout: 5_000 }).toBe(6);
    expect(received[1]).toEqual(['b0', ...order]);
    await expect.poll(() => received[0].length + received[2].length, { timeout: 5_000 }).toBe(8);
    for (const i of [0, 2]) expect(received[i]).toEqual(['b0', 'b1', 'b2', 'b3']);
    // What followed engine.io's own write on that socket went through engine.io; the other sockets' did not.
    expect(packets.get(clients[1].id!)).toBeGreaterThan(2);
    expect(packets.get(clients[0].id!) ?? 0).toBe(0);
  });
});
