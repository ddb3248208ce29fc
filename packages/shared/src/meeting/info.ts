import { z } from 'zod';
import { isoDate, lang, m49, optionalText } from '../core/schema';
import { hasLanguage, localizedSchema, optionalLocalizedSchema, toLocalized, type Localized, type LocalizedInput } from '../core/localized';
import type { Lang } from '../languages';

/** What the secretariat says about a meeting when setting it up. */
export const MeetingInfoSchema = z
  .object({
    /** e.g. "Working Group on Trafficking in Persons" */
    body: localizedSchema(300),
    /** e.g. "Conference of the Parties to the United Nations Convention against Transnational Organized Crime" */
    parentBody: optionalLocalizedSchema(500).default(''),
    /** e.g. "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 27 to 29 January 2010" */
    title: localizedSchema(500),
    venue: localizedSchema(200),
    /**
     * The treaty whose parties and signatories the attendance names, as the
     * report cites it: "Trafficking in Persons Protocol", "بروتوكول الاتجار
     * بالأشخاص" (model, paras. 68-71). Optional: without it the sentences say
     * "States parties" alone.
     */
    instrument: optionalLocalizedSchema(300).optional(),
    startDate: isoDate,
    endDate: isoDate,
    /** Document symbol of the report, e.g. "CTOC/COP/WG.4/2010/6". */
    symbol: optionalText(100).default(''),
    /** The language the report is drafted in. */
    language: lang.default('en'),
    chair: z
      .object({ name: optionalText(200).default(''), m49: m49.optional() })
      .strict()
      .default({ name: '' }),
  })
  .strict()
  .refine((m) => m.startDate <= m.endDate, { message: 'the meeting cannot end before it starts', path: ['endDate'] })
  .superRefine((m, ctx) => {
    for (const field of REQUIRED_WORDS) {
      if (!hasLanguage(m[field], m.language)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `give the ${field} in the meeting's language (${m.language})` });
      }
    }
  });

/** The typed words of a meeting's details, in up to six languages. */
export const MEETING_WORDS = ['body', 'parentBody', 'title', 'venue', 'instrument'] as const;
export type MeetingWord = (typeof MEETING_WORDS)[number];
/** Those that must exist in the meeting's language. */
const REQUIRED_WORDS = ['body', 'title', 'venue'] as const satisfies readonly MeetingWord[];

/** The details as a command gives them: words as a string (the meeting's language) or per language. */
export type MeetingInfoInput = z.infer<typeof MeetingInfoSchema>;

/** The details as the state keeps them. */
export type MeetingInfo = Omit<MeetingInfoInput, MeetingWord> & Record<MeetingWord, Localized>;

/**
 * The details with every typed word per language. Ledgers written before
 * issue 13 hold plain strings, in the meeting's language.
 */
export function normalizeMeetingInfo(input: Omit<MeetingInfoInput, MeetingWord> & Partial<Record<MeetingWord, LocalizedInput>>): MeetingInfo {
  const lang: Lang = input.language ?? 'en';
  const out = { ...input } as MeetingInfo;
  for (const field of MEETING_WORDS) out[field] = toLocalized(input[field], lang);
  return out;
}

/** The meeting's words that must exist in `lang` (body, title, venue) but do not. */
export function missingMeetingWords(info: MeetingInfo, lang: Lang): MeetingWord[] {
  return REQUIRED_WORDS.filter((f) => !hasLanguage(info[f], lang));
}

/** Changes to a meeting's details: any of its fields. */
export const MeetingInfoPatchSchema = z
  .object({
    body: localizedSchema(300),
    parentBody: optionalLocalizedSchema(500),
    title: localizedSchema(500),
    venue: localizedSchema(200),
    instrument: optionalLocalizedSchema(300),
    startDate: isoDate,
    endDate: isoDate,
    symbol: optionalText(100),
    language: lang,
    chair: z.object({ name: optionalText(200), m49: m49.optional() }).strict(),
  })
  .partial()
  .strict();
export type MeetingInfoPatch = z.infer<typeof MeetingInfoPatchSchema>;
/** A change as the ledger records it since issue 13: the typed words complete, per language. */
export type MeetingInfoChanges = Partial<MeetingInfo>;
