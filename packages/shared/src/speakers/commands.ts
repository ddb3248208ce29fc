import { z } from 'zod';
import { id, text } from '../core/schema';
import { RulesPatchSchema, speakingMs } from './rules';
import { SPEAKER_KINDS } from './model';
import { enteredCommands } from './entered';

/** The entry the client believes has the floor; null: nobody. Guards "next" against double presses. */
const expectedCurrent = id.nullable();

const instant = z.iso.datetime({ offset: true });

export const StatementChangesSchema = z
  .object({
    itemId: id,
    capacity: z.enum(SPEAKER_KINDS),
    delegationId: id.nullable(),
    speakerName: text(200).nullable(),
    onBehalfOf: text(200).nullable(),
    startedAt: instant,
    endedAt: instant,
    durationMs: z.number().int().min(0).max(24 * 3_600_000),
    voided: z.boolean(),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, 'change at least one field');

export const speakersCommands = [
  /**
   * Asks for the floor on an item. A delegate asks for its own delegation
   * (delegationId may be left out); the chair and the secretariat for anyone.
   * Panellists are inscribed by the chair or the secretariat.
   */
  z
    .object({
      type: z.literal('speakers.request'),
      itemId: id,
      kind: z.enum(SPEAKER_KINDS).default('statement'),
      delegationId: id.optional(),
      personId: id.optional(),
      speakerName: text(200).optional(),
      onBehalfOf: text(200).optional(),
    })
    .strict(),
  /** The delegation withdraws its own request (or the secretariat does for it). */
  z.object({ type: z.literal('speakers.withdraw'), entryId: id }).strict(),
  /** The chair takes a request off the list. */
  z.object({ type: z.literal('speakers.remove'), entryId: id }).strict(),
  /** The chair moves a request by hand, before another one of the same queue (null: to its end). */
  z.object({ type: z.literal('speakers.move'), entryId: id, before: id.nullable() }).strict(),
  z.object({ type: z.literal('speakers.close'), itemId: id }).strict(),
  z.object({ type: z.literal('speakers.reopen'), itemId: id }).strict(),
  /** Speaking time for one speaker, waiting or speaking; null: back to the default. */
  z.object({ type: z.literal('speakers.setTime'), entryId: id, allowedMs: speakingMs.nullable() }).strict(),
  /**
   * "I thank the distinguished representative…": ends the current statement
   * and gives the floor to the next speaker on the item under consideration.
   */
  z
    .object({ type: z.literal('speakers.next'), itemId: id, expectedCurrent, allowedMs: speakingMs.optional() })
    .strict(),
  /**
   * Who speaks (or spoke) for the delegation: one of its registered persons,
   * or a name as typed; both null: not known. Recorded with the statement,
   * in the log and, for a panellist, in the report.
   */
  z
    .object({ type: z.literal('speakers.name'), entryId: id, personId: id.nullable().default(null), speakerName: text(200).nullable().default(null) })
    .strict(),
  /** The chair rules on a point of order; the ruling is recorded with it. */
  z.object({ type: z.literal('speakers.rule'), entryId: id, ruling: text(2000) }).strict(),
  /**
   * Gives the floor to one request; a point of order interrupts the speaker
   * instead of ending the statement. `hold`: the speaker on the floor waits
   * (paused) and gets the floor back when this turn ends, whoever it is for.
   */
  z
    .object({ type: z.literal('floor.give'), entryId: id, expectedCurrent, allowedMs: speakingMs.optional(), hold: z.boolean().optional() })
    .strict(),
  /** End of statement: the floor is free (or returns to the speaker the turn held). */
  z.object({ type: z.literal('floor.end'), expectedCurrent: id }).strict(),
  z.object({ type: z.literal('floor.pause'), entryId: id }).strict(),
  z.object({ type: z.literal('floor.resume'), entryId: id }).strict(),
  /** The secretariat corrects the record of a statement by adding a correction; nothing is rewritten. */
  z
    .object({ type: z.literal('statements.correct'), statementId: id, changes: StatementChangesSchema, note: text(1000) })
    .strict(),
  ...enteredCommands,
  /** The secretariat sets the meeting's rules of procedure for the floor. */
  z.object({ type: z.literal('rules.update'), changes: RulesPatchSchema }).strict(),
] as const;

export type SpeakersCommand = z.infer<(typeof speakersCommands)[number]>;
export type StatementChanges = z.infer<typeof StatementChangesSchema>;
