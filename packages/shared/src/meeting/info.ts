import { z } from 'zod';
import { isoDate, lang, m49, optionalText, text } from '../core/schema';

/** What the secretariat says about a meeting when setting it up. */
export const MeetingInfoSchema = z
  .object({
    /** e.g. "Working Group on Trafficking in Persons" */
    body: text(300),
    /** e.g. "Conference of the Parties to the United Nations Convention against Transnational Organized Crime" */
    parentBody: optionalText(500).default(''),
    /** e.g. "Report on the meeting of the Working Group on Trafficking in Persons held in Vienna from 27 to 29 January 2010" */
    title: text(500),
    venue: text(200),
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
  .refine((m) => m.startDate <= m.endDate, { message: 'the meeting cannot end before it starts', path: ['endDate'] });

export type MeetingInfo = z.infer<typeof MeetingInfoSchema>;

/** Changes to a meeting's details: any of its fields. */
export const MeetingInfoPatchSchema = z
  .object({
    body: text(300),
    parentBody: optionalText(500),
    title: text(500),
    venue: text(200),
    startDate: isoDate,
    endDate: isoDate,
    symbol: optionalText(100),
    language: lang,
    chair: z.object({ name: optionalText(200), m49: m49.optional() }).strict(),
  })
  .partial()
  .strict();
export type MeetingInfoPatch = z.infer<typeof MeetingInfoPatchSchema>;
