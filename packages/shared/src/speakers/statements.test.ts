import { describe, expect, it } from 'vitest';
import { ChairTestMeeting, CHAIR, delegateOf, SECRETARIAT } from './test-support';

function withStatements() {
  const m = new ChairTestMeeting();
  const [norway, egypt, ecuador] = m.register(['state_party', '578'], ['state_party', '818'], ['state_party', '218']);
  const item = m.addItem('Implementation of the Protocol');
  const other = m.addItem('Other matters');
  m.openAndTakeUp(item);
  m.request(item, norway);
  m.request(item, ecuador);
  m.next(item);
  m.tick(120_000);
  m.next(item);
  m.tick(60_000);
  m.next(item);
  const [first, second] = m.state.statements;
  return { m, item, other, norway, egypt, ecuador, first, second };
}

describe('correcting the statements log', () => {
  it('adds a correction; the original stays, the state shows the corrected view and the history', () => {
    const { m, egypt, second } = withStatements();
    const [e] = m.run({
      type: 'statements.correct',
      statementId: second.id,
      changes: { delegationId: egypt, onBehalfOf: 'African Group' },
      note: 'the floor was given to Egypt, not Ecuador',
    });
    expect(e).toMatchObject({
      type: 'StatementCorrected',
      payload: {
        statementId: second.id,
        changes: { delegationId: egypt, delegation: { category: 'state_party', names: { en: 'Egypt' } }, onBehalfOf: 'African Group' },
      },
    });
    const corrected = m.state.statements.find((s) => s.id === second.id)!;
    expect(corrected).toMatchObject({ delegationId: egypt, onBehalfOf: 'African Group', delegation: { names: { en: 'Egypt' } } });
    expect(corrected.recorded).toEqual({ ...second.recorded });
    expect(corrected.recorded.delegation?.names.en).toBe('Ecuador');
    expect(corrected.corrections).toEqual([
      {
        id: expect.any(String),
        at: m.now,
        by: SECRETARIAT.name,
        changes: expect.objectContaining({ delegationId: egypt }),
        note: 'the floor was given to Egypt, not Ecuador',
      },
    ]);
    // The ledger still holds the statement as recorded: the correction is a new event, nothing rewritten.
    const recorded = m.events.find((x) => x.type === 'StatementRecorded' && x.payload.statement.statementId === second.id)!;
    expect(recorded.type === 'StatementRecorded' && recorded.payload.statement.delegation?.names.en).toBe('Ecuador');
    expect(m.replayed()).toEqual(m.state);
  });

  it('corrections pile up, each on the view the one before left', () => {
    const { m, first, other } = withStatements();
    m.run({ type: 'statements.correct', statementId: first.id, changes: { speakerName: 'Kari Nordmann' }, note: 'name' });
    m.run({ type: 'statements.correct', statementId: first.id, changes: { itemId: other, capacity: 'right_of_reply' }, note: 'item' });
    const s = m.state.statements.find((x) => x.id === first.id)!;
    expect(s).toMatchObject({ speakerName: 'Kari Nordmann', itemId: other, capacity: 'right_of_reply' });
    expect(s.corrections.map((c) => c.note)).toEqual(['name', 'item']);
    expect(s.recorded).toMatchObject({ speakerName: null, capacity: 'statement' });
  });

  it('a corrected start or end recomputes the duration (less pauses) unless given, and may reorder the log', () => {
    const { m, first, second } = withStatements();
    const earlier = new Date(Date.parse(first.startedAt) - 60_000).toISOString();
    m.run({ type: 'statements.correct', statementId: second.id, changes: { startedAt: earlier }, note: 'clock started late' });
    const s = m.state.statements[0];
    expect(s.id).toBe(second.id);
    expect(s.durationMs).toBe(second.durationMs + Date.parse(second.startedAt) - Date.parse(earlier));
    m.run({ type: 'statements.correct', statementId: first.id, changes: { endedAt: first.startedAt, durationMs: 5_000 }, note: 'x' });
    expect(m.state.statements[1]).toMatchObject({ id: first.id, durationMs: 5_000 });
  });

  it('a statement recorded in error is voided, kept, and no longer counted', () => {
    const { m, second } = withStatements();
    m.run({ type: 'statements.correct', statementId: second.id, changes: { voided: true }, note: 'the delegation did not take the floor' });
    expect(m.state.statements.find((s) => s.id === second.id)!.voided).toBe(true);
  });

  it.each([
    { name: 'nothing changes', changes: { onBehalfOf: null }, code: 'invalid_command' },
    { name: 'no field at all', changes: {}, code: 'invalid_command' },
    { name: 'an unknown field', changes: { durationMs: 1, by: 'x' }, code: 'invalid_command' },
    { name: 'a delegation that does not exist', changes: { delegationId: 'd_nosuch001' }, code: 'not_found' },
    { name: 'an item that does not exist', changes: { itemId: 'ai_nosuch001' }, code: 'not_found' },
    { name: 'ending before it starts', changes: { endedAt: '2000-01-01T00:00:00Z' }, code: 'invalid_command' },
  ])('refuses a correction where $name', ({ changes, code }) => {
    const { m, first } = withStatements();
    expect(m.refusal({ type: 'statements.correct', statementId: first.id, changes, note: 'x' }).code).toBe(code);
  });

  it('needs a note, a statement that exists, and the secretariat', () => {
    const { m, first, norway } = withStatements();
    expect(m.refusal({ type: 'statements.correct', statementId: first.id, changes: { voided: true } }).code).toBe('invalid_command');
    expect(m.refusal({ type: 'statements.correct', statementId: 'st_nosuch001', changes: { voided: true }, note: 'x' }).code).toBe('not_found');
    for (const actor of [CHAIR, delegateOf(norway)]) {
      expect(m.refusal({ type: 'statements.correct', statementId: first.id, changes: { voided: true }, note: 'x' }, actor).code).toBe(
        'forbidden',
      );
    }
  });
});

