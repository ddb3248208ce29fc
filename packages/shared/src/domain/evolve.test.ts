import { describe, expect, it } from 'vitest';
import type { LedgerEvent } from './events';
import { evolve, initialState, replay } from './evolve';
import { TestMeeting } from './test-support';

describe('evolve', () => {
  it('moves the state to the seq of the event it applies', () => {
    const m = new TestMeeting();
    const [e] = m.run({ type: 'meeting.update', changes: { venue: 'Geneva' } });
    expect(e.seq).toBe(4);
    expect(m.state.seq).toBe(4);
  });

  it('dates a registration with the time the ledger recorded', () => {
    const m = new TestMeeting();
    const [e] = m.run({ type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } });
    const at = '2010-01-28T08:30:00.000Z';
    const state = evolve(replay(m.events.slice(0, 3)), { ...e, at });
    expect(Object.values(state.delegations)[0].registeredAt).toBe(at);
  });

  it('does not change the state it is given', () => {
    const m = new TestMeeting();
    const before = m.state;
    const snapshot = JSON.stringify(before);
    m.run({ type: 'delegation.register', delegation: { category: 'state_party', m49: '578' } });
    m.run({ type: 'meeting.update', changes: { venue: 'Geneva' } });
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(m.state).not.toBe(before);
  });

  it('replays a whole ledger to the same state as applying it event by event', () => {
    const m = new TestMeeting();
    const norway = m.registerState('578');
    m.registerPerson('Kari', 'head', norway);
    const code = m.issueCode('delegate', norway);
    m.run({ type: 'access.reissue', codeId: code });
    m.run({ type: 'delegation.update', delegationId: norway, category: 'signatory' });
    m.run({ type: 'delegation.remove', delegationId: norway });
    expect(replay(m.events)).toEqual(m.state);
  });

  it('refuses a MeetingCreated in the middle of a ledger', () => {
    const m = new TestMeeting();
    expect(() => evolve(m.state, { ...m.events[0], seq: 4 })).toThrow(/MeetingCreated/);
  });

  it('needs a ledger that starts with MeetingCreated', () => {
    const m = new TestMeeting();
    expect(() => replay([])).toThrow(/empty/);
    expect(() => initialState(m.events[1] as LedgerEvent)).toThrow(/starts with MeetingCreated/);
  });
});
