/**
 * The pen: who may write the negotiated texts (the draft recommendations,
 * later the introduction and the summaries). By default the chair and the
 * secretariat hold it together; the chair (or the secretariat) can hand it to
 * one access code, a facilitator's or a secretariat officer's, and take it
 * back. The Yjs server asks `canWriteText` (access/policy.ts) at every update,
 * so a move of the pen takes effect on the next keystroke.
 *
 * The holder is an access code, not a person: a code is what a session is
 * opened with, so it is what the server can check. Its name is the code's
 * label, or for a delegation's code without a label the delegation's English
 * name, or the role ("Chair", "Secretariat"); the name people typed when
 * they signed in belongs to a session, which the pure core does not see.
 */
import { z } from 'zod';
import type { Role } from '../access/roles';
import type { Actor, DecideContext } from '../core/context';
import { fail } from '../core/errors';
import { id } from '../core/schema';
import type { DomainEvent, LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { delegationName } from '../participants/names';

export const penCommands = [
  /** Gives the pen to one access code: from now on only its sessions write the texts. */
  z.object({ type: z.literal('pen.hand'), codeId: id }).strict(),
  /** The pen goes back to the chair and the secretariat (any of their sessions). */
  z.object({ type: z.literal('pen.takeBack') }).strict(),
] as const;

export type PenCommand = z.infer<(typeof penCommands)[number]>;
export const PEN_COMMAND_TYPES: readonly PenCommand['type'][] = penCommands.map((s) => s.shape.type.value);

export interface PenHolder {
  codeId: string;
  /** The code's label, or its delegation's name, or its role: see above. */
  name: string;
  role: Role;
  /** Set for a delegation's code (a facilitator from a delegation, say). */
  delegationId?: string;
}

export interface PenState {
  /** null: the chair and the secretariat (any of their sessions) hold the pen. */
  holder: PenHolder | null;
  /** When the pen last moved; null if it never has. */
  since: string | null;
}

export type PenEvent =
  | { type: 'PenHanded'; payload: { holder: PenHolder; from: PenHolder | null } }
  | {
      type: 'PenTakenBack';
      /** `code_revoked`: the holder's code was revoked, so the pen came back by itself. */
      payload: { from: PenHolder; reason?: 'code_revoked' };
    };

export const PEN_EVENT_TYPES = ['PenHanded', 'PenTakenBack'] as const satisfies readonly PenEvent['type'][];

// Fails to compile if an event type is missing from the list above.
type Missing = Exclude<PenEvent['type'], (typeof PEN_EVENT_TYPES)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export function isPenEvent<E extends { type: string }>(e: E): e is Extract<E, PenEvent> {
  return (PEN_EVENT_TYPES as readonly string[]).includes(e.type);
}

export function isPenCommand<C extends { type: string }>(c: C): c is Extract<C, PenCommand> {
  return (PEN_COMMAND_TYPES as readonly string[]).includes(c.type);
}

export function emptyPen(): PenState {
  return { holder: null, since: null };
}

const ROLE_NAMES: Record<Role, string> = { secretariat: 'Secretariat', chair: 'Chair', delegate: 'Delegate', viewer: 'Viewer' };

/** Decides `pen.hand` and `pen.takeBack`; who may is the policy's (chair and secretariat). */
export function decidePen(state: MeetingState, command: PenCommand, _actor: Actor, _ctx: DecideContext): DomainEvent[] {
  const current = state.pen.holder;
  switch (command.type) {
    case 'pen.hand': {
      const code = state.codes[command.codeId] ?? fail('not_found', `no access code ${command.codeId}`);
      if (code.revokedAt) fail('invalid_state', `access code ${code.id} is revoked`);
      // The public code is shared by anyone in the gallery: the pen goes to a named participant.
      if (code.role === 'viewer') fail('invalid_state', 'the pen cannot go to a viewer code');
      if (current?.codeId === code.id) return [];
      const delegation = code.delegationId ? state.delegations[code.delegationId] : undefined;
      const holder: PenHolder = {
        codeId: code.id,
        name: code.label || (delegation ? delegationName(delegation) : ROLE_NAMES[code.role]),
        role: code.role,
      };
      if (code.delegationId) holder.delegationId = code.delegationId;
      return [{ type: 'PenHanded', payload: { holder, from: current } }];
    }
    case 'pen.takeBack':
      // Already with the chair and the secretariat: nothing to record.
      return current ? [{ type: 'PenTakenBack', payload: { from: current } }] : [];
  }
}

/**
 * The pen comes back when its holder's code is revoked (access.revoke,
 * access.reissue, delegation.remove): to be recorded before the revocation.
 */
export function penReleasedBy(state: MeetingState, revokedCodeIds: readonly string[]): DomainEvent[] {
  const holder = state.pen.holder;
  return holder && revokedCodeIds.includes(holder.codeId)
    ? [{ type: 'PenTakenBack', payload: { from: holder, reason: 'code_revoked' } }]
    : [];
}

export function evolvePen(s: MeetingState, e: LedgerEvent<PenEvent>): MeetingState {
  switch (e.type) {
    case 'PenHanded':
      return { ...s, pen: { holder: e.payload.holder, since: e.at } };
    case 'PenTakenBack':
      return { ...s, pen: { holder: null, since: e.at } };
  }
}
