import { describe, expect, it } from 'vitest';
import { ChairTestMeeting, CHAIR, delegateOf, SECRETARIAT } from './test-support';
import { floorRemainingMs } from './clock';
import { nextAct } from './views';

const MIN = 60_000;

function meeting() {
  const m = new ChairTestMeeting();
  const [norway, egypt, colombia, holySee] = m.register(
    ['state_party', '578'],
    ['state_party', '818'],
    ['state_party', '170'],
    ['observer_state', '336'],
  );
  const item = m.addItem('Implementation of the Trafficking in Persons Protocol');
  const other = m.addItem('Other matters');
  m.openAndTakeUp(item);
  const ask = (delegationId: string, more: Record<string, unknown> = {}) => m.request(item, undefined, more, delegateOf(delegationId));
  return { m, item, other, norway, egypt, colombia, holySee, ask };
}

describe('giving the floor', () => {
  it('"next" gives the floor to the head of the list and starts the clock', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway);
    ask(egypt);
    const [given] = m.next(item);
    expect(given).toMatchObject({ type: 'FloorGiven', payload: { entryId: n, itemId: item, allowedMs: 3 * MIN, interrupting: false } });
    expect(m.state.floor).toEqual({
      entryId: n,
      itemId: item,
      kind: 'statement',
      startedAt: m.now,
      allowedMs: 3 * MIN,
      pausedAt: null,
      pausedTotalMs: 0,
      interrupted: null,
    });
    expect(m.state.speakers.entries[n].status).toBe('speaking');
    expect(m.queueNames(item)).toEqual(['Egypt']);
  });

  it('"next" ends the statement, records it, and moves on; after the last speaker the floor is free', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway, { speakerName: 'Kari Nordmann' });
    const e = ask(egypt, { onBehalfOf: 'Group of 77 and China' });
    m.next(item);
    const startedAt = m.now;
    m.tick(150_000);
    const events = m.next(item);
    expect(events.map((x) => x.type)).toEqual(['StatementRecorded', 'FloorGiven']);
    expect(m.state.statements).toHaveLength(1);
    expect(m.state.statements[0]).toMatchObject({
      entryId: n,
      itemId: item,
      capacity: 'statement',
      delegationId: norway,
      delegation: { category: 'state_party', names: { en: 'Norway' } },
      speakerName: 'Kari Nordmann',
      onBehalfOf: null,
      startedAt,
      endedAt: m.now,
      durationMs: 150_000,
      pausedMs: 0,
      allowedMs: 3 * MIN,
      voided: false,
      corrections: [],
    });
    expect(m.state.speakers.entries[n]).toMatchObject({ status: 'spoken', statementId: m.state.statements[0].id });
    // A group statement gets the group speaking time.
    expect(m.state.floor).toMatchObject({ entryId: e, allowedMs: 5 * MIN });
    m.tick(200_000);
    expect(m.next(item).map((x) => x.type)).toEqual(['StatementRecorded']);
    expect(m.state.floor).toBeNull();
    expect(m.state.statements.map((s) => [s.delegationId, s.onBehalfOf, s.durationMs])).toEqual([
      [norway, null, 150_000],
      [egypt, 'Group of 77 and China', 200_000],
    ]);
    expect(m.refusal({ type: 'speakers.next', itemId: item, expectedCurrent: null }, CHAIR).message).toMatch(/nobody is waiting/);
  });

  it('pressing "next" twice quickly does not skip a speaker', () => {
    const { m, item, norway, egypt, colombia, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    const c = ask(colombia);
    // Both presses leave the console while it shows nobody on the floor.
    const press = { type: 'speakers.next', itemId: item, expectedCurrent: null };
    m.run(press, CHAIR);
    const second = m.refusal(press, CHAIR);
    expect(second).toMatchObject({ code: 'invalid_state', message: 'the floor has moved on: Norway has it now', details: { current: n } });
    expect(m.floorEntry()).toBe(n);
    // And again while Norway speaks.
    const pressOnNorway = { type: 'speakers.next', itemId: item, expectedCurrent: n };
    m.run(pressOnNorway, CHAIR);
    expect(m.refusal(pressOnNorway, CHAIR).details).toEqual({ current: e });
    expect(m.floorEntry()).toBe(e);
    expect(m.queueNames(item)).toEqual(['Colombia']);
    expect(m.state.statements.map((s) => s.entryId)).toEqual([n]);
    m.next(item);
    expect(m.floorEntry()).toBe(c);
  });

  it('a double "give the floor" gives it once', () => {
    const { m, norway, egypt, ask } = meeting();
    ask(norway);
    const e = ask(egypt);
    const give = { type: 'floor.give', entryId: e, expectedCurrent: null };
    m.run(give, CHAIR);
    expect(m.refusal(give, CHAIR).code).toBe('invalid_state');
    expect(m.floorEntry()).toBe(e);
    expect(m.state.statements).toHaveLength(0);
  });

  it('gives the floor to any request on the list, out of turn, ending the current statement', () => {
    const { m, item, norway, egypt, holySee, ask } = meeting();
    const n = ask(norway);
    ask(egypt);
    const h = ask(holySee);
    m.next(item);
    m.tick(30_000);
    m.run({ type: 'floor.give', entryId: h, expectedCurrent: n, allowedMs: 2 * MIN }, SECRETARIAT);
    expect(m.state.floor).toMatchObject({ entryId: h, allowedMs: 2 * MIN });
    expect(m.state.statements.map((s) => s.entryId)).toEqual([n]);
    expect(m.queueNames(item)).toEqual(['Egypt']);
  });

  it('refuses the floor on an item not under consideration, or for a request no longer waiting', () => {
    const { m, item, other, norway, ask } = meeting();
    const early = m.request(other, norway);
    expect(m.refusal({ type: 'floor.give', entryId: early, expectedCurrent: null }, CHAIR).message).toMatch(/not under consideration/);
    expect(m.refusal({ type: 'speakers.next', itemId: other, expectedCurrent: null }, CHAIR).message).toMatch(/not under consideration/);
    const n = ask(norway);
    m.next(item);
    expect(m.refusal({ type: 'floor.give', entryId: n, expectedCurrent: n }, CHAIR).message).toMatch(/has the floor/);
    expect(m.refusal({ type: 'floor.give', entryId: 'se_nosuch001', expectedCurrent: n }, CHAIR).code).toBe('not_found');
  });

  it('"end of statement" frees the floor and needs the speaker the console shows', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway);
    ask(egypt);
    m.next(item);
    m.tick(10_000);
    expect(m.refusal({ type: 'floor.end', expectedCurrent: 'se_other0001' }, CHAIR).code).toBe('invalid_state');
    m.run({ type: 'floor.end', expectedCurrent: n }, CHAIR);
    expect(m.state.floor).toBeNull();
    expect(m.state.statements[0]).toMatchObject({ entryId: n, durationMs: 10_000 });
    expect(m.refusal({ type: 'floor.end', expectedCurrent: n }, CHAIR).message).toMatch(/nobody has it now/);
  });
});

