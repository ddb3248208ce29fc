import { describe, expect, it } from 'vitest';
import { denial } from '../access/policy';
import { parseCommand } from '../domain/parse';
import { evolve, replay } from '../domain/evolve';
import type { LedgerEvent } from '../domain/events';
import { CHAIR, delegate, domainError, SECRETARIAT, TestMeeting, VIEWER } from '../domain/test-support';

describe('the report’s record: layout and adoption', () => {
  it('starts with no section D and no adoption, also for a ledger written before the report had a record', () => {
    const m = new TestMeeting();
    m.registerState('578');
    expect(m.state.report).toEqual({ documentation: false, adoption: null, reopenings: [] });
    // A ledger without any report event replays to the same initial record.
    expect(replay(m.events).report).toEqual({ documentation: false, adoption: null, reopenings: [] });
  });

  it('lets the secretariat lay out chapter III, recording only a change', () => {
    const m = new TestMeeting();
    const [e] = m.run({ type: 'report.configure', documentation: true });
    expect(e).toMatchObject({ type: 'ReportConfigured', payload: { documentation: true } });
    expect(m.state.report.documentation).toBe(true);
    expect(m.run({ type: 'report.configure', documentation: true })).toEqual([]);
    expect(m.run({ type: 'report.configure' })).toEqual([]);
    m.run({ type: 'report.configure', documentation: false });
    expect(m.state.report.documentation).toBe(false);
  });

  it('records the adoption on the venue’s day by default, and by whom', () => {
    const m = new TestMeeting();
    // 23:30 UTC on 28 January is already 29 January in Vienna (UTC+1).
    m.ctx.now = '2010-01-28T23:30:00.000Z';
    m.run({ type: 'rules.update', changes: { programme: { timeZone: 'Europe/Vienna' } } });
    const [e] = m.run({ type: 'report.adopt' }, CHAIR);
    expect(e).toMatchObject({ type: 'ReportAdopted', payload: { date: '2010-01-29' } });
    expect(m.state.report.adoption).toEqual({ date: '2010-01-29', at: '2010-01-28T23:30:00.000Z', by: 'Chair', seq: e.seq });
  });

  it('takes the day given, and refuses one that is not a date', () => {
    const m = new TestMeeting();
    m.run({ type: 'report.adopt', date: '2010-01-29' });
    expect(m.state.report.adoption?.date).toBe('2010-01-29');
    domainError(() => new TestMeeting().run({ type: 'report.adopt', date: '2010-02-30' }), 'invalid_command');
    domainError(() => new TestMeeting().run({ type: 'report.adopt', date: '29 January 2010' }), 'invalid_command');
  });

  it('refuses to adopt the report twice, saying how to record it again', () => {
    const m = new TestMeeting();
    m.run({ type: 'report.adopt', date: '2010-01-29' }, CHAIR);
    const error = domainError(() => m.run({ type: 'report.adopt', date: '2010-01-30' }, CHAIR), 'invalid_state');
    expect(error.message).toMatch(/already adopted \(on 2010-01-29\).*report\.reopen/);
    expect(m.state.report.adoption?.date).toBe('2010-01-29');
  });

  it('reopens an adoption with a reason kept with the record undone, then adopts again', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'report.reopen', reason: 'Too early' }, CHAIR), 'invalid_state');
    const [adopted] = m.run({ type: 'report.adopt', date: '2010-01-28' }, CHAIR);
    domainError(() => m.run({ type: 'report.reopen', reason: '   ' }, CHAIR), 'invalid_command');
    const [reopened] = m.run({ type: 'report.reopen', reason: ' Adopted on the last day, not the second ' }, CHAIR);
    expect(reopened).toMatchObject({ type: 'ReportReopened', payload: { reason: 'Adopted on the last day, not the second' } });
    expect(m.state.report.adoption).toBeNull();
    expect(m.state.report.reopenings).toEqual([
      {
        at: reopened.at,
        by: 'Chair',
        reason: 'Adopted on the last day, not the second',
        adoption: { date: '2010-01-28', at: adopted.at, by: 'Chair', seq: adopted.seq },
      },
    ]);
    m.run({ type: 'report.adopt', date: '2010-01-29' }, SECRETARIAT);
    expect(m.state.report.adoption).toMatchObject({ date: '2010-01-29', by: 'Secretariat officer' });
    // The same record replayed from the ledger.
    expect(replay(m.events).report).toEqual(m.state.report);
  });

  it('leaves the layout to the secretariat, the adoption to the chair and the secretariat', () => {
    const m = new TestMeeting();
    const norway = m.registerState('578');
    const who = (input: Record<string, unknown>) =>
      [SECRETARIAT, CHAIR, delegate(norway), VIEWER].map((actor) => denial(actor, parseCommand(input), m.state) === null);
    expect(who({ type: 'report.configure', documentation: true })).toEqual([true, false, false, false]);
    expect(who({ type: 'report.adopt' })).toEqual([true, true, false, false]);
    expect(who({ type: 'report.reopen', reason: 'Wrong date' })).toEqual([true, true, false, false]);
    expect(denial(CHAIR, parseCommand({ type: 'report.configure', documentation: true }), m.state)).toBe(
      'the chair may not report.configure; ask the secretariat',
    );
    domainError(() => m.run({ type: 'report.adopt' }, delegate(norway)), 'forbidden');
  });

  it('ignores a reopening with nothing to reopen when replaying (never decided so, but evolve stays total)', () => {
    const m = new TestMeeting();
    const stray = { ...m.events[m.events.length - 1], type: 'ReportReopened', payload: { reason: 'x' }, seq: m.state.seq + 1 } as LedgerEvent;
    expect(evolve(m.state, stray).report).toEqual(m.state.report);
  });
});
