/**
 * Statements from the secretariat's notes, uploaded as CSV or JSON, read
 * into `statements.enter` (speakers/entered.ts). One row per statement:
 *
 *   item, date, start, end, delegation, capacity, speaker, on_behalf_of
 *   3, 2010-01-27, 10:05, 10:09:30, Norway, , ,
 *
 * `item` is the agenda item's number as the agenda shows it ("3", "1 (b)");
 * `date` YYYY-MM-DD and `start`/`end` HH:MM or HH:MM:SS, venue time (the
 * meeting's time zone; an end before the start is past midnight);
 * `delegation` a registered delegation's name in any language, or a State's
 * M49 or ISO 3166 alpha-3 code; `capacity` statement (the default),
 * panellist, point_of_order or right_of_reply; `speaker` the speaker's name
 * (required for a panellist); `on_behalf_of` a group.
 * Every row is checked; errors come back by row, coded for the user's language.
 */
import { agendaInOrder } from '../agenda/numbering';
import { readTable } from '../core/table';
import { venueInstant } from '../core/venue-time';
import type { MeetingState } from '../domain/state';
import { foldForSearch, stateByM49 } from '../names/states';
import { MAX_ENTERED_STATEMENTS, type EnteredStatement } from './entered';
import { SPEAKER_KINDS, type Capacity } from './model';

export const STATEMENT_ROW_PROBLEMS = [
  'not_json',
  'not_array',
  'too_many',
  'none',
  'not_object',
  'unknown_item',
  'bad_date',
  'bad_time',
  'bad_capacity',
  'unknown_delegation',
  'no_delegation',
  'no_speaker',
  'too_long',
] as const;
export type StatementRowProblem = (typeof STATEMENT_ROW_PROBLEMS)[number];

export interface StatementRowError {
  /** The row as the user sees it (0: the file as a whole). */
  row: number;
  problem: StatementRowProblem;
  /** What was found there, to show with the message. */
  value?: string;
}

export interface StatementTable {
  statements: EnteredStatement[];
  errors: StatementRowError[];
}

const cell = (cells: Record<string, unknown>, ...keys: string[]) => {
  for (const k of keys) {
    const v = cells[k];
    if (typeof v === 'string' || typeof v === 'number') return String(v).trim();
  }
  return '';
};

/** Reads the rows against the meeting: its agenda, its delegations, its time zone. */
export function parseStatementTable(state: MeetingState, content: string, format: 'csv' | 'json'): StatementTable {
  const table = readTable(content, format);
  if ('error' in table) return { statements: [], errors: [{ row: 0, problem: table.error, value: table.detail }] };
  if (table.rows.length === 0) return { statements: [], errors: [{ row: 0, problem: 'none' }] };
  if (table.rows.length > MAX_ENTERED_STATEMENTS) return { statements: [], errors: [{ row: 0, problem: 'too_many', value: String(MAX_ENTERED_STATEMENTS) }] };
  const find = finders(state);
  const result: StatementTable = { statements: [], errors: [] };
  for (const { row, cells } of table.rows) {
    const read = cells ? readStatement(state, find, cells) : { problem: 'not_object' as const };
    if ('problem' in read) result.errors.push({ row, ...read });
    else result.statements.push(read);
  }
  return result;
}

type Finders = ReturnType<typeof finders>;

function finders(state: MeetingState) {
  const items = new Map(agendaInOrder(state.agenda).map((i) => [i.label.replace(/\s+/g, ''), i.id]));
  const delegations = new Map<string, string>();
  for (const d of Object.values(state.delegations)) {
    for (const n of Object.values(d.names)) if (n) delegations.set(foldForSearch(n), d.id);
    if (d.m49) {
      delegations.set(d.m49, d.id);
      const iso3 = stateByM49(d.m49)?.iso3;
      if (iso3) delegations.set(iso3.toLowerCase(), d.id);
    }
  }
  return {
    item: (label: string) => items.get(label.replace(/\s+/g, '').replace(/\.$/, '')),
    delegation: (name: string) => delegations.get(/^\d+$/.test(name) ? name.padStart(3, '0') : foldForSearch(name)),
  };
}

function readStatement(state: MeetingState, find: Finders, cells: Record<string, unknown>): EnteredStatement | Omit<StatementRowError, 'row'> {
  const label = cell(cells, 'item', 'agenda_item');
  const itemId = find.item(label);
  if (!itemId) return { problem: 'unknown_item', value: label };
  const date = cell(cells, 'date');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !venueInstant(date, '00:00', 'UTC')) return { problem: 'bad_date', value: date };
  const zone = state.rules.programme.timeZone;
  const [start, end] = [cell(cells, 'start'), cell(cells, 'end')];
  const startedAt = venueInstant(date, start, zone);
  let endedAt = venueInstant(date, end, zone);
  if (!startedAt) return { problem: 'bad_time', value: start };
  if (!endedAt) return { problem: 'bad_time', value: end };
  // An end before the start: the statement ran past midnight.
  if (endedAt < startedAt) endedAt = new Date(Date.parse(endedAt) + 86_400_000).toISOString();
  const capacity = (cell(cells, 'capacity').toLowerCase().replace(/[\s-]+/g, '_') || 'statement') as Capacity;
  if (!SPEAKER_KINDS.includes(capacity)) return { problem: 'bad_capacity', value: cell(cells, 'capacity') };
  const who = cell(cells, 'delegation');
  const delegationId = who ? find.delegation(who) : null;
  if (delegationId === undefined) return { problem: 'unknown_delegation', value: who };
  const speakerName = cell(cells, 'speaker') || null;
  const onBehalfOf = cell(cells, 'on_behalf_of', 'on behalf of') || null;
  if (capacity === 'panellist' && !speakerName) return { problem: 'no_speaker' };
  if (capacity !== 'panellist' && !delegationId) return { problem: 'no_delegation' };
  if ((speakerName?.length ?? 0) > 200 || (onBehalfOf?.length ?? 0) > 200) return { problem: 'too_long' };
  return { itemId, capacity, delegationId, speakerName, onBehalfOf, startedAt, endedAt };
}
