/**
 * The bus between nodes (Redis pub/sub) when Redis goes away and comes back: a message the publishing side
 * could not send is not forgotten. Its channel is named to `onMissed` once that side's own connection is
 * back, so the owner can tell its followers to read the store again (a follower whose connection came back
 * first has already read it, and would otherwise hear of the dropped event only at the next one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bus } from '@gavel/server/cluster/bus';
import { freePort } from '@gavel/server/store/postgres-test-db';
import { OwnRedis } from '../support/cluster';
import { waitFor } from '../support/server';

const quiet = { warn() {}, debug() {}, error() {}, info() {} } as unknown as Parameters<typeof Bus.open>[1];

describe('the bus between nodes, Redis away and back', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-bus-'));
  let redis: OwnRedis;
  let owner: Bus;
  let follower: Bus;
  const received: unknown[] = [];
  const missed: string[][] = [];

  beforeAll(async () => {
    redis = new OwnRedis(await freePort(), join(dir, 'redis.log'));
    await redis.start();
    owner = Bus.open(redis.url, quiet);
    follower = Bus.open(redis.url, quiet);
    owner.onMissed((channels) => missed.push(channels));
    follower.subscribe('meeting:m1', (m) => received.push(m));
    follower.subscribe('meeting:m2', (m) => received.push(m));
    // Subscribed once a message sent now arrives.
    await waitFor(() => {
      owner.publish('meeting:m1', { probe: true });
      return received.length > 0 || undefined;
    }, 10_000, 'the subscription');
    // The probes sent before the first connection was ready were named then: start counting from here.
    await new Promise((r) => setTimeout(r, 200));
    missed.length = 0;
  });

  afterAll(async () => {
    await Promise.allSettled([owner?.close(), follower?.close()]);
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names, once the publisher is back, only the channels a message to which was dropped meanwhile', async () => {
    owner.publish('meeting:m2', { delivered: true });
    await waitFor(() => received.some((m) => (m as { delivered?: boolean }).delivered) || undefined, 10_000, 'a message before Redis goes');
    await redis.stop();
    await waitFor(() => owner.commands() === undefined || undefined, 10_000, 'the publisher to notice Redis is away');
    owner.publish('meeting:m1', { dropped: 1 });
    owner.publish('meeting:m1', { dropped: 2 });
    expect(missed).toEqual([]);

    await redis.start();
    await waitFor(() => missed.length > 0 || undefined, 15_000, 'the dropped channels to be named');
    expect(missed).toEqual([['meeting:m1']]);
    expect(received).not.toContainEqual({ dropped: 1 });

    // Back for good: what is sent now arrives, and nothing more is named as missed.
    const before = received.length;
    await waitFor(() => {
      owner.publish('meeting:m1', { after: true });
      return received.length > before || undefined;
    }, 15_000, 'a message after Redis is back');
    expect(missed).toEqual([['meeting:m1']]);
  });

  it('closes at once while Redis is away (a node stopping during an outage does not wait for it)', async () => {
    const bus = Bus.open(redis.url, quiet);
    await waitFor(() => bus.commands() !== undefined || undefined, 10_000, 'a connection');
    await redis.stop();
    await waitFor(() => bus.commands() === undefined || undefined, 10_000, 'the connection to be lost');
    const closed = await Promise.race([bus.close().then(() => 'closed'), new Promise((r) => setTimeout(() => r('still waiting'), 3_000))]);
    expect(closed).toBe('closed');
    await redis.start();
  });
});
