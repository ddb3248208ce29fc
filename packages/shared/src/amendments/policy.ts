/**
 * Who may take part in the negotiation, by role (access/policy.ts asks
 * here first for these commands, for every role, the secretariat included):
 *
 * - A delegate acts only for its own delegation: tables, revises and
 *   withdraws its own amendments, co-sponsors, supports or objects, holds
 *   brackets, objects to paragraphs, records its reservations. Which
 *   categories of delegations may amend or object is a rule of the meeting
 *   (decide.ts), refused with the reason.
 * - The chair and the secretariat record what delegations say from the floor
 *   (naming the delegation) and take the chair's decisions: on amendments,
 *   lifting brackets, adoption. The secretariat, as for the rest of the
 *   meeting, may do what the chair may (a conference officer keeps the text
 *   for the chair); the ledger says who did. A delegate holding the pen as
 *   facilitator does not decide.
 * - A delegation's own draft is private, from the chair and the secretariat
 *   too: only the delegation tables or revises it. A draft the chair or the
 *   secretariat started for a delegation (an oral proposal) they may table.
 * - The public follows; it takes no part.
 */
import type { Actor } from '../core/context';
import type { MeetingState } from '../domain/state';
import { parseDocName } from '../protocol/yjs';
import type { AmendmentCommand } from './commands';
import type { Amendment } from './model';

/** The chair's decisions. */
export const CHAIR_NEGOTIATION_COMMANDS: readonly AmendmentCommand['type'][] = ['amendment.decide', 'bracket.lift', 'adoption.decide'];

const isOfficer = (actor: Actor) => actor.role === 'chair' || actor.role === 'secretariat' || actor.role === 'admin';

/** Returns null when allowed, or why not. */
export function amendmentDenial(actor: Actor, command: AmendmentCommand, state: MeetingState): string | null {
  if (actor.role === 'viewer') return 'the public follows the negotiation; it does not take part in it';
  if (command.type === 'amendments.configure') {
    return actor.role === 'secretariat' || actor.role === 'admin' ? null : 'only the secretariat sets who may amend and object';
  }
  if (CHAIR_NEGOTIATION_COMMANDS.includes(command.type)) {
    return isOfficer(actor) ? null : `only the chair (or the secretariat) decides: ${command.type}`;
  }
  switch (command.type) {
    case 'amendment.table':
    case 'amendment.revise':
    case 'amendment.withdraw': {
      const a = state.negotiation.amendments[command.amendmentId];
      if (!a) return null; // decide says there is no such amendment
      if (actor.role === 'delegate') {
        return actor.delegationId === a.sponsor ? null : 'only the sponsoring delegation tables, revises or withdraws its amendment';
      }
      // The chair and the secretariat: drafts they typed for a delegation; and withdrawals announced from the floor of what is public.
      if (a.origin === 'floor') return null;
      if (command.type === 'amendment.withdraw' && a.status !== 'drafting') return null;
      return "a delegation's own draft is private: only the delegation tables, revises or withdraws it";
    }
    default: {
      // Commands a delegation takes part in: for itself, or recorded for it by the chair or the secretariat.
      if (isOfficer(actor)) return null;
      const named = 'delegationId' in command ? command.delegationId : undefined;
      if (!actor.delegationId) return 'only delegations take part in the negotiation';
      return named === undefined || named === actor.delegationId ? null : 'a delegation acts only in its own name';
    }
  }
}

/**
 * Who may see an amendment's draft (`amendment:<id>`): the sponsoring
 * delegation's sessions; for a draft started from the floor, also the chair
 * and the secretariat who typed it. Never anyone else, tabled or not: once
 * tabled, what is public is the version in the ledger, while the draft goes
 * on as the sponsor's workspace for a revision.
 */
export function canReadAmendmentDraft(actor: Actor, state: MeetingState, amendmentId: string): boolean {
  const a: Amendment | undefined = state.negotiation?.amendments[amendmentId];
  if (!a) return false;
  if (actor.role === 'delegate') return actor.delegationId === a.sponsor;
  return a.origin === 'floor' && (actor.role === 'chair' || actor.role === 'secretariat');
}

/** Who may write it: whoever may see it, while the amendment is a draft or tabled (to prepare a revision). */
export function canWriteAmendmentDraft(actor: Actor, state: MeetingState, amendmentId: string): boolean {
  const a = state.negotiation?.amendments[amendmentId];
  return !!a && (a.status === 'drafting' || a.status === 'tabled') && canReadAmendmentDraft(actor, state, amendmentId);
}

/** The amendment a document name is the draft of, or null. */
export function draftAmendmentId(docName: string): string | null {
  const ref = parseDocName(docName);
  return ref?.kind === 'amendment' ? ref.amendmentId : null;
}
