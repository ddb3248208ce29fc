/**
 * Sign-in limits shared by the nodes: a sliding window per key in Redis (a
 * sorted set of attempt times), so that a guesser spreading over three nodes
 * gets no more tries than on one. While Redis is away each node counts on
 * its own (limits still hold, per node), and says so in its log once.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { WindowCounter, type AttemptCounter } from '../auth/limits';
import type { Bus } from './bus';

export class SharedWindowCounter implements AttemptCounter {
  private readonly local: WindowCounter;
  private warned = false;

  constructor(
    private readonly bus: Bus,
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.local = new WindowCounter(max, windowMs);
  }

  private key(key: string): string {
    return `gavel:limit:${this.name}:${key}`;
  }

  async retryAfter(key: string): Promise<number> {
    const redis = this.bus.commands();
    if (!redis) return this.fallback().retryAfter(key);
    try {
      const now = Date.now();
      const k = this.key(key);
      await redis.zRemRangeByScore(k, 0, now - this.windowMs);
      const count = await redis.zCard(k);
      if (count < this.max) return 0;
      // The attempt that, once out of the window, lets the next one in.
      const [oldest] = await redis.zRangeWithScores(k, count - this.max, count - this.max);
      return Math.max(1, Math.ceil(((oldest?.score ?? now) + this.windowMs - now) / 1000));
    } catch (err) {
      return this.fallback(err).retryAfter(key);
    }
  }

  async add(key: string): Promise<void> {
    this.local.add(key);
    const redis = this.bus.commands();
    if (!redis) return;
    try {
      const k = this.key(key);
      const now = Date.now();
      await redis.zAdd(k, { score: now, value: `${now}:${randomUUID()}` });
      await redis.pExpire(k, this.windowMs);
    } catch (err) {
      this.fallback(err);
    }
  }

  private fallback(err?: unknown): WindowCounter {
    if (!this.warned) this.log.warn({ err, limit: this.name }, 'Redis away: sign-in limits counted on this node alone meanwhile');
    this.warned = true;
    return this.local;
  }
}
