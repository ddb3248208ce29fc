import { z } from 'zod';
import { isTimeZone } from '../core/venue-time';
import { CATEGORIES, type Category } from '../participants/categories';
import type { SpeakerEntry } from './model';

const MINUTE = 60_000;

/** A speaking time in milliseconds: from 10 seconds to 2 hours. */
export const speakingMs = z.number().int().min(10_000).max(120 * MINUTE);

/**
 * The meeting's rules of procedure for the floor. Configurable per meeting
 * by the secretariat (`rules.update`); the defaults follow the usual
 * practice of the subsidiary bodies of a conference of the parties.
 */
export interface SpeakingRules {
  /**
   * Classes of speakers in order of precedence, each a set of participant
   * categories; within a class, order of request. Every category appears
   * exactly once. One class holding all categories means "order of request".
   */
  precedence: Category[][];
  /** Presenters and panellists of the item speak before everyone else. */
  panellistsFirst: boolean;
  /**
   * Statements on behalf of a group ahead of the others (after panellists).
   * The default is "recorded, not preferred"; many bodies prefer
   * groups, hence the switch.
   */
  groupStatementsFirst: boolean;
  /** Default speaking time per kind of speaker; the chair may change it per speaker. */
  speakingTimeMs: { statement: number; groupStatement: number; panellist: number; pointOfOrder: number };
  rightOfReply: {
    firstMs: number;
    secondMs: number;
    /** Replies per delegation per item. */
    maxPerItem: number;
    /**
     * `end_of_item`: "next speaker" reaches the replies once the list is
     * exhausted; `when_called`: never by itself, only when the chair gives the
     * floor to a reply (e.g. at the end of the day).
     */
    takenAt: 'end_of_item' | 'when_called';
  };
  /**
   * The day's programme, for "time left today", and the venue's clock: the
   * end of the afternoon meeting and the venue's IANA time zone
   * ("Europe/Vienna"), in which the report dates what happened. Ledgers of
   * before had a fixed offset from UTC; domain/legacy.ts reads it as a zone.
   */
  programme: { dayEndsAt: string; timeZone: string };
}

export const DEFAULT_PRECEDENCE: Category[][] = [
  ['state_party', 'reio_party'],
  ['signatory'],
  ['observer_state'],
  ['observer_entity', 'un_body', 'igo_observer', 'igo'],
  ['other_entity', 'ngo'],
];

export const DEFAULT_RULES: SpeakingRules = {
  precedence: DEFAULT_PRECEDENCE,
  panellistsFirst: true,
  groupStatementsFirst: false,
  speakingTimeMs: { statement: 3 * MINUTE, groupStatement: 5 * MINUTE, panellist: 10 * MINUTE, pointOfOrder: 2 * MINUTE },
  rightOfReply: { firstMs: 5 * MINUTE, secondMs: 3 * MINUTE, maxPerItem: 2, takenAt: 'end_of_item' },
  programme: { dayEndsAt: '18:00', timeZone: 'UTC' },
};

export function defaultRules(): SpeakingRules {
  return structuredClone(DEFAULT_RULES);
}

const PrecedenceSchema = z
  .array(z.array(z.enum(CATEGORIES)).min(1))
  .min(1)
  .refine((classes) => {
    const all = classes.flat();
    return all.length === CATEGORIES.length && CATEGORIES.every((c) => all.includes(c));
  }, `list every participant category exactly once: ${CATEGORIES.join(', ')}`);

/** A change to the rules: any part; nested objects may be given in part. */
export const RulesPatchSchema = z
  .object({
    precedence: PrecedenceSchema,
    panellistsFirst: z.boolean(),
    groupStatementsFirst: z.boolean(),
    speakingTimeMs: z
      .object({ statement: speakingMs, groupStatement: speakingMs, panellist: speakingMs, pointOfOrder: speakingMs })
      .partial()
      .strict(),
    rightOfReply: z
      .object({
        firstMs: speakingMs,
        secondMs: speakingMs,
        maxPerItem: z.number().int().min(0).max(10),
        takenAt: z.enum(['end_of_item', 'when_called']),
      })
      .partial()
      .strict(),
    programme: z
      .object({
        dayEndsAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM'),
        timeZone: z.string().max(64).refine(isTimeZone, 'expected an IANA time zone, e.g. Europe/Vienna'),
      })
      .partial()
      .strict(),
  })
  .partial()
  .strict();
export type RulesPatch = z.infer<typeof RulesPatchSchema>;

export function applyRulesPatch(rules: SpeakingRules, patch: RulesPatch): SpeakingRules {
  return {
    precedence: patch.precedence ?? rules.precedence,
    panellistsFirst: patch.panellistsFirst ?? rules.panellistsFirst,
    groupStatementsFirst: patch.groupStatementsFirst ?? rules.groupStatementsFirst,
    speakingTimeMs: { ...rules.speakingTimeMs, ...patch.speakingTimeMs },
    rightOfReply: { ...rules.rightOfReply, ...patch.rightOfReply },
    programme: { ...rules.programme, ...patch.programme },
  };
}

/** The default speaking time of a request under the rules, unless the chair set one. */
export function entryAllowedMs(rules: SpeakingRules, entry: SpeakerEntry): number {
  if (entry.allowedMs !== null) return entry.allowedMs;
  const t = rules.speakingTimeMs;
  switch (entry.kind) {
    case 'panellist':
      return t.panellist;
    case 'point_of_order':
      return t.pointOfOrder;
    case 'right_of_reply':
      return entry.replyNumber === 1 ? rules.rightOfReply.firstMs : rules.rightOfReply.secondMs;
    case 'statement':
      return entry.onBehalfOf ? t.groupStatement : t.statement;
  }
}
