import { describe, expect, it } from 'vitest';
import { ChairTestMeeting, CHAIR, delegateOf } from './test-support';
import { dayProgramme, speakingTime } from './summaries';
import { currentSpeaker, delegationPlaces, nextSpeakerEntry, nextSpeakers, pendingRulings, speakerDelegationName, speakersQueue } from './views';

const MIN = 60_000;

function meeting() {
  const m = new ChairTestMeeting();
  const [norway, egypt, holySee, unicef, laStrada] = m.register(
    ['state_party', '578'],
    ['state_party', '818'],
    ['observer_state', '336'],
    ['un_body', { en: 'UNICEF' }],
    ['ngo', { en: 'La Strada' }],
  );
  const item = m.addItem('Implementation of the Protocol', { plannedDate: '2010-01-27' });
  const second = m.addItem('Analysis of key concepts', { plannedDate: '2010-01-27' });
  const third = m.addItem('Other matters', { plannedDate: '2010-01-28' });
  m.openAndTakeUp(item);
  return { m, item, second, third, norway, egypt, holySee, unicef, laStrada };
}

describe('the queue as views show it', () => {
  it('lists waiting requests with places, classes and estimated waits', () => {
    const { m, item, norway, egypt, holySee, laStrada } = meeting();
    m.request(item, laStrada);
    m.request(item, holySee);
    m.request(item, undefined, { kind: 'panellist', speakerName: 'Venla Roth' });
    m.request(item, egypt, { onBehalfOf: 'Group of 77 and China' });
    m.request(item, norway, { kind: 'right_of_reply' });
    const lines = speakersQueue(m.state, item, m.nowMs);
    expect(lines.map((l) => [m.nameOf(l.entry.id), l.position, l.group, l.classRank, l.classCategories, l.allowedMs, l.waitMs, l.automatic])).toEqual([
      ['Venla Roth [panellist]', 1, 'list', -1, [], 10 * MIN, 0, true],
      ['Egypt', 2, 'list', 0, ['state_party', 'reio_party'], 5 * MIN, 10 * MIN, true],
      ['Holy See', 3, 'list', 2, ['observer_state'], 3 * MIN, 15 * MIN, true],
      ['La Strada', 4, 'list', 4, ['other_entity', 'ngo'], 3 * MIN, 18 * MIN, true],
      ['Norway [right_of_reply]', 5, 'right_of_reply', 0, ['state_party', 'reio_party'], 5 * MIN, 21 * MIN, true],
    ]);
    expect(lines[1].category).toBe('state_party');
    expect(nextSpeakers(m.state, item, 2, m.nowMs).map((l) => l.position)).toEqual([1, 2]);
  });

  it('counts what is left of the current speaker in the wait, and never less than nothing', () => {
    const { m, item, norway, egypt, holySee } = meeting();
    m.request(item, norway);
    m.request(item, egypt);
    m.request(item, holySee);
    m.next(item);
    m.tick(MIN);
    expect(delegationPlaces(m.state, item, holySee, m.nowMs).map((l) => [l.position, l.waitMs])).toEqual([[2, 2 * MIN + 3 * MIN]]);
    m.tick(5 * MIN);
    // Norway overruns: the estimate no longer counts its time.
    expect(delegationPlaces(m.state, item, holySee, m.nowMs)[0].waitMs).toBe(3 * MIN);
    expect(delegationPlaces(m.state, item, norway, m.nowMs)).toEqual([]);
  });

  it('marks replies "next" will not reach when they are taken when called', () => {
    const { m, item, norway } = meeting();
    m.run({ type: 'rules.update', changes: { rightOfReply: { takenAt: 'when_called' } } });
    m.request(item, norway, { kind: 'right_of_reply' });
    expect(speakersQueue(m.state, item, m.nowMs)[0].automatic).toBe(false);
    expect(nextSpeakerEntry(m.state, item)).toBeNull();
  });

  it('shows who has the floor and the points of order awaiting a ruling', () => {
    const { m, item, norway } = meeting();
    expect(currentSpeaker(m.state)).toBeNull();
    const poo = m.request(item, undefined, { kind: 'point_of_order' }, delegateOf(norway));
    m.next(item);
    expect(currentSpeaker(m.state)).toMatchObject({ floor: { entryId: poo }, entry: { kind: 'point_of_order' } });
    expect(pendingRulings(m.state).map((e) => e.id)).toEqual([poo]);
    m.run({ type: 'speakers.rule', entryId: poo, ruling: 'Upheld.' }, CHAIR);
    expect(pendingRulings(m.state)).toEqual([]);
    expect(speakersQueue(m.state, 'ai_nosuch001', m.nowMs)).toEqual([]);
  });

  it('names a speaker\'s delegation from the registry, or from the record once it is gone', () => {
    const { m, item, norway } = meeting();
    m.request(item, norway);
    m.next(item);
    m.next(item);
    const [s] = m.state.statements;
    expect(speakerDelegationName(m.state, s, 'fr')).toBe('Norvège');
    m.run({ type: 'delegation.remove', delegationId: norway });
    expect(speakerDelegationName(m.state, s, 'ar')).toBe('النرويج');
    expect(speakerDelegationName(m.state, { delegationId: null }, 'en')).toBeNull();
  });
});