describe('the clock', () => {
  it('pauses and resumes; the statement counts speaking time only', () => {
    const { m, item, norway, ask } = meeting();
    const n = ask(norway);
    m.next(item);
    m.tick(60_000);
    m.run({ type: 'floor.pause', entryId: n }, CHAIR);
    expect(m.refusal({ type: 'floor.pause', entryId: n }, CHAIR).message).toMatch(/already paused/);
    m.tick(45_000);
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(2 * MIN);
    m.run({ type: 'floor.resume', entryId: n }, CHAIR);
    expect(m.state.floor).toMatchObject({ pausedAt: null, pausedTotalMs: 45_000 });
    expect(m.refusal({ type: 'floor.resume', entryId: n }, CHAIR).message).toMatch(/running/);
    m.tick(150_000);
    // Overrun by 30 seconds: shown, never cut off.
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(-30_000);
    m.next(item);
    expect(m.state.statements[0]).toMatchObject({ durationMs: 210_000, pausedMs: 45_000 });
  });

  it('a statement ended while paused ends its pause too', () => {
    const { m, item, norway, ask } = meeting();
    const n = ask(norway);
    m.next(item);
    m.tick(20_000);
    m.run({ type: 'floor.pause', entryId: n }, CHAIR);
    m.tick(5_000);
    m.run({ type: 'floor.end', expectedCurrent: n }, CHAIR);
    expect(m.state.statements[0]).toMatchObject({ durationMs: 20_000, pausedMs: 5_000 });
  });

  it('pause and resume name the speaker, so a stale console cannot pause the next one', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway);
    ask(egypt);
    m.next(item);
    m.next(item);
    expect(m.refusal({ type: 'floor.pause', entryId: n }, CHAIR).message).toMatch(/does not have the floor/);
  });

  it('speaking time per speaker: set before, or changed while speaking', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    m.run({ type: 'speakers.setTime', entryId: e, allowedMs: 7 * MIN }, CHAIR);
    m.next(item);
    m.run({ type: 'speakers.setTime', entryId: n, allowedMs: 4 * MIN }, CHAIR);
    expect(m.state.floor!.allowedMs).toBe(4 * MIN);
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: e, allowedMs: 7 * MIN });
    // Back to the default.
    m.run({ type: 'speakers.setTime', entryId: e, allowedMs: null }, CHAIR);
    expect(m.state.floor!.allowedMs).toBe(3 * MIN);
    expect(m.refusal({ type: 'speakers.setTime', entryId: n, allowedMs: MIN }, CHAIR).code).toBe('invalid_state');
    // The per-meeting default is the secretariat's.
    m.run({ type: 'rules.update', changes: { speakingTimeMs: { statement: 4 * MIN } } });
    expect(m.state.rules.speakingTimeMs).toMatchObject({ statement: 4 * MIN, groupStatement: 5 * MIN });
  });

  it('"next" may carry the time for the speaker it calls', () => {
    const { m, item, norway, ask } = meeting();
    ask(norway);
    m.run({ type: 'speakers.next', itemId: item, expectedCurrent: null, allowedMs: 90_000 }, CHAIR);
    expect(m.state.floor!.allowedMs).toBe(90_000);
  });
});

