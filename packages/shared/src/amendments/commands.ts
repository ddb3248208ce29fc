/**
 * Negotiating the text: amendments, brackets, objections, positions and
 * adoption. These schemas are the contract with the web app: change them
 * only by adding optional fields.
 *
 * "Acting for a delegation": commands a delegation takes part in carry an
 * optional `delegationId`. A delegate acts only for its own delegation (leave
 * it out, or give its own); the chair and the secretariat record what a
 * delegation says from the floor and must name it. The ledger stamps who
 * actually sent the command, so the record shows "Egypt objects (recorded by
 * the Secretariat)". A delegation never acts in another's name.
 *
 * Every paragraph is named by its stable id (editor/ids.ts) and the text it
 * belongs to (`doc`: 'recommendations', 'introduction' or 'summary:<item>').
 */
import { z } from 'zod';
import { id, optionalText, text } from '../core/schema';
import { GENERATED_PARAGRAPH_ID, PARAGRAPH_ID } from '../editor/ids';
import { ParagraphTextSchema } from '../editor/rich';
import { CATEGORIES } from '../participants/categories';
import { DOC_NAME, parseDocName } from '../protocol/yjs';

export const AMENDMENT_KINDS = [
  /** Other words for an existing paragraph: drafted from its current text. */
  'change',
  /** A new paragraph at a chosen place. */
  'insert',
  /** Delete an existing paragraph. */
  'delete',
  /** Alternative wording, to stand in brackets beside the current words. */
  'alternative',
] as const;
export type AmendmentKind = (typeof AMENDMENT_KINDS)[number];

/** What the chair decides on a tabled amendment. */
export const AMENDMENT_OUTCOMES = [
  /** Applied to the text as tabled (merged with what changed in the paragraph since). */
  'accept',
  /** Applied with the chair's final words (`text`). */
  'accept_modified',
  'reject',
  /** Put into the text as bracketed alternatives: "[should][shall] (Norway)". */
  'bracket',
] as const;
export type AmendmentOutcome = (typeof AMENDMENT_OUTCOMES)[number];

/** What the chair records when a paragraph is read for adoption. */
export const ADOPTION_OUTCOMES = [
  /** Adopted by consensus: the paragraph is frozen until reopened. */
  'adopted',
  /** Agreed subject to confirmation. */
  'agreed_ad_ref',
  /** No consensus: the paragraph is dropped or kept (with a footnote), see `disposition`. */
  'no_consensus',
  /** Taken up again later. */
  'deferred',
] as const;
export type AdoptionOutcome = (typeof ADOPTION_OUTCOMES)[number];

export const POSITION_KINDS = ['reservation', 'explanation'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

/** Most paragraphs one adoption decision covers: a whole section at once. */
export const MAX_ADOPTION_PARAGRAPHS = 500;

const paragraphId = z.string().regex(PARAGRAPH_ID, 'not a paragraph id');
/** A negotiated text (not an amendment's draft). */
const textDoc = z
  .string()
  .regex(DOC_NAME, 'not a document of this meeting')
  .refine((name) => parseDocName(name)?.kind !== 'amendment', 'an amendment is not a text to negotiate');
/** The delegation on whose behalf (see above). */
const actingFor = id.optional();
const categories = z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length);

/**
 * Where a new paragraph goes: after or before a paragraph, or first under
 * the n-th heading of the text (1 = the first heading, sections and
 * subsections counted together in document order).
 */
export const PlaceSchema = z.union([
  z.object({ after: paragraphId }).strict(),
  z.object({ before: paragraphId }).strict(),
  z.object({ afterHeading: z.number().int().min(1).max(10_000) }).strict(),
]);
export type Place = z.infer<typeof PlaceSchema>;

/**
 * Where a "no consensus, kept" paragraph's footnote points: any paragraph of
 * the report, resolved to the number the report gives it in every export
 * and language: a paragraph of this text, of another text of the meeting
 * (the secretariat's summary of the discussion in chapter IV, the usual
 * one), or a paragraph the report generates (`generated`: its id in the
 * report's skeleton, `p-item-…-heard`). Or free words for what is not in
 * the report ("document CTOC/COP/WG.4/2010/2"); words that number a
 * paragraph of the report are refused (the number would not follow).
 */
