import { describe, expect, it } from 'vitest';
import { formatDuration, type Statement, type StatementFacts } from '@gavel/shared';
import { correctionChanges, correctionDraft, correctionSteps } from './corrections';

const recorded: StatementFacts = {
  itemId: 'ai_item0003',
  capacity: 'statement',
  delegationId: 'd_ecuador1',
  delegation: { names: { en: 'Ecuador' }, category: 'state_party' },
  speakerName: null,
  onBehalfOf: null,
  startedAt: '2027-01-27T09:05:12.345Z',
  endedAt: '2027-01-27T09:08:00.000Z',
  durationMs: 167_655,
  voided: false,
};

function statement(corrections: Statement['corrections'] = []): Statement {
  const now = corrections.reduce<StatementFacts>((f, c) => ({ ...f, ...c.changes }), recorded);
  return {
    ...now,
    id: 'st_abcdef',
    entryId: 'se_abcdef',
    allowedMs: 180_000,
    pausedMs: 0,
    ruling: null,
    recordedSeq: 12,
    recorded,
    corrections,
  };
}

const toEgypt = {
  id: 'sc_000001',
  at: '2027-01-27T10:00:00Z',
  by: 'Conference officer',
  changes: { delegationId: 'd_egypt001', delegation: { names: { en: 'Egypt' }, category: 'state_party' as const } },
  note: 'the floor was given to Egypt, not Ecuador',
};
const voided = { id: 'sc_000002', at: '2027-01-27T10:05:00Z', by: 'Conference officer', changes: { voided: true }, note: 'recorded in error' };

describe('correctionSteps', () => {
  it('is empty for a statement never corrected', () => {
    expect(correctionSteps(statement())).toEqual([]);
  });

  it('shows each correction from what the record read before it to what it read after', () => {
    const steps = correctionSteps(statement([toEgypt, voided]));
    expect(steps.map((s) => s.fields)).toEqual([['delegationId'], ['voided']]);
    expect(steps[0].before.delegationId).toBe('d_ecuador1');
    expect(steps[0].before.delegation?.names.en).toBe('Ecuador');
    expect(steps[0].after.delegation?.names.en).toBe('Egypt');
    // The second correction starts from the first one's result, not from the original.
    expect(steps[1].before.delegationId).toBe('d_egypt001');
    expect(steps[1].before.voided).toBe(false);
    expect(steps[1].after.voided).toBe(true);
  });

  it('ends where the statement reads now', () => {
    const s = statement([toEgypt, voided]);
    const last = correctionSteps(s).at(-1)!.after;
    expect(last.delegationId).toBe(s.delegationId);
    expect(last.voided).toBe(s.voided);
  });
});

describe('correctionChanges', () => {
  const offset = 'Europe/Vienna'; // UTC+1 in January
  const fmt = (ms: number) => formatDuration(Math.round(ms / 1000) * 1000, 'en');
  const s = statement();
  const initial = correctionDraft(s, offset, fmt);

  it('starts from the statement as it reads, in venue time', () => {
    expect(initial).toMatchObject({ delegationId: 'd_ecuador1', date: '2027-01-27', start: '10:05:12', end: '10:08:00', duration: '2:48', voided: false });
  });

  it('sends only what changed, with the note', () => {
    const r = correctionChanges(s, { ...initial, delegationId: 'd_egypt001', note: ' floor to Egypt ' }, initial, offset);
    expect(r).toEqual({ changes: { delegationId: 'd_egypt001' } });
  });

  it('voids a statement', () => {
    expect(correctionChanges(s, { ...initial, voided: true, note: 'in error' }, initial, offset)).toEqual({ changes: { voided: true } });
  });

  it('turns emptied text into null and keeps untouched fields out', () => {
    const named = { ...statement(), speakerName: 'Ms. Roth' };
    const start = correctionDraft(named, offset, fmt);
    expect(correctionChanges(named, { ...start, speakerName: '  ', onBehalfOf: 'Group of 77 and China', note: 'x' }, start, offset)).toEqual({
      changes: { speakerName: null, onBehalfOf: 'Group of 77 and China' },
    });
  });

  it('converts a new start time at the venue to an instant on the same day, and leaves the duration to the server', () => {
    const r = correctionChanges(s, { ...initial, start: '10:04:00', note: 'x' }, initial, offset);
    expect(r).toEqual({ changes: { startedAt: '2027-01-27T09:04:00.000Z' } });
  });

  it('moves a statement to another venue day, start and end together', () => {
    const r = correctionChanges(s, { ...initial, date: '2027-01-26', note: 'recorded on the wrong day' }, initial, offset);
    expect(r).toEqual({ changes: { startedAt: '2027-01-26T09:05:12.000Z', endedAt: '2027-01-26T09:08:00.000Z' } });
  });

  it('reads an end before the start as past midnight', () => {
    const r = correctionChanges(s, { ...initial, start: '23:58:00', end: '00:03:00', note: 'x' }, initial, offset);
    expect(r).toEqual({ changes: { startedAt: '2027-01-27T22:58:00.000Z', endedAt: '2027-01-27T23:03:00.000Z' } });
  });

  it('does not send a time the user did not touch, though the form rounds it to the second', () => {
    expect(correctionChanges(s, { ...initial, note: 'x' }, initial, offset)).toEqual({ problem: 'nothing_changed' });
  });

  it('reads a duration typed in minutes:seconds, in any digits', () => {
    expect(correctionChanges(s, { ...initial, duration: '٣:٠٠', note: 'x' }, initial, offset)).toEqual({ changes: { durationMs: 180_000 } });
    expect(correctionChanges(s, { ...initial, duration: 'three', note: 'x' }, initial, offset)).toEqual({ problem: 'bad_duration' });
  });

  it('asks for a note', () => {
    expect(correctionChanges(s, { ...initial, voided: true, note: ' ' }, initial, offset)).toEqual({ problem: 'note_missing' });
  });

  it('refuses a time that is not one', () => {
    expect(correctionChanges(s, { ...initial, end: '25:00', note: 'x' }, initial, offset)).toEqual({ problem: 'bad_time' });
  });
});