describe('points of order', () => {
  it('interrupt the speaker, whose clock stops and who gets the floor back; the chair rules', () => {
    const { m, item, norway, egypt, colombia, ask } = meeting();
    const n = ask(norway);
    ask(egypt);
    m.next(item);
    const norwayStarted = m.now;
    m.tick(60_000);
    const poo = ask(colombia, { kind: 'point_of_order' });
    expect(m.queueNames(item)).toEqual(['Colombia [point_of_order]', 'Egypt']);
    m.run({ type: 'floor.give', entryId: poo, expectedCurrent: n }, CHAIR);
    expect(m.state.floor).toMatchObject({
      entryId: poo,
      kind: 'point_of_order',
      allowedMs: 2 * MIN,
      interrupted: { entryId: n, pausedAt: m.now, startedAt: norwayStarted },
    });
    expect(m.state.statements).toHaveLength(0);
    m.tick(20_000);
    m.run({ type: 'speakers.rule', entryId: poo, ruling: 'The point of order is upheld; speakers will keep to the item.' }, CHAIR);
    // "Next" ends the point of order and gives the floor back to Norway, whose clock runs again.
    expect(m.next(item).map((e) => e.type)).toEqual(['StatementRecorded']);
    expect(m.state.floor).toMatchObject({ entryId: n, pausedAt: null, pausedTotalMs: 20_000, interrupted: null });
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(2 * MIN);
    m.tick(30_000);
    m.next(item);
    const [norwayStatement, pooStatement] = m.state.statements;
    // In the order they started: Norway, then the point of order that interrupted it.
    expect(norwayStatement).toMatchObject({ entryId: n, durationMs: 90_000, pausedMs: 20_000, startedAt: norwayStarted });
    expect(pooStatement).toMatchObject({
      entryId: poo,
      capacity: 'point_of_order',
      durationMs: 20_000,
      ruling: { text: 'The point of order is upheld; speakers will keep to the item.', by: CHAIR.name },
    });
    expect(m.nameOf(m.floorEntry()!)).toBe('Egypt');
  });

  it('"next" with a point of order waiting holds the speaker, who resumes with the time left', () => {
    const { m, item, norway, egypt, colombia, ask } = meeting();
    const n = ask(norway);
    ask(egypt);
    m.next(item);
    m.tick(70_000);
    const poo = ask(colombia, { kind: 'point_of_order' });
    expect(nextAct(m.state, item)).toMatchObject({ kind: 'point_of_order', entry: { id: poo }, holds: { id: n } });
    const [given] = m.next(item);
    expect(given).toMatchObject({ type: 'FloorGiven', payload: { entryId: poo, interrupting: true } });
    expect(m.state.statements).toHaveLength(0);
    expect(m.state.floor).toMatchObject({ entryId: poo, interrupted: { entryId: n, resumesOnReturn: true } });
    m.tick(45_000);
    // Norway's clock stood still: 110 s left, as when the point of order was raised.
    expect(floorRemainingMs(m.state.floor!.interrupted!, m.nowMs)).toBe(110_000);
    expect(nextAct(m.state, item)).toMatchObject({ kind: 'give_back', entry: { id: n } });
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: n, pausedAt: null, interrupted: null });
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(110_000);
    m.tick(10_000);
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(100_000);
    expect(nextAct(m.state, item)).toMatchObject({ kind: 'next', entry: { delegationId: egypt } });
    expect(m.replayed()).toEqual(m.state);
  });

  it('a speaker the chair had paused stays paused when the floor comes back', () => {
    const { m, item, norway, colombia, ask } = meeting();
    const n = ask(norway);
    m.next(item);
    m.tick(20_000);
    m.run({ type: 'floor.pause', entryId: n }, CHAIR);
    ask(colombia, { kind: 'point_of_order' });
    m.tick(5_000);
    m.next(item);
    m.tick(30_000);
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: n, pausedAt: expect.any(String) });
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(160_000);
    m.run({ type: 'floor.resume', entryId: n }, CHAIR);
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(160_000);
  });

  it('the chair gives the floor to someone while the speaker waits, then gives it back', () => {
    const { m, item, norway, egypt, colombia, holySee, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    ask(holySee);
    m.next(item);
    m.tick(60_000);
    m.run({ type: 'floor.give', entryId: e, expectedCurrent: n, hold: true }, CHAIR);
    expect(m.state.floor).toMatchObject({ entryId: e, interrupted: { entryId: n } });
    m.tick(30_000);
    // A point of order during Egypt's turn holds Egypt too; each gets the floor back in turn.
    const poo = ask(colombia, { kind: 'point_of_order' });
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: poo, interrupted: { entryId: e, interrupted: { entryId: n } } });
    m.tick(10_000);
    expect(nextAct(m.state, item)).toMatchObject({ kind: 'give_back', entry: { id: e } });
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: e, pausedAt: null, interrupted: { entryId: n } });
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(150_000);
    m.run({ type: 'floor.end', expectedCurrent: e }, CHAIR);
    expect(m.state.floor).toMatchObject({ entryId: n, pausedAt: null, interrupted: null });
    expect(floorRemainingMs(m.state.floor!, m.nowMs)).toBe(120_000);
    expect(m.state.statements.map((st) => [st.entryId, st.durationMs])).toEqual([
      [e, 30_000],
      [poo, 10_000],
    ]);
    expect(m.replayed()).toEqual(m.state);
  });

  it('giving the floor to the next speaker ends every held statement', () => {
    const { m, item, norway, egypt, holySee, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    const h = ask(holySee);
    m.next(item);
    m.tick(10_000);
    m.run({ type: 'floor.give', entryId: e, expectedCurrent: n, hold: true }, CHAIR);
    m.tick(20_000);
    m.run({ type: 'floor.give', entryId: h, expectedCurrent: e }, CHAIR);
    expect(m.state.floor).toMatchObject({ entryId: h, interrupted: null });
    expect(m.state.statements.map((st) => [st.entryId, st.durationMs])).toEqual([
      [n, 10_000],
      [e, 20_000],
    ]);
  });

  it('a delegation held on the floor cannot be removed', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    m.next(item);
    m.run({ type: 'floor.give', entryId: e, expectedCurrent: n, hold: true }, CHAIR);
    expect(m.refusal({ type: 'delegation.remove', delegationId: norway }).message).toMatch(/has the floor/);
  });

  it('"next" reaches a waiting point of order first when the floor is free', () => {
    const { m, item, norway, colombia, ask } = meeting();
    ask(norway);
    const poo = ask(colombia, { kind: 'point_of_order' });
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: poo, interrupted: null });
  });

  it('a second point of order during the first: the first ends, the interrupted speaker stays on hold', () => {
    const { m, item, norway, egypt, colombia, ask } = meeting();
    const n = ask(norway);
    m.next(item);
    const first = ask(colombia, { kind: 'point_of_order' });
    m.run({ type: 'floor.give', entryId: first, expectedCurrent: n }, CHAIR);
    const second = ask(egypt, { kind: 'point_of_order' });
    m.tick(10_000);
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: second, interrupted: { entryId: n } });
    m.tick(10_000);
    m.run({ type: 'floor.end', expectedCurrent: second }, CHAIR);
    expect(m.state.floor).toMatchObject({ entryId: n, interrupted: null });
  });

  it('giving the floor to someone else while a point of order holds a speaker ends both statements', () => {
    const { m, item, norway, egypt, colombia, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    m.next(item);
    m.tick(30_000);
    const poo = ask(colombia, { kind: 'point_of_order' });
    m.run({ type: 'floor.give', entryId: poo, expectedCurrent: n }, CHAIR);
    m.tick(10_000);
    m.run({ type: 'floor.give', entryId: e, expectedCurrent: poo }, CHAIR);
    expect(m.state.floor).toMatchObject({ entryId: e, interrupted: null });
    expect(m.state.statements.map((s) => [s.entryId, s.durationMs])).toEqual([
      [n, 30_000],
      [poo, 10_000],
    ]);
  });

  it('is raised on the item under consideration only, and ruled on once heard, once', () => {
    const { m, item, other, norway, colombia, ask } = meeting();
    expect(m.refusal({ type: 'speakers.request', itemId: other, kind: 'point_of_order' }, delegateOf(colombia)).message).toMatch(
      /item under consideration/,
    );
    const poo = ask(colombia, { kind: 'point_of_order' });
    expect(m.refusal({ type: 'speakers.rule', entryId: poo, ruling: 'x' }, CHAIR).message).toMatch(/before ruling/);
    const n = ask(norway);
    expect(m.refusal({ type: 'speakers.rule', entryId: n, ruling: 'x' }, CHAIR).code).toBe('invalid_command');
    m.next(item);
    m.run({ type: 'speakers.rule', entryId: poo, ruling: 'Not a point of order.' }, CHAIR);
    expect(m.refusal({ type: 'speakers.rule', entryId: poo, ruling: 'again' }, CHAIR).code).toBe('invalid_state');
    expect(m.state.speakers.entries[poo].ruling).toMatchObject({ text: 'Not a point of order.' });
    m.next(item);
    expect(m.state.statements[0].ruling).toMatchObject({ text: 'Not a point of order.' });
    expect(m.refusal({ type: 'speakers.request', itemId: item, kind: 'point_of_order', onBehalfOf: 'G77' }, delegateOf(norway)).code).toBe(
      'invalid_command',
    );
  });
});

