/**
 * Presence (y-protocols awareness) as the server relays it. Awareness states
 * are chosen by the client, so the server decodes each message, keeps only
 * states of client ids the connection owns, caps their size, and overwrites
 * the identity in them with the session's: `name` (what Lexical shows on the
 * cursor), `user` and `color`. Only writers publish; viewers only receive.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { createHash } from 'node:crypto';
import { delegationName, type Actor, type MeetingState } from '@gavel/shared';

export const MAX_AWARENESS_ENTRIES = 4;
export const MAX_AWARENESS_STATE_BYTES = 8 * 1024;

export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** null: the client left. */
  state: Record<string, unknown> | null;
}

export class InvalidAwareness extends Error {
  override readonly name = 'InvalidAwareness';
}

/** Decodes an awareness update (the payload of a y-protocols awareness message). */
export function decodeAwareness(update: Uint8Array): AwarenessEntry[] {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_AWARENESS_ENTRIES) throw new InvalidAwareness(`${count} states in one message`);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (clientId > 0xffffffff || clock > Number.MAX_SAFE_INTEGER) throw new InvalidAwareness('client id or clock out of range');
      if (json.length > MAX_AWARENESS_STATE_BYTES) throw new InvalidAwareness('awareness state too large');
      const state = JSON.parse(json) as unknown;
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new InvalidAwareness('awareness state is not an object');
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    if (decoding.hasContent(decoder)) throw new InvalidAwareness('trailing bytes');
    return entries;
  } catch (e) {
    if (e instanceof InvalidAwareness) throw e;
    throw new InvalidAwareness(`awareness does not decode: ${(e as Error).message}`);
  }
}

export function encodeAwareness(entries: Iterable<AwarenessEntry>): Uint8Array {
  const list = [...entries];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const e of list) {
    encoding.writeVarUint(encoder, e.clientId);
    encoding.writeVarUint(encoder, e.clock);
    encoding.writeVarString(encoder, JSON.stringify(e.state));
  }
  return encoding.toUint8Array(encoder);
}

/** Who a connection is, as everyone's cursors show it. */
export interface PresenceUser {
  name: string;
  role: Actor['role'];
  delegationId?: string;
  /** The delegation's English name; clients may show it in their language from delegationId. */
  delegation?: string;
}

export function presenceUser(actor: Actor, state: MeetingState | undefined): PresenceUser {
  const user: PresenceUser = { name: actor.name, role: actor.role };
  if (actor.delegationId) {
    user.delegationId = actor.delegationId;
    const d = state?.delegations[actor.delegationId];
    if (d) user.delegation = delegationName(d);
  }
  return user;
}

const ROLE_LABEL: Record<Actor['role'], string> = {
  chair: 'Chair',
  secretariat: 'Secretariat',
  delegate: 'Delegate',
  viewer: 'Viewer',
  admin: 'Administrator',
};

/** The label on the cursor: "Kari Nordmann (Norway)", "Dominika Krois (Chair)". */
export function cursorName(user: PresenceUser): string {
  return `${user.name} (${user.delegation ?? ROLE_LABEL[user.role]})`;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

const colors = new Map<string, string>();

/** A stable colour per access code, for clients that send none or an odd one. */
export function colorFor(key: string): string {
  let color = colors.get(key);
  if (!color) {
    if (colors.size > 10_000) colors.clear();
    colors.set(key, (color = computeColor(key)));
  }
  return color;
}

function computeColor(key: string): string {
  const h = createHash('sha256').update(key).digest();
  const hue = (h[0] * 256 + h[1]) % 360;
  // HSL(hue, 70%, 40%) to hex, dark enough for white cursor labels.
  const s = 0.7;
  const l = 0.4;
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    const c = l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(c * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The client's state with the identity the server knows put in its place. */
export function sanitizeState(state: Record<string, unknown>, user: PresenceUser, colorKey: string): Record<string, unknown> {
  const color = typeof state.color === 'string' && HEX_COLOR.test(state.color) ? state.color : colorFor(colorKey);
  return { ...state, name: cursorName(user), user, color };
}
