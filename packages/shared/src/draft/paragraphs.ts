/**
 * Where each paragraph of a negotiated text stands: drafting, under
 * consideration, agreed ad referendum, adopted, no consensus, deleted.
 * Visible to everyone; set by the chair (or the secretariat for the chair).
 *
 * The words are in Yjs; the ledger knows paragraphs by the stable id each
 * carries in the text (editor/nodes.ts), so a status follows its paragraph
 * whatever the renumbering. An adopted paragraph's text is read-only for
 * everyone (the Yjs server's guard refuses any change to it) until the chair
 * reopens it, with a reason that the ledger keeps.
 *
 * The amendments issue builds on this: amendments are tabled against a
 * paragraph id, and accepting one is a trusted server edit of a paragraph
 * that is not adopted. The chair's adoption decisions (amendments/,
 * `adoption.decide`) set the status through the same event, with the
 * decision attached (outcome, dropped or kept, footnote); setting a paragraph
 * adopted or agreed ad referendum here obeys the same consensus rule (no open
 * brackets, standing objections or pending amendments).
 */
import { z } from 'zod';
import type { Actor, DecideContext } from '../core/context';
import { fail } from '../core/errors';
import { optionalText, text } from '../core/schema';
import type { DomainEvent, LedgerEvent } from '../domain/events';
import type { AdoptionDecision } from '../amendments/model';
import { blockersMessage, consensusBlockers } from '../amendments/consensus';
import type { MeetingState } from '../domain/state';
import { PARAGRAPH_ID } from '../editor/ids';
import { DOC_NAME, parseDocName } from '../protocol/yjs';

export const PARAGRAPH_STATUSES = ['drafting', 'under_consideration', 'agreed_ad_ref', 'adopted', 'no_consensus', 'deleted'] as const;
export type ParagraphStatus = (typeof PARAGRAPH_STATUSES)[number];

/** A paragraph the ledger has not heard of is being drafted. */
export const DEFAULT_PARAGRAPH_STATUS: ParagraphStatus = 'drafting';

/** Most paragraphs one command may change: a whole section adopted at once. */
export const MAX_PARAGRAPHS_PER_COMMAND = 500;

export interface StatusChange {
  status: ParagraphStatus;
  at: string;
  /** Who set it, as signed in. */
  by: string;
  /** Why: required when an adopted paragraph is reopened; optional otherwise. */
  note?: string;
  reopened?: true;
  /** Set when the chair read the paragraph for adoption (adoption.decide): the outcome, dropped or kept, the footnote. */
  decision?: AdoptionDecision;
  /** Set when accepting this amendment set the status (a deletion). */
  amendmentId?: string;
}

export interface ParagraphRecord {
  status: ParagraphStatus;
  since: string;
  by: string;
  /** Every change, oldest first: the paragraph's record of proceedings. */
  changes: StatusChange[];
}

/** Document name (`protocol/yjs.ts`) → paragraph id → record. */
export type ParagraphsState = Record<string, Record<string, ParagraphRecord>>;

export function emptyParagraphs(): ParagraphsState {
  return {};
}

const paragraphId = z.string().regex(PARAGRAPH_ID, 'not a paragraph id');
/** The texts whose paragraphs have a status: not an amendment's draft (issue 5 gives those their own life). */
const textDoc = z
  .string()
  .regex(DOC_NAME, 'not a document of this meeting')
  .refine((name) => parseDocName(name)?.kind !== 'amendment', 'an amendment has no paragraph statuses');

export const paragraphCommands = [
  /**
   * Sets the status of one or more paragraphs ("paragraphs 8 to 30 are
   * agreed ad ref"). An adopted paragraph changes only by reopening it.
   */
  z
    .object({
      type: z.literal('paragraph.setStatus'),
      doc: textDoc,
      paragraphIds: z.array(paragraphId).min(1).max(MAX_PARAGRAPHS_PER_COMMAND),
      status: z.enum(PARAGRAPH_STATUSES),
      note: optionalText(1000).optional(),
    })
    .strict(),
  /** Reopens an adopted paragraph for drafting again; the reason is recorded. */
  z
    .object({
      type: z.literal('paragraph.reopen'),
      doc: textDoc,
      paragraphId,
      reason: text(1000),
    })
    .strict(),
] as const;

export type ParagraphCommand = z.infer<(typeof paragraphCommands)[number]>;
export const PARAGRAPH_COMMAND_TYPES: readonly ParagraphCommand['type'][] = paragraphCommands.map((s) => s.shape.type.value);

export type ParagraphEvent =
  | {
      type: 'ParagraphStatusSet';
      payload: {
        doc: string;
        paragraphId: string;
        status: ParagraphStatus;
        from: ParagraphStatus;
        note?: string;
        /** The adoption decision that set it (amendments/commands.ts adoption.decide). */
        decision?: AdoptionDecision;
        /** The amendment whose acceptance set it. */
        amendmentId?: string;
      };
    }
  | { type: 'ParagraphReopened'; payload: { doc: string; paragraphId: string; reason: string } };