describe('rights of reply', () => {
  it('are taken at the end of the item by default, with their own limits: 5 minutes, then 3', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const first = ask(egypt, { kind: 'right_of_reply' });
    ask(norway);
    const second = ask(egypt, { kind: 'right_of_reply' });
    expect(m.state.speakers.entries[first].replyNumber).toBe(1);
    expect(m.state.speakers.entries[second].replyNumber).toBe(2);
    expect(m.refusal({ type: 'speakers.request', itemId: item, kind: 'right_of_reply' }, delegateOf(egypt)).message).toBe(
      'a delegation has at most 2 rights of reply on an item; Egypt has asked for 2 on item 1',
    );
    m.next(item);
    expect(m.nameOf(m.floorEntry()!)).toBe('Norway');
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: first, allowedMs: 5 * MIN });
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: second, allowedMs: 3 * MIN });
    m.next(item);
    expect(m.state.statements.map((s) => s.capacity)).toEqual(['statement', 'right_of_reply', 'right_of_reply']);
  });

  it('a withdrawn reply does not count against the limit', () => {
    const { m, item, egypt, ask } = meeting();
    const first = ask(egypt, { kind: 'right_of_reply' });
    m.run({ type: 'speakers.withdraw', entryId: first }, delegateOf(egypt));
    ask(egypt, { kind: 'right_of_reply' });
    const again = ask(egypt, { kind: 'right_of_reply' });
    expect(m.state.speakers.entries[again].replyNumber).toBe(2);
    expect(m.queueNames(item)).toHaveLength(2);
  });

  it('when the rules say "when called", "next" does not reach them; the chair gives the floor to them', () => {
    const { m, item, norway, egypt, ask } = meeting();
    m.run({ type: 'rules.update', changes: { rightOfReply: { takenAt: 'when_called', firstMs: 4 * MIN } } });
    const reply = ask(egypt, { kind: 'right_of_reply' });
    const n = ask(norway);
    m.next(item);
    m.next(item);
    expect(m.state.floor).toBeNull();
    expect(m.refusal({ type: 'speakers.next', itemId: item, expectedCurrent: null }, CHAIR).message).toMatch(/nobody is waiting/);
    m.run({ type: 'floor.give', entryId: reply, expectedCurrent: null }, CHAIR);
    expect(m.state.floor).toMatchObject({ entryId: reply, allowedMs: 4 * MIN });
    expect(m.state.statements.map((s) => s.entryId)).toEqual([n]);
  });
});