describe('naming who speaks for a delegation', () => {
  it('the chair names the speaker from the delegation’s persons while it speaks, or types a name; the statement keeps it', () => {
    const m = new ChairTestMeeting();
    const [norway, egypt] = m.register(['state_party', '578'], ['state_party', '818']);
    const [p] = m.run({ type: 'person.register', name: 'Ingrid Berg', title: 'Ms.', function: 'representative', delegationId: norway });
    const ingrid = p.type === 'PersonRegistered' ? p.payload.person.id : '';
    const [q] = m.run({ type: 'person.register', name: 'Amr Hassan', title: 'Mr.', function: 'representative', delegationId: egypt });
    const amr = q.type === 'PersonRegistered' ? q.payload.person.id : '';
    const item = m.addItem('Implementation of the Protocol');
    m.openAndTakeUp(item);
    const n = m.request(item, norway);
    const e = m.request(item, egypt);
    m.next(item);
    expect(m.run({ type: 'speakers.name', entryId: n, personId: ingrid }, CHAIR)).toMatchObject([
      { type: 'SpeakerNamed', payload: { entryId: n, personId: ingrid, speakerName: 'Ingrid Berg' } },
    ]);
    // Once is enough: the same name again records nothing.
    expect(m.run({ type: 'speakers.name', entryId: n, personId: ingrid }, CHAIR)).toEqual([]);
    expect(m.refusal({ type: 'speakers.name', entryId: n, personId: amr }, CHAIR).message).toMatch(/another delegation/);
    expect(m.refusal({ type: 'speakers.name', entryId: n, speakerName: 'Someone' }, delegateOf(norway)).code).toBe('forbidden');
    m.next(item);
    expect(m.state.statements[0]).toMatchObject({ entryId: n, speakerName: 'Ingrid Berg', recorded: { speakerName: 'Ingrid Berg' } });
    // After the statement, typed: the log reads so from the start, not as a correction.
    m.run({ type: 'speakers.name', entryId: e, speakerName: 'H.E. Mr. Ahmed Ali' }, SECRETARIAT);
    m.next(item);
    m.run({ type: 'speakers.name', entryId: n, speakerName: 'Kari Nordmann' }, CHAIR);
    expect(m.state.statements.map((s) => [s.speakerName, s.corrections.length])).toEqual([
      ['Kari Nordmann', 0],
      ['H.E. Mr. Ahmed Ali', 0],
    ]);
    expect(m.state.speakers.entries[n]).toMatchObject({ personId: null, speakerName: 'Kari Nordmann' });
    expect(m.replayed()).toEqual(m.state);
  });

  it('a withdrawn request is not named; a panellist keeps a name', () => {
    const m = new ChairTestMeeting();
    const [norway] = m.register(['state_party', '578']);
    const item = m.addItem('Implementation of the Protocol');
    m.openAndTakeUp(item);
    const n = m.request(item, norway);
    const panel = m.request(item, norway, { kind: 'panellist', speakerName: 'Venla Roth' });
    expect(m.refusal({ type: 'speakers.name', entryId: panel }, CHAIR).message).toMatch(/by name/);
    m.run({ type: 'speakers.withdraw', entryId: n });
    expect(m.refusal({ type: 'speakers.name', entryId: n, speakerName: 'Ingrid Berg' }, CHAIR).code).toBe('not_found');
  });
});
