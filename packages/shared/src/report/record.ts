/**
 * What the ledger records about the report itself (issue 6): how the
 * secretariat lays it out, and the working group's adoption of it.
 *
 * - `report.configure`: whether chapter III has a section "D. Documentation"
 *   listing the documents before the meeting. The secretariat writes the
 *   report, so the layout is its alone.
 * - `report.adopt`: the working group adopted its report, on a day (the
 *   venue's today unless given, since the report is often adopted on the last
 *   afternoon and gavelled before midnight at the venue, whatever the server's
 *   clock says). Chapter V's paragraph "On 29 January 2010, the working group
 *   adopted the report on its meeting." is generated from it. The chair
 *   gavels it; the secretariat may record it for the chair.
 * - `report.reopen`: undoes the adoption record (a wrong date, the group
 *   taking the report up again) with a reason, which the state keeps with the
 *   record it undid; the report can then be adopted again.
 */
import { z } from 'zod';
import type { Actor, DecideContext } from '../core/context';
import { fail } from '../core/errors';
import { isoDate, text } from '../core/schema';
import type { DomainEvent, LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { venueDate } from '../core/venue-time';

/** A day that exists: "2010-02-30" passes the YYYY-MM-DD pattern but is no date to put in a report. */
const calendarDate = isoDate.refine((d) => {
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
}, 'not a calendar date');

export const reportCommands = [
  /** The secretariat's choices of layout; a field left out stays as it is. */
  z
    .object({
      type: z.literal('report.configure'),
      /** Chapter III gets a section D. Documentation listing every document of the agenda. */
      documentation: z.boolean().optional(),
    })
    .strict(),
  /** The working group adopted its report; `date` (YYYY-MM-DD) defaults to today at the venue. */
  z
    .object({
      type: z.literal('report.adopt'),
      date: calendarDate.optional(),
    })
    .strict(),
  /** Undoes the adoption record so that the report can be adopted again; the reason is kept. */
  z
    .object({
      type: z.literal('report.reopen'),
      reason: text(1000),
    })
    .strict(),
] as const;

export type ReportCommand = z.infer<(typeof reportCommands)[number]>;
export const REPORT_COMMAND_TYPES: readonly ReportCommand['type'][] = reportCommands.map((s) => s.shape.type.value);

/** The adoption of the report as recorded. */
export interface ReportAdoption {
  /** The day the working group adopted it (YYYY-MM-DD, at the venue): the date chapter V gives. */
  date: string;
  /** When it was recorded (server time) and by whom, as signed in. */
  at: string;
  by: string;
  /** The ledger event that recorded it. */
  seq: number;
}

/** An adoption undone, with why. */
export interface ReportReopening {
  at: string;
  by: string;
  reason: string;
  /** The adoption record it undid. */
  adoption: ReportAdoption;
}

export interface ReportState {
  /** Chapter III has a section D. Documentation. */
  documentation: boolean;
  /** Null until the working group adopts its report, and again after a reopening. */
  adoption: ReportAdoption | null;
  /** Every adoption undone, oldest first. */
  reopenings: ReportReopening[];
}

export function emptyReport(): ReportState {
  return { documentation: false, adoption: null, reopenings: [] };
}

export type ReportEvent =
  | { type: 'ReportConfigured'; payload: { documentation?: boolean } }
  | { type: 'ReportAdopted'; payload: { date: string } }
  | { type: 'ReportReopened'; payload: { reason: string } };

export const REPORT_EVENT_TYPES = ['ReportConfigured', 'ReportAdopted', 'ReportReopened'] as const satisfies readonly ReportEvent['type'][];

// Fails to compile if an event type is missing from the list above.
type Missing = Exclude<ReportEvent['type'], (typeof REPORT_EVENT_TYPES)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export function isReportCommand<C extends { type: string }>(c: C): c is Extract<C, ReportCommand> {
  return (REPORT_COMMAND_TYPES as readonly string[]).includes(c.type);
}

export function isReportEvent<E extends { type: string }>(e: E): e is Extract<E, ReportEvent> {
  return (REPORT_EVENT_TYPES as readonly string[]).includes(e.type);
}

/** Decides the report commands; who may is the policy's (configure: the secretariat; adopt and reopen: the chair and the secretariat). */
export function decideReport(state: MeetingState, command: ReportCommand, _actor: Actor, ctx: DecideContext): DomainEvent[] {
  switch (command.type) {
    case 'report.configure': {
      const payload: Extract<ReportEvent, { type: 'ReportConfigured' }>['payload'] = {};
      if (command.documentation !== undefined && command.documentation !== state.report.documentation) payload.documentation = command.documentation;
      // Nothing to record when the report is already laid out so.
      return Object.keys(payload).length > 0 ? [{ type: 'ReportConfigured', payload }] : [];
    }
    case 'report.adopt': {
      const adopted = state.report.adoption;
      if (adopted) fail('invalid_state', `the report was already adopted (on ${adopted.date}); reopen it (report.reopen, with a reason) to record its adoption again`);
      const date = command.date ?? venueDate(Date.parse(ctx.now), state.rules.programme.timeZone);
      return [{ type: 'ReportAdopted', payload: { date } }];
    }
    case 'report.reopen':
      if (!state.report.adoption) fail('invalid_state', 'the report has not been adopted: there is no adoption to reopen');
      return [{ type: 'ReportReopened', payload: { reason: command.reason } }];
  }
}

export function evolveReport(s: MeetingState, e: LedgerEvent<ReportEvent>): MeetingState {
  switch (e.type) {
    case 'ReportConfigured':
      return { ...s, report: { ...s.report, ...e.payload } };
    case 'ReportAdopted':
      return { ...s, report: { ...s.report, adoption: { date: e.payload.date, at: e.at, by: e.actor.name, seq: e.seq } } };
    case 'ReportReopened': {
      const { adoption } = s.report;
      if (!adoption) return s;
      const reopening: ReportReopening = { at: e.at, by: e.actor.name, reason: e.payload.reason, adoption };
      return { ...s, report: { ...s.report, adoption: null, reopenings: [...s.report.reopenings, reopening] } };
    }
  }
}
