import type { FloorTurn } from './model';

/**
 * The speaking clock, computed from absolute server times so that every
 * screen agrees. Clients pass `nowMs` as their own clock corrected by
 * `clockOffsetMs`. Times may overrun: the clock warns, it never cuts anyone off.
 */

/** Paused time of a turn up to `nowMs`, the current pause included. */
export function floorPausedMs(turn: FloorTurn, nowMs: number): number {
  const current = turn.pausedAt === null ? 0 : Math.max(0, nowMs - Date.parse(turn.pausedAt));
  return turn.pausedTotalMs + current;
}

/** Time spoken so far: from the start, less pauses. */
export function floorElapsedMs(turn: FloorTurn, nowMs: number): number {
  return Math.max(0, nowMs - Date.parse(turn.startedAt) - floorPausedMs(turn, nowMs));
}

/** Time left: allowed − (now − startedAt − paused). Negative when the speaker overruns. */
export function floorRemainingMs(turn: FloorTurn, nowMs: number): number {
  return turn.allowedMs - floorElapsedMs(turn, nowMs);
}

/** The absolute time (ms since epoch, server clock) the time runs out; null while paused. */
export function floorEndsAtMs(turn: FloorTurn): number | null {
  return turn.pausedAt === null ? Date.parse(turn.startedAt) + turn.pausedTotalMs + turn.allowedMs : null;
}

/**
 * Server clock minus client clock, from one round trip that answered with
 * the server time (e.g. the `sync` ack's `serverTime`): assumes the answer
 * was made halfway through the round trip. Add it to `Date.now()`.
 */
export function clockOffsetMs(serverTime: string, sentAtMs: number, receivedAtMs: number): number {
  return Date.parse(serverTime) - (sentAtMs + receivedAtMs) / 2;
}
