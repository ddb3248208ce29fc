/**
 * A meeting recorded after the fact (issue 13): the secretariat often
 * catches up from its notes, so statements may be entered with the times
 * they were made, without anyone having had the floor in Gavel. One command
 * enters a whole batch (a CSV or JSON upload, speakers/table.ts), checked
 * statement by statement; the ledger records them as entered, with why.
 */
import { z } from 'zod';
import { requireItem } from '../agenda/numbering';
import type { DecideContext } from '../core/context';
import { fail } from '../core/errors';
import { id, text } from '../core/schema';
import type { DomainEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import type { RecordedStatement } from './events';
import { SPEAKER_KINDS } from './model';

/** At most this many statements in one batch (a few days of meetings), well within a command's size limit. */
export const MAX_ENTERED_STATEMENTS = 500;

const instant = z.iso.datetime({ offset: true });

export const EnteredStatementSchema = z
  .object({
    itemId: id,
    capacity: z.enum(SPEAKER_KINDS),
    delegationId: id.nullable(),
    speakerName: text(200).nullable(),
    onBehalfOf: text(200).nullable(),
    startedAt: instant,
    endedAt: instant,
  })
  .strict();
export type EnteredStatement = z.infer<typeof EnteredStatementSchema>;

export const enteredCommands = [
  /** The secretariat enters statements from its notes, with the times they were made; `note` says where from. */
  z
    .object({
      type: z.literal('statements.enter'),
      statements: z.array(EnteredStatementSchema).min(1).max(MAX_ENTERED_STATEMENTS),
      note: text(1000),
    })
    .strict(),
] as const;
export type EnteredCommand = z.infer<(typeof enteredCommands)[number]>;

/** Checks every statement (naming the first wrong one by its number in the batch) and records them all or none. */
export function decideEntered(state: MeetingState, command: EnteredCommand, ctx: DecideContext): DomainEvent[] {
  const statements = command.statements.map((s, i) => {
    const problem = enteredProblem(state, s);
    if (problem) fail('invalid_command', `statement ${i + 1}: ${problem}`);
    return recorded(state, s, ctx);
  });
  return [{ type: 'StatementsEntered', payload: { statements, note: command.note } }];
}

/** What is wrong with an entered statement, or null. */
export function enteredProblem(state: MeetingState, s: EnteredStatement): string | null {
  if (!state.agenda.items[s.itemId]) return `no agenda item ${s.itemId}`;
  if (s.delegationId !== null && !state.delegations[s.delegationId]) return `no delegation ${s.delegationId}`;
  if (s.capacity === 'panellist' ? !s.speakerName : s.delegationId === null) {
    return s.capacity === 'panellist' ? 'name the panellist' : 'say which delegation spoke';
  }
  if (Date.parse(s.endedAt) < Date.parse(s.startedAt)) return 'it ends before it starts';
  return null;
}

function recorded(state: MeetingState, s: EnteredStatement, ctx: DecideContext): RecordedStatement {
  requireItem(state.agenda, s.itemId);
  const d = s.delegationId ? state.delegations[s.delegationId] : undefined;
  const durationMs = Date.parse(s.endedAt) - Date.parse(s.startedAt);
  return {
    ...s,
    startedAt: new Date(s.startedAt).toISOString(),
    endedAt: new Date(s.endedAt).toISOString(),
    statementId: ctx.newId('st'),
    // Nobody asked for the floor in Gavel: no request; the time allowed is unknown, so the time taken.
    entryId: '',
    delegation: d ? { names: { ...d.names }, category: d.category } : null,
    durationMs,
    voided: false,
    allowedMs: durationMs,
    pausedMs: 0,
  };
}
