import { venueDate, venueInstant, type Capacity, type Statement, type StatementChanges, type StatementCorrection, type StatementFacts } from '@gavel/shared';
import { parseDuration, venueTimeInput } from '../../components/format';

/** The facts of a statement a correction may change, in the order the log shows them. */
export const CORRECTED_FIELDS = [
  'voided',
  'itemId',
  'delegationId',
  'speakerName',
  'onBehalfOf',
  'capacity',
  'startedAt',
  'endedAt',
  'durationMs',
] as const satisfies readonly (keyof StatementFacts)[];
export type CorrectedField = (typeof CORRECTED_FIELDS)[number];

/** One correction with the facts as they read before and after it: "original → corrected". */
export interface CorrectionStep {
  correction: StatementCorrection;
  before: StatementFacts;
  after: StatementFacts;
  /** The fields it changed, in the order of CORRECTED_FIELDS. */
  fields: CorrectedField[];
}

/**
 * The history of a statement's record: from the facts recorded at the time,
 * each correction in turn. The last step's `after` is the statement as it
 * reads now.
 */
export function correctionSteps(statement: Pick<Statement, 'recorded' | 'corrections'>): CorrectionStep[] {
  let facts = statement.recorded;
  return statement.corrections.map((correction) => {
    const before = facts;
    const after: StatementFacts = { ...before, ...correction.changes };
    facts = after;
    return { correction, before, after, fields: CORRECTED_FIELDS.filter((f) => f in correction.changes) };
  });
}

/** The correction form: the statement's facts as the secretariat edits them (venue times, durations as typed). */
export interface CorrectionDraft {
  itemId: string;
  capacity: Capacity;
  /** '' for none. */
  delegationId: string;
  speakerName: string;
  onBehalfOf: string;
  /** Venue date of the start, YYYY-MM-DD. */
  date: string;
  /** Venue time of day, "HH:MM:SS" as <input type="time" step="1"> gives it. */
  start: string;
  end: string;
  /** As typed: "3:05". */
  duration: string;
  voided: boolean;
  note: string;
}

export function correctionDraft(s: Statement, zone: string, formatDuration: (ms: number) => string): CorrectionDraft {
  return {
    date: venueDate(Date.parse(s.startedAt), zone),
    itemId: s.itemId,
    capacity: s.capacity,
    delegationId: s.delegationId ?? '',
    speakerName: s.speakerName ?? '',
    onBehalfOf: s.onBehalfOf ?? '',
    start: venueTimeInput(s.startedAt, zone),
    end: venueTimeInput(s.endedAt, zone),
    duration: formatDuration(s.durationMs),
    voided: s.voided,
    note: '',
  };
}

export type CorrectionProblem = 'nothing_changed' | 'bad_time' | 'bad_duration' | 'note_missing';

/**
 * What the form changes, as `statements.correct` takes it: only the fields
 * that differ from the statement as it reads now. Start and end are read on
 * the form's venue date (the end on the next day if it ran past midnight); a
 * new start or end without a new duration lets the server work the duration
 * out again.
 */
export function correctionChanges(
  s: Statement,
  draft: CorrectionDraft,
  initial: CorrectionDraft,
  zone: string,
): { changes: StatementChanges } | { problem: CorrectionProblem } {
  const changes: StatementChanges = {};
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  if (draft.voided !== s.voided) changes.voided = draft.voided;
  if (draft.itemId !== s.itemId) changes.itemId = draft.itemId;
  if ((draft.delegationId || null) !== s.delegationId) changes.delegationId = draft.delegationId || null;
  if (text(draft.speakerName) !== s.speakerName) changes.speakerName = text(draft.speakerName);
  if (text(draft.onBehalfOf) !== s.onBehalfOf) changes.onBehalfOf = text(draft.onBehalfOf);
  if (draft.capacity !== s.capacity) changes.capacity = draft.capacity;
  // A field left as it was keeps its instant to the millisecond.
  const moved = draft.date !== initial.date;
  const startedAt = moved || draft.start !== initial.start ? venueInstant(draft.date, draft.start, zone) : s.startedAt;
  let endedAt = moved || draft.end !== initial.end ? venueInstant(draft.date, draft.end, zone) : s.endedAt;
  if (!startedAt || !endedAt) return { problem: 'bad_time' };
  if (endedAt !== s.endedAt && Date.parse(endedAt) < Date.parse(startedAt)) endedAt = venueInstant(nextDay(draft.date), draft.end, zone) as string;
  if (startedAt !== s.startedAt) changes.startedAt = startedAt;
  if (endedAt !== s.endedAt) changes.endedAt = endedAt;
  if (draft.duration.trim() !== initial.duration.trim()) {
    const ms = parseDuration(draft.duration);
    if (ms === null) return { problem: 'bad_duration' };
    if (ms !== s.durationMs) changes.durationMs = ms;
  }
  if (Object.keys(changes).length === 0) return { problem: 'nothing_changed' };
  if (!draft.note.trim()) return { problem: 'note_missing' };
  return { changes };
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