describe('panellists', () => {
  it('are inscribed by name or as registered persons, with their delegation', () => {
    const { m, item, norway } = meeting();
    const [finland] = m.register(['state_party', '246']);
    const venla = m.registerPerson('Venla Roth', 'panellist', finland);
    const entry = m.request(item, undefined, { kind: 'panellist', personId: venla }, CHAIR);
    expect(m.state.speakers.entries[entry]).toMatchObject({ kind: 'panellist', delegationId: finland, speakerName: 'Venla Roth', personId: venla });
    expect(m.refusal({ type: 'speakers.request', itemId: item, kind: 'panellist', speakerName: 'venla roth' }, CHAIR).code).toBe('already_exists');
    expect(m.refusal({ type: 'speakers.request', itemId: item, kind: 'panellist' }, CHAIR).message).toMatch(/name the panellist/);
    expect(
      m.refusal({ type: 'speakers.request', itemId: item, kind: 'panellist', personId: venla, delegationId: norway }, CHAIR).message,
    ).toMatch(/belongs to another delegation/);
    m.next(item);
    expect(m.state.floor).toMatchObject({ entryId: entry, allowedMs: 10 * MIN, kind: 'panellist' });
  });
});

describe('withdrawing and removing requests', () => {
  it('a delegation withdraws its own request; the chair removes any; the record says which', () => {
    const { m, item, norway, egypt, ask } = meeting();
    const n = ask(norway);
    const e = ask(egypt);
    const [withdrawn] = m.run({ type: 'speakers.withdraw', entryId: n }, delegateOf(norway));
    const [removed] = m.run({ type: 'speakers.remove', entryId: e }, CHAIR);
    expect(withdrawn.payload).toEqual({ entryId: n, reason: 'withdrawn' });
    expect(removed.payload).toEqual({ entryId: e, reason: 'removed' });
    expect(m.queueNames(item)).toEqual([]);
    // Out of the live state, which stays small however long the meeting; the ledger keeps who withdrew and why.
    expect(m.state.speakers.entries[n]).toBeUndefined();
    expect(m.refusal({ type: 'speakers.remove', entryId: n }, CHAIR).code).toBe('not_found');
  });

  it('a removed delegation\'s waiting requests are withdrawn, on every list, in the record', () => {
    const { m, item, other, norway, egypt, ask } = meeting();
    const n1 = ask(norway);
    const n2 = ask(norway, { kind: 'right_of_reply' });
    const n3 = m.request(other, norway);
    ask(egypt);
    const events = m.run({ type: 'delegation.remove', delegationId: norway });
    expect(events.filter((e) => e.type === 'SpeakerWithdrawn').map((e) => e.payload)).toEqual([
      { entryId: n1, reason: 'delegation_removed' },
      { entryId: n2, reason: 'delegation_removed' },
      { entryId: n3, reason: 'delegation_removed' },
    ]);
    expect(events.at(-1)!.type).toBe('DelegationRemoved');
    expect(m.queueNames(item)).toEqual(['Egypt']);
    expect(m.state.speakers.lists[other].queue).toEqual([]);
    expect(m.replayed()).toEqual(m.state);
  });

  it('a delegation cannot be removed while it has the floor, and its record survives removal', () => {
    const { m, item, norway, ask } = meeting();
    const n = ask(norway);
    m.next(item);
    expect(m.refusal({ type: 'delegation.remove', delegationId: norway }).message).toMatch(/has the floor/);
    m.run({ type: 'floor.end', expectedCurrent: n }, CHAIR);
    m.run({ type: 'delegation.remove', delegationId: norway });
    expect(m.state.statements[0]).toMatchObject({ delegationId: norway, delegation: { names: { en: 'Norway' } } });
  });
});

