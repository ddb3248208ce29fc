/**
 * What passes between nodes (Redis pub/sub): a meeting's events, its texts'
 * stored updates, presence, the record's alarm, ended sessions. Redis is
 * never the system of record: what is published was stored in PostgreSQL
 * first, and a node that misses a message (Redis restarting) notices the gap
 * at the next one, or catches up when the connection comes back, from the
 * store.
 */
import { createClient } from 'redis';
import type { FastifyBaseLogger } from 'fastify';

type Handler = (message: unknown) => void;
/** A plain client (no modules, scripts or functions): what `createClient({ url })` makes. */
type Client = ReturnType<typeof plainClient>;
const plainClient = (options: Parameters<typeof createClient>[0]) => createClient(options);

export class Bus {
  private readonly handlers = new Map<string, Handler>();
  private readonly reconnected = new Set<() => void>();
  /** Channels a message to which was dropped since the publishing connection was last ready. */
  private readonly missed = new Set<string>();
  private readonly missedListeners = new Set<(channels: string[]) => void>();
  private everReady = false;
  up = false;

  private constructor(
    private readonly pub: Client,
    private readonly sub: Client,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** Connects in the background: a node starts (and serves) while Redis is away. */
  static open(url: string, log: FastifyBaseLogger): Bus {
    // Back within a second of Redis; nothing queued while it is away (what is missed is read from the store).
    const options = { url, disableOfflineQueue: true, socket: { reconnectStrategy: (retries: number) => Math.min(50 + retries * 50, 1000) } };
    const pub = plainClient(options);
    const bus = new Bus(pub, pub.duplicate({ disableOfflineQueue: false }) as unknown as Client, log);
    for (const [name, client] of [['publish', bus.pub], ['subscribe', bus.sub]] as const) {
      client.on('error', (err: unknown) => {
        if (bus.up) log.warn({ err: (err as Error)?.message }, `redis (${name}) connection lost: fan-out between nodes paused`);
        bus.up = false;
      });
    }
    // Back on the publishing side (its own connection, which may come back after the subscriber's): whoever
    // follows a channel that lost a message meanwhile is told to read the store again.
    pub.on('ready', () => {
      if (bus.missed.size === 0) return;
      const channels = [...bus.missed];
      bus.missed.clear();
      for (const f of bus.missedListeners) f(channels);
    });
    bus.sub.on('ready', () => {
      bus.up = true;
      // node-redis subscribes again by itself; what was missed meanwhile is read from the store.
      if (bus.everReady) for (const f of bus.reconnected) f();
      bus.everReady = true;
    });
    void pub.connect().catch(() => undefined);
    void bus.sub.connect().catch(() => undefined);
    return bus;
  }

  /** The connection for commands (counters), when Redis is there. */
  commands(): Client | undefined {
    return this.pub.isReady ? this.pub : undefined;
  }

  /** Called when the connection comes back after a loss. */
  onReconnect(f: () => void): void {
    this.reconnected.add(f);
  }

  /**
   * Called, once the publishing connection is back, with the channels a message to which was dropped while it
   * was away. A follower whose own connection came back first has already read the store, and would not
   * otherwise hear of what was stored meanwhile until the next message.
   */
  onMissed(f: (channels: string[]) => void): void {
    this.missedListeners.add(f);
  }

  /** Sends to whoever listens on the channel now; dropped (logged at debug, the channel noted for onMissed) while Redis is away. */
  publish(channel: string, message: unknown): void {
    if (!this.pub.isReady) {
      this.missed.add(channel);
      return;
    }
    this.pub.publish(channel, JSON.stringify(message)).catch((err: unknown) => {
      this.missed.add(channel);
      this.log.debug({ err, channel }, 'a message between nodes was dropped');
    });
  }

  /** Listens on a channel (once; later calls do nothing). */
  subscribe(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) return;
    this.handlers.set(channel, handler);
    const listener = (raw: string) => {
      let message: unknown;
      try {
        message = JSON.parse(raw);
      } catch {
        return this.log.warn({ channel }, 'a message between nodes did not parse');
      }
      try {
        handler(message);
      } catch (err) {
        this.log.error({ err, channel }, 'a message between nodes failed');
      }
    };
    // Before the first connection, node-redis queues the subscription on the subscriber (its offline queue is on).
    this.sub.subscribe(channel, listener).catch((err: unknown) => this.log.warn({ err, channel }, 'subscribing failed'));
  }

  /** Waits for what is on its way while Redis is there; while it is away, closes at once (nothing would come). */
  async close(): Promise<void> {
    await Promise.allSettled(
      [this.pub, this.sub].map(async (client) => {
        if (client.isReady) await client.close();
        else client.destroy();
      }),
    );
  }
}
