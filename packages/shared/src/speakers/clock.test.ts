import { describe, expect, it } from 'vitest';
import { clockOffsetMs, floorElapsedMs, floorEndsAtMs, floorPausedMs, floorRemainingMs } from './clock';
import type { FloorTurn } from './model';

const T0 = Date.parse('2010-01-27T10:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms).toISOString();
const turn = (more: Partial<FloorTurn> = {}): FloorTurn => ({
  entryId: 'se_test000001',
  itemId: 'ai_test000001',
  kind: 'statement',
  startedAt: at(0),
  allowedMs: 180_000,
  pausedAt: null,
  pausedTotalMs: 0,
  ...more,
});

describe('the speaking clock', () => {
  it.each([
    { name: 'at the start', t: turn(), now: 0, elapsed: 0, remaining: 180_000, paused: 0 },
    { name: 'running', t: turn(), now: 60_000, elapsed: 60_000, remaining: 120_000, paused: 0 },
    { name: 'exactly on time', t: turn(), now: 180_000, elapsed: 180_000, remaining: 0, paused: 0 },
    { name: 'overrun: negative, never clamped', t: turn(), now: 200_000, elapsed: 200_000, remaining: -20_000, paused: 0 },
    { name: 'paused: frozen while the pause lasts', t: turn({ pausedAt: at(60_000) }), now: 500_000, elapsed: 60_000, remaining: 120_000, paused: 440_000 },
    { name: 'resumed after a pause', t: turn({ pausedTotalMs: 30_000 }), now: 90_000, elapsed: 60_000, remaining: 120_000, paused: 30_000 },
    {
      name: 'paused a second time',
      t: turn({ pausedTotalMs: 30_000, pausedAt: at(100_000) }),
      now: 130_000,
      elapsed: 70_000,
      remaining: 110_000,
      paused: 60_000,
    },
    { name: 'resumed, then overrunning', t: turn({ pausedTotalMs: 30_000 }), now: 240_000, elapsed: 210_000, remaining: -30_000, paused: 30_000 },
    { name: 'a client clock behind the start shows the full time', t: turn(), now: -2_000, elapsed: 0, remaining: 180_000, paused: 0 },
  ])('$name', ({ t, now, elapsed, remaining, paused }) => {
    expect(floorElapsedMs(t, T0 + now)).toBe(elapsed);
    expect(floorRemainingMs(t, T0 + now)).toBe(remaining);
    expect(floorPausedMs(t, T0 + now)).toBe(paused);
  });

  it('gives an absolute end time while running, none while paused', () => {
    expect(floorEndsAtMs(turn())).toBe(T0 + 180_000);
    expect(floorEndsAtMs(turn({ pausedTotalMs: 30_000 }))).toBe(T0 + 210_000);
    expect(floorEndsAtMs(turn({ pausedAt: at(10_000) }))).toBeNull();
    // The end time and the countdown agree.
    const t = turn({ pausedTotalMs: 12_345 });
    const now = T0 + 99_999;
    expect(floorEndsAtMs(t)! - now).toBe(floorRemainingMs(t, now));
  });

  it.each([
    { name: 'client clock 5 s behind, 200 ms round trip', server: 5_100, sent: 0, received: 200, offset: 5_000 },
    { name: 'client clock 2 s ahead', server: 1_000, sent: 2_900, received: 3_100, offset: -2_000 },
    { name: 'same clock', server: 50, sent: 0, received: 100, offset: 0 },
  ])('estimates the server clock offset: $name', ({ server, sent, received, offset }) => {
    expect(clockOffsetMs(at(server), T0 + sent, T0 + received)).toBe(offset);
  });
});