describe('speaking time', () => {
  function spoken() {
    const c = meeting();
    const { m, item, second, norway, egypt, unicef } = c;
    const say = (itemId: string, delegationId: string | undefined, ms: number, more: Record<string, unknown> = {}) => {
      m.request(itemId, delegationId, more);
      m.next(itemId);
      m.tick(ms);
      m.run({ type: 'floor.end', expectedCurrent: m.floorEntry() }, CHAIR);
    };
    say(item, undefined, 8 * MIN, { kind: 'panellist', speakerName: 'Venla Roth' });
    say(item, norway, 3 * MIN);
    say(item, egypt, 4 * MIN);
    say(item, unicef, 2 * MIN);
    say(item, egypt, MIN, { kind: 'right_of_reply' });
    m.run({ type: 'agenda.takeUp', itemId: second }, CHAIR);
    say(second, norway, 2 * MIN);
    return c;
  }

  it('per delegation, per capacity, per category and per item', () => {
    const { m, item, second, norway, egypt, unicef } = spoken();
    const t = speakingTime(m.state);
    expect(t.total).toEqual({ totalMs: 20 * MIN, count: 6 });
    expect(t.byDelegation.map((r) => [r.delegationId ?? r.speakerName, r.totalMs, r.count])).toEqual([
      ['Venla Roth', 8 * MIN, 1],
      [norway, 5 * MIN, 2],
      [egypt, 5 * MIN, 2],
      [unicef, 2 * MIN, 1],
    ]);
    expect(t.byDelegation[1].byItem).toEqual({ [item]: 3 * MIN, [second]: 2 * MIN });
    expect(t.byDelegation[2].byCapacity).toEqual({ panellist: 0, statement: 4 * MIN, point_of_order: 0, right_of_reply: MIN });
    expect(t.byCapacity.statement).toEqual({ totalMs: 11 * MIN, count: 4 });
    expect(t.byCapacity.right_of_reply).toEqual({ totalMs: MIN, count: 1 });
    expect(t.byCategory).toEqual({
      panellist: { totalMs: 8 * MIN, count: 1 },
      state_party: { totalMs: 10 * MIN, count: 4 },
      un_body: { totalMs: 2 * MIN, count: 1 },
    });
    expect(t.byItem).toEqual([
      { itemId: item, totalMs: 18 * MIN, count: 5 },
      { itemId: second, totalMs: 2 * MIN, count: 1 },
    ]);
    expect(speakingTime(m.state, { itemId: second }).total).toEqual({ totalMs: 2 * MIN, count: 1 });
    expect(speakingTime(m.state, { date: '2010-01-27' }).total.count).toBe(6);
    expect(speakingTime(m.state, { date: '2010-01-28' }).total.count).toBe(0);
  });

  it('gives a panellist a row of their own, apart from the delegation they come from', () => {
    const { m, item, norway } = meeting();
    for (const more of [{ kind: 'panellist', speakerName: 'Kari Nordmann', delegationId: norway }, { delegationId: norway }]) {
      m.request(item, undefined, more);
      m.next(item);
      m.tick(MIN);
    }
    m.next(item);
    const t = speakingTime(m.state);
    expect(t.byDelegation.map((r) => [r.delegationId, r.speakerName, r.totalMs])).toEqual([
      [norway, 'Kari Nordmann', MIN],
      [norway, null, MIN],
    ]);
    expect(t.byCategory).toEqual({ panellist: { totalMs: MIN, count: 1 }, state_party: { totalMs: MIN, count: 1 } });
  });

  it('follows corrections: a voided statement no longer counts', () => {
    const { m, unicef } = spoken();
    const s = m.state.statements.find((x) => x.delegationId === unicef)!;
    m.run({ type: 'statements.correct', statementId: s.id, changes: { voided: true }, note: 'recorded in error' });
    expect(speakingTime(m.state).total).toEqual({ totalMs: 18 * MIN, count: 5 });
  });
});

describe('the day\'s programme', () => {
  it('weighs the time left today against the speakers waiting on today\'s items', () => {
    const { m, item, second, norway, egypt } = meeting();
    m.run({ type: 'rules.update', changes: { programme: { dayEndsAt: '18:00', timeZone: 'Europe/Vienna' } } });
    // 10:00 UTC is 11:00 in Vienna: seven hours left.
    m.request(item, norway);
    m.request(item, egypt, { onBehalfOf: 'African Group' });
    m.request(second, norway);
    m.next(item);
    m.tick(MIN);
    const p = dayProgramme(m.state, m.nowMs);
    expect(p.date).toBe('2010-01-27');
    expect(p.endsAt).toBe('2010-01-27T17:00:00.000Z');
    expect(p.timeLeftMs).toBe(7 * 60 * MIN - MIN);
    expect(p.items.map((i) => [i.label, i.status, i.waitingSpeakers, i.requestedMs])).toEqual([
      ['1', 'current', 1, 2 * MIN + 5 * MIN],
      ['2', 'pending', 1, 3 * MIN],
    ]);
    expect(p.requestedMs).toBe(10 * MIN);
    expect(p.balanceMs).toBe(p.timeLeftMs - 10 * MIN);
  });

  it('carries over items of earlier days not yet closed, and leaves out closed ones and unplanned ones', () => {
    const { m, item, second, third } = meeting();
    m.run({ type: 'agenda.updateItem', itemId: second, plannedDate: null });
    m.run({ type: 'agenda.close', itemId: item }, CHAIR);
    m.tick(24 * 60 * MIN);
    const p = dayProgramme(m.state, m.nowMs);
    expect(p.date).toBe('2010-01-28');
    expect(p.items.map((i) => i.itemId)).toEqual([third]);
    // After the end of the day, negative.
    m.tick(9 * 60 * MIN);
    expect(dayProgramme(m.state, m.nowMs).timeLeftMs).toBeLessThan(0);
  });
});