export const PARAGRAPH_EVENT_TYPES = ['ParagraphStatusSet', 'ParagraphReopened'] as const satisfies readonly ParagraphEvent['type'][];

// Fails to compile if an event type is missing from the list above.
type Missing = Exclude<ParagraphEvent['type'], (typeof PARAGRAPH_EVENT_TYPES)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export function isParagraphCommand<C extends { type: string }>(c: C): c is Extract<C, ParagraphCommand> {
  return (PARAGRAPH_COMMAND_TYPES as readonly string[]).includes(c.type);
}

export function isParagraphEvent<E extends { type: string }>(e: E): e is Extract<E, ParagraphEvent> {
  return (PARAGRAPH_EVENT_TYPES as readonly string[]).includes(e.type);
}

/** What a reopened paragraph becomes: back on the table. */
export const REOPENED_STATUS: ParagraphStatus = 'under_consideration';

// ---------------------------------------------------------------------------
// Reading the state

export function paragraphStatus(state: Pick<MeetingState, 'paragraphs'>, doc: string, paragraphId: string): ParagraphStatus {
  return state.paragraphs[doc]?.[paragraphId]?.status ?? DEFAULT_PARAGRAPH_STATUS;
}

/** Paragraphs whose text nobody may change now. */
export function readOnlyParagraphs(state: Pick<MeetingState, 'paragraphs'>, doc: string): Set<string> {
  return paragraphsWithStatus(state, doc, 'adopted');
}

/** Paragraphs left in the text but not numbered (see numbering.ts `omit`). */
export function unnumberedParagraphs(state: Pick<MeetingState, 'paragraphs'>, doc: string): Set<string> {
  return paragraphsWithStatus(state, doc, 'deleted');
}

export function paragraphsWithStatus(state: Pick<MeetingState, 'paragraphs'>, doc: string, status: ParagraphStatus): Set<string> {
  return new Set(
    Object.entries(state.paragraphs[doc] ?? {})
      .filter(([, r]) => r.status === status)
      .map(([id]) => id),
  );
}

// ---------------------------------------------------------------------------
// Deciding and applying

/** Decides the paragraph commands; who may is the policy's (chair and secretariat). */
export function decideParagraphs(state: MeetingState, command: ParagraphCommand, _actor: Actor, _ctx: DecideContext): DomainEvent[] {
  switch (command.type) {
    case 'paragraph.setStatus': {
      const ids = [...new Set(command.paragraphIds)];
      const adopted = ids.filter((id) => paragraphStatus(state, command.doc, id) === 'adopted' && command.status !== 'adopted');
      if (adopted.length > 0) {
        fail('invalid_state', 'an adopted paragraph changes status only when the chair reopens it (paragraph.reopen, with a reason)', {
          paragraphIds: adopted,
        });
      }
      if (command.status === 'adopted' || command.status === 'agreed_ad_ref') {
        const blockers = consensusBlockers(state, command.doc, ids);
        if (blockers.length) {
          fail('invalid_state', blockersMessage(blockers, command.status === 'adopted' ? 'adopted by consensus' : 'agreed ad referendum'), { blockers });
        }
      }
      return ids
        .filter((id) => paragraphStatus(state, command.doc, id) !== command.status)
        .map((id): DomainEvent => {
          const payload: Extract<ParagraphEvent, { type: 'ParagraphStatusSet' }>['payload'] = {
            doc: command.doc,
            paragraphId: id,
            status: command.status,
            from: paragraphStatus(state, command.doc, id),
          };
          if (command.note) payload.note = command.note;
          return { type: 'ParagraphStatusSet', payload };
        });
    }
    case 'paragraph.reopen': {
      const status = paragraphStatus(state, command.doc, command.paragraphId);
      if (status !== 'adopted') fail('invalid_state', `only an adopted paragraph is reopened; this one is ${status}`);
      return [{ type: 'ParagraphReopened', payload: { doc: command.doc, paragraphId: command.paragraphId, reason: command.reason } }];
    }
  }
}

export function evolveParagraphs(s: MeetingState, e: LedgerEvent<ParagraphEvent>): MeetingState {
  const { doc, paragraphId } = e.payload;
  const change: StatusChange =
    e.type === 'ParagraphStatusSet'
      ? {
          status: e.payload.status,
          at: e.at,
          by: e.actor.name,
          ...(e.payload.note ? { note: e.payload.note } : {}),
          ...(e.payload.decision ? { decision: e.payload.decision } : {}),
          ...(e.payload.amendmentId ? { amendmentId: e.payload.amendmentId } : {}),
        }
      : { status: REOPENED_STATUS, at: e.at, by: e.actor.name, note: e.payload.reason, reopened: true };
  const before = s.paragraphs[doc]?.[paragraphId];
  const record: ParagraphRecord = {
    status: change.status,
    since: e.at,
    by: e.actor.name,
    changes: [...(before?.changes ?? []), change],
  };
  return { ...s, paragraphs: { ...s.paragraphs, [doc]: { ...s.paragraphs[doc], [paragraphId]: record } } };
}
