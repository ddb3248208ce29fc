import type { Capacity, Statement, StatementChanges, StatementCorrection, StatementFacts } from '@gavel/shared';
import { parseDuration, venueInstant, venueTimeInput } from '../../components/format';

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
  /** Venue time of day, "HH:MM:SS" as <input type="time" step="1"> gives it. */
  start: string;
  end: string;
  /** As typed: "3:05". */
  duration: string;
  voided: boolean;
  note: string;
}

export function correctionDraft(s: Statement, utcOffsetMinutes: number, formatDuration: (ms: number) => string): CorrectionDraft {
  return {
    itemId: s.itemId,
    capacity: s.capacity,
    delegationId: s.delegationId ?? '',
    speakerName: s.speakerName ?? '',
    onBehalfOf: s.onBehalfOf ?? '',
    start: venueTimeInput(s.startedAt, utcOffsetMinutes),
    end: venueTimeInput(s.endedAt, utcOffsetMinutes),
    duration: formatDuration(s.durationMs),
    voided: s.voided,
    note: '',
  };
}

export type CorrectionProblem = 'nothing_changed' | 'bad_time' | 'bad_duration' | 'note_missing';

/**
 * What the form changes, as `statements.correct` takes it: only the fields
 * that differ from the statement as it reads now. A time keeps the venue date
 * it had; a new start or end without a new duration lets the server work the
 * duration out again.
 */
export function correctionChanges(
  s: Statement,
  draft: CorrectionDraft,
  initial: CorrectionDraft,
  utcOffsetMinutes: number,
): { changes: StatementChanges } | { problem: CorrectionProblem } {
  const changes: StatementChanges = {};
  const text = (v: string) => (v.trim() === '' ? null : v.trim());
  if (draft.voided !== s.voided) changes.voided = draft.voided;
  if (draft.itemId !== s.itemId) changes.itemId = draft.itemId;
  if ((draft.delegationId || null) !== s.delegationId) changes.delegationId = draft.delegationId || null;
  if (text(draft.speakerName) !== s.speakerName) changes.speakerName = text(draft.speakerName);
  if (text(draft.onBehalfOf) !== s.onBehalfOf) changes.onBehalfOf = text(draft.onBehalfOf);
  if (draft.capacity !== s.capacity) changes.capacity = draft.capacity;
  const dayOf = (iso: string) => new Date(Date.parse(iso) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
  for (const [key, field] of [
    ['start', 'startedAt'],
    ['end', 'endedAt'],
  ] as const) {
    if (draft[key] === initial[key]) continue;
    const at = venueInstant(dayOf(s[field]), draft[key], utcOffsetMinutes);
    if (!at) return { problem: 'bad_time' };
    if (at !== s[field]) changes[field] = at;
  }
  if (draft.duration.trim() !== initial.duration.trim()) {
    const ms = parseDuration(draft.duration);
    if (ms === null) return { problem: 'bad_duration' };
    if (ms !== s.durationMs) changes.durationMs = ms;
  }
  if (Object.keys(changes).length === 0) return { problem: 'nothing_changed' };
  if (!draft.note.trim()) return { problem: 'note_missing' };
  return { changes };
}