export const FootnoteTargetSchema = z.union([
  z.object({ paragraphId, doc: textDoc.optional() }).strict(),
  z.object({ generated: z.string().regex(GENERATED_PARAGRAPH_ID, 'not a generated paragraph of the report') }).strict(),
  z.object({ text: text(300) }).strict(),
]);
export type FootnoteTarget = z.infer<typeof FootnoteTargetSchema>;

export const amendmentCommands = [
  /**
   * Which categories of delegations may table and co-sponsor amendments, and
   * which may object (to amendments and paragraphs) and hold brackets.
   * Defaults: amendments by state_party, reio_party, signatory; objections
   * by state_party, reio_party.
   */
  z
    .object({ type: z.literal('amendments.configure'), amendCategories: categories.optional(), objectCategories: categories.optional() })
    .strict()
    .refine((c) => c.amendCategories || c.objectCategories, 'give amendCategories or objectCategories'),

  /**
   * Starts a private draft. The server makes the draft's text
   * (`amendment:<id>`) from the paragraph's current words (or from `text`),
   * readable and writable only by the sponsoring delegation's sessions (and,
   * for a draft the chair or the secretariat started for a delegation, by
   * them too). Nothing of it is public until tabled: the ledger says only
   * that the delegation has a draft.
   * - change, alternative, delete: `paragraphId` (the paragraph amended);
   * - insert: `place`.
   */
  z
    .object({
      type: z.literal('amendment.start'),
      doc: textDoc,
      kind: z.enum(AMENDMENT_KINDS),
      paragraphId: paragraphId.optional(),
      place: PlaceSchema.optional(),
      /** Start from these words instead of the paragraph's (an oral amendment typed by the secretariat, a script). */
      text: ParagraphTextSchema.optional(),
      delegationId: actingFor,
    })
    .strict()
    .superRefine((c, issues) => {
      if (c.kind === 'insert') {
        if (!c.place) issues.addIssue({ code: 'custom', path: ['place'], message: 'a new paragraph needs a place' });
        if (c.paragraphId) issues.addIssue({ code: 'custom', path: ['paragraphId'], message: 'a new paragraph has a place, not a paragraph' });
      } else {
        if (!c.paragraphId) issues.addIssue({ code: 'custom', path: ['paragraphId'], message: `a ${c.kind} amendment names its paragraph` });
        if (c.place) issues.addIssue({ code: 'custom', path: ['place'], message: 'only a new paragraph has a place' });
      }
      if (c.kind === 'delete' && c.text !== undefined) {
        issues.addIssue({ code: 'custom', path: ['text'], message: 'a deletion has no words' });
      }
    }),
  /** Tables the draft: its words as they are now become version 1, public. */
  z.object({ type: z.literal('amendment.table'), amendmentId: id, note: optionalText(2000).optional() }).strict(),
  /** Tables the draft's words as they are now as a new version; earlier versions are kept. */
  z.object({ type: z.literal('amendment.revise'), amendmentId: id, note: optionalText(2000).optional() }).strict(),
  /** The sponsor withdraws its draft or its tabled amendment. */
  z.object({ type: z.literal('amendment.withdraw'), amendmentId: id, reason: optionalText(1000).optional() }).strict(),
  /** A delegation joins the sponsor. */
  z.object({ type: z.literal('amendment.cosponsor'), amendmentId: id, delegationId: actingFor }).strict(),
  z.object({ type: z.literal('amendment.support'), amendmentId: id, delegationId: actingFor }).strict(),
  z
    .object({ type: z.literal('amendment.object'), amendmentId: id, reason: optionalText(1000).optional(), delegationId: actingFor })
    .strict(),
  /** Takes back the delegation's co-sponsorship, support or objection. */
  z.object({ type: z.literal('amendment.retract'), amendmentId: id, delegationId: actingFor }).strict(),
  /**
   * The chair's decision on a tabled amendment. `expectedVersion` is the
   * version the chair saw: a revision tabled meanwhile refuses the decision.
   * `text` (the final words) only with accept_modified.
   */
  z
    .object({
      type: z.literal('amendment.decide'),
      amendmentId: id,
      outcome: z.enum(AMENDMENT_OUTCOMES),
      expectedVersion: z.number().int().min(1),
      text: ParagraphTextSchema.optional(),
      note: optionalText(1000).optional(),
    })
    .strict()
    .superRefine((c, issues) => {
      if ((c.outcome === 'accept_modified') !== (c.text !== undefined)) {
        issues.addIssue({ code: 'custom', path: ['text'], message: 'the final text goes with accept_modified, and only with it' });
      }
    }),

  /** A delegation keeps a bracket open ("we need to consult our capital"). */
  z.object({ type: z.literal('bracket.hold'), bracketId: id, reason: optionalText(1000).optional(), delegationId: actingFor }).strict(),
  z.object({ type: z.literal('bracket.release'), bracketId: id, delegationId: actingFor }).strict(),
  /**
   * The chair lifts a bracket: keeps alternative `keep` (0: the first) as
   * plain words, or none (null: the bracketed words go).
   */
  z
    .object({
      type: z.literal('bracket.lift'),
      bracketId: id,
      keep: z.number().int().min(0).max(20).nullable(),
      note: optionalText(1000).optional(),
    })
    .strict(),

  /** "Cannot join consensus on paragraph 50": an objection to the paragraph as a whole. */
  z.object({ type: z.literal('objection.raise'), doc: textDoc, paragraphId, reason: text(2000), delegationId: actingFor }).strict(),
  z.object({ type: z.literal('objection.withdraw'), doc: textDoc, paragraphId, delegationId: actingFor }).strict(),

  /** A reservation or an explanation of position, kept with the paragraph for the report. */
  z
    .object({
      type: z.literal('position.record'),
      doc: textDoc,
      paragraphId,
      kind: z.enum(POSITION_KINDS),
      text: text(4000),
      delegationId: actingFor,
    })
    .strict(),

  /**
   * The chair reads paragraphs for adoption (one, or a range in text order)
   * and records the outcome. Adopted and agreed ad referendum need consensus:
   * refused while a paragraph has open brackets or standing objections.
   * No consensus: `disposition` drop (out of the text, unnumbered) or keep,
   * optionally with a `footnote` the server adds to the paragraph
   * ("For the discussion …, see paragraph 109 below"). `footnote.text`
   * replaces the standard sentence; `{ref}` in it marks where the reference goes.
   */
  z
    .object({
      type: z.literal('adoption.decide'),
      doc: textDoc,
      paragraphIds: z.array(paragraphId).min(1).max(MAX_ADOPTION_PARAGRAPHS),
      outcome: z.enum(ADOPTION_OUTCOMES),
      disposition: z.enum(['keep', 'drop']).optional(),
      footnote: z.object({ target: FootnoteTargetSchema, text: text(1000).optional() }).strict().optional(),
      note: optionalText(1000).optional(),
    })
    .strict()
    .superRefine((c, issues) => {
      if ((c.outcome === 'no_consensus') !== (c.disposition !== undefined)) {
        issues.addIssue({ code: 'custom', path: ['disposition'], message: 'no consensus, and only no consensus, says whether the paragraph is kept or dropped' });
      }
      if (c.footnote && c.disposition !== 'keep') {
        issues.addIssue({ code: 'custom', path: ['footnote'], message: 'a footnote goes with a paragraph kept without consensus' });
      }
    }),
] as const;

export type AmendmentCommand = z.infer<(typeof amendmentCommands)[number]>;
export const AMENDMENT_COMMAND_TYPES: readonly AmendmentCommand['type'][] = amendmentCommands.map((s) => s.shape.type.value);

export function isAmendmentCommand<C extends { type: string }>(c: C): c is Extract<C, AmendmentCommand> {
  return (AMENDMENT_COMMAND_TYPES as readonly string[]).includes(c.type);
}