describe('requests', () => {
  it('need a delegation (except panellists), an item that exists and is not closed', () => {
    const { m, item, norway } = meeting();
    expect(m.refusal({ type: 'speakers.request', itemId: item }, CHAIR).message).toMatch(/give delegationId/);
    expect(m.refusal({ type: 'speakers.request', itemId: 'ai_nosuch001', delegationId: norway }).code).toBe('not_found');
    expect(m.refusal({ type: 'speakers.request', itemId: item, delegationId: 'd_nosuch001' }).code).toBe('not_found');
    m.run({ type: 'agenda.close', itemId: item }, CHAIR);
    expect(m.refusal({ type: 'speakers.request', itemId: item, delegationId: norway }).message).toMatch(/is closed/);
  });

  it('record who made them and when, in ledger order', () => {
    const { m, item, norway, egypt } = meeting();
    const n = m.request(item, undefined, {}, delegateOf(norway, 'Kari'));
    const e = m.request(item, egypt, {}, SECRETARIAT);
    expect(m.state.speakers.entries[n]).toMatchObject({ requestedBy: { role: 'delegate', name: 'Kari' }, requestedAt: m.now });
    expect(m.state.speakers.entries[e].requestedBy).toEqual({ role: 'secretariat', name: SECRETARIAT.name });
    expect(m.state.speakers.entries[e].requestedSeq).toBe(m.state.speakers.entries[n].requestedSeq + 1);
  });
});

describe('the state', () => {
  it('stays plain JSON and replays to the same thing', () => {
    const { m, item, norway, egypt, colombia, ask } = meeting();
    const n = ask(norway);
    ask(egypt, { onBehalfOf: 'African Group' });
    m.next(item);
    m.tick(10_000);
    const poo = ask(colombia, { kind: 'point_of_order' });
    m.run({ type: 'floor.give', entryId: poo, expectedCurrent: n }, CHAIR);
    m.tick(5_000);
    m.run({ type: 'speakers.rule', entryId: poo, ruling: 'Upheld.' }, CHAIR);
    m.next(item);
    m.next(item);
    expect(JSON.parse(JSON.stringify(m.state))).toStrictEqual(m.state);
    expect(m.replayed()).toStrictEqual(m.state);
  });
});
