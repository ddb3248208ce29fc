import { z } from 'zod';
import { id, isoDate, optionalText, text } from '../core/schema';
import { localizedSchema, optionalLocalizedSchema } from '../core/localized';
import { TIMED_MOMENTS } from './model';

export const MAX_AGENDA_ITEMS = 200;
export const MAX_DOCUMENTS_PER_ITEM = 50;

export const AgendaDocumentSchema = z
  .object({
    /** e.g. "CTOC/COP/WG.4/2010/2" */
    symbol: text(100),
    title: optionalLocalizedSchema(500).default(''),
    /**
     * How the report describes the document where it says what the meeting
     * had before it ("a background paper prepared by the Secretariat on …",
     * "un document d’information établi par le Secrétariat sur …"): written
     * to stand in the sentence, with its article. Optional; without it the
     * report cites the document by its title.
     */
    description: optionalLocalizedSchema(500).optional(),
  })
  .strict();

const documents = z.array(AgendaDocumentSchema).max(MAX_DOCUMENTS_PER_ITEM);

// The bodies of the four structural changes, shared by the drafting commands
// (before adoption) and by `agenda.amend` (after).
const addBody = {
  /** A string is in the meeting's language; an object gives the languages it names. */
  title: localizedSchema(500),
  /** Makes it a sub-item of this item. */
  parentId: id.optional(),
  /** The sibling it goes before; absent: at the end. */
  before: id.optional(),
  documents: documents.default([]),
  plannedDate: isoDate.optional(),
};
const updateBody = {
  itemId: id,
  /** Merged per language: an object sets the languages it names (an empty string removes one). */
  title: localizedSchema(500).optional(),
  documents: documents.optional(),
  /** null clears it. */
  plannedDate: isoDate.nullable().optional(),
};
const moveBody = {
  itemId: id,
  /** null: a top-level item. */
  parentId: id.nullable(),
  /** null: at the end. */
  before: id.nullable(),
};
const removeBody = { itemId: id };

export const AgendaChangeInputSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), ...addBody }).strict(),
  z.object({ op: z.literal('update'), ...updateBody }).strict(),
  z.object({ op: z.literal('move'), ...moveBody }).strict(),
  z.object({ op: z.literal('remove'), ...removeBody }).strict(),
]);
export type AgendaChangeInput = z.infer<typeof AgendaChangeInputSchema>;

export const agendaCommands = [
  /** The chair opens the meeting; recorded with the time. */
  z.object({ type: z.literal('meeting.open') }).strict(),
  /**
   * The secretariat corrects when the meeting was opened or the agenda
   * adopted (e.g. recording a meeting after the fact): a recorded
   * correction with its reason; the report dates from the corrected time.
   */
  z
    .object({ type: z.literal('agenda.correctTime'), moment: z.enum(TIMED_MOMENTS), at: z.iso.datetime({ offset: true }), note: text(1000) })
    .strict(),
  // Drafting the provisional agenda (secretariat).
  z.object({ type: z.literal('agenda.addItem'), ...addBody }).strict(),
  /**
   * Before adoption, any field. After adoption only the documents and the
   * planned date (organization of work): the title is part of the adopted
   * agenda and changes only by `agenda.amend`.
   */
  z.object({ type: z.literal('agenda.updateItem'), ...updateBody }).strict(),
  z.object({ type: z.literal('agenda.moveItem'), ...moveBody }).strict(),
  z.object({ type: z.literal('agenda.removeItem'), ...removeBody }).strict(),
  /** The chair gavels the adoption of the provisional agenda. */
  z.object({ type: z.literal('agenda.adopt') }).strict(),
  /** A recorded amendment to the adopted agenda. */
  z
    .object({
      type: z.literal('agenda.amend'),
      change: AgendaChangeInputSchema,
      note: optionalText(1000).default(''),
    })
    .strict(),
  // Running the items (chair). The item id guards against a stale console.
  z.object({ type: z.literal('agenda.takeUp'), itemId: id }).strict(),
  z.object({ type: z.literal('agenda.suspend'), itemId: id }).strict(),
  /** Resumes a suspended item, or reopens a closed one. */
  z.object({ type: z.literal('agenda.resume'), itemId: id }).strict(),
  z.object({ type: z.literal('agenda.close'), itemId: id }).strict(),
] as const;

export type AgendaCommand = z.infer<(typeof agendaCommands)[number]>;
export const AGENDA_COMMAND_TYPES: readonly AgendaCommand['type'][] = agendaCommands.map((s) => s.shape.type.value);
