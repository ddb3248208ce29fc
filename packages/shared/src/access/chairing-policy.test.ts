import { describe, expect, it } from 'vitest';
import type { Actor } from '../core/context';
import { COMMAND_TYPES } from '../domain/commands';
import { parseCommand } from '../domain/parse';
import { ChairTestMeeting, CHAIR, delegateOf, SECRETARIAT, VIEWER } from '../speakers/test-support';
import { denial } from './policy';

/** Norway's delegate is "own": the requests below are Norway's. */
function setup() {
  const m = new ChairTestMeeting();
  const [norway, egypt] = m.register(['state_party', '578'], ['state_party', '818']);
  const norwayHead = m.registerPerson('Kari Nordmann', 'head', norway);
  const egyptHead = m.registerPerson('Amina Hassan', 'head', egypt);
  const item = m.addItem('Implementation of the Protocol');
  m.openAndTakeUp(item);
  const entry = m.request(item, norway);
  return { m, norway, egypt, norwayHead, egyptHead, item, entry };
}

type Ctx = ReturnType<typeof setup>;
const ACTORS = ['secretariat', 'chair', 'own delegate', 'other delegate', 'viewer'] as const;
const actors = (c: Ctx): Record<(typeof ACTORS)[number], Actor> => ({
  secretariat: SECRETARIAT,
  chair: CHAIR,
  'own delegate': delegateOf(c.norway),
  'other delegate': delegateOf(c.egypt),
  viewer: VIEWER,
});

const SECRETARIAT_ONLY = [true, false, false, false, false];
const CHAIR_AND_SECRETARIAT = [true, true, false, false, false];
const AND_OWN_DELEGATE = [true, true, true, false, false];

/** [what, command, allowed for: secretariat, chair, own delegate, other delegate, viewer] */
const ROWS: [string, (c: Ctx) => Record<string, unknown>, boolean[]][] = [
  ['open the meeting', () => ({ type: 'meeting.open' }), CHAIR_AND_SECRETARIAT],
  ['draft an item', () => ({ type: 'agenda.addItem', title: 'Other matters' }), SECRETARIAT_ONLY],
  ['change an item', (c) => ({ type: 'agenda.updateItem', itemId: c.item, plannedDate: '2010-01-28' }), SECRETARIAT_ONLY],
  ['move an item', (c) => ({ type: 'agenda.moveItem', itemId: c.item, parentId: null, before: null }), SECRETARIAT_ONLY],
  ['remove an item', (c) => ({ type: 'agenda.removeItem', itemId: c.item }), SECRETARIAT_ONLY],
  ['adopt the agenda', () => ({ type: 'agenda.adopt' }), CHAIR_AND_SECRETARIAT],
  ['amend the agenda', () => ({ type: 'agenda.amend', change: { op: 'add', title: 'Statement by the Chair' } }), CHAIR_AND_SECRETARIAT],
  ['take up an item', (c) => ({ type: 'agenda.takeUp', itemId: c.item }), CHAIR_AND_SECRETARIAT],
  ['suspend an item', (c) => ({ type: 'agenda.suspend', itemId: c.item }), CHAIR_AND_SECRETARIAT],
  ['resume an item', (c) => ({ type: 'agenda.resume', itemId: c.item }), CHAIR_AND_SECRETARIAT],
  ['close an item', (c) => ({ type: 'agenda.close', itemId: c.item }), CHAIR_AND_SECRETARIAT],
  ['ask for the floor for Norway', (c) => ({ type: 'speakers.request', itemId: c.item, delegationId: c.norway }), AND_OWN_DELEGATE],
  ['ask for the floor for oneself', (c) => ({ type: 'speakers.request', itemId: c.item }), [true, true, true, true, false]],
  [
    'raise a point of order for oneself',
    (c) => ({ type: 'speakers.request', itemId: c.item, kind: 'point_of_order' }),
    [true, true, true, true, false],
  ],
  [
    'ask for a reply for Norway',
    (c) => ({ type: 'speakers.request', itemId: c.item, kind: 'right_of_reply', delegationId: c.norway }),
    AND_OWN_DELEGATE,
  ],
  [
    'inscribe a panellist',
    (c) => ({ type: 'speakers.request', itemId: c.item, kind: 'panellist', speakerName: 'Venla Roth' }),
    CHAIR_AND_SECRETARIAT,
  ],
  [
    'name a member of Norway as speaker',
    (c) => ({ type: 'speakers.request', itemId: c.item, personId: c.norwayHead }),
    [true, true, true, false, false],
  ],
  ['withdraw Norway\'s request', (c) => ({ type: 'speakers.withdraw', entryId: c.entry }), AND_OWN_DELEGATE],
  ['remove a request', (c) => ({ type: 'speakers.remove', entryId: c.entry }), CHAIR_AND_SECRETARIAT],
  ['reorder', (c) => ({ type: 'speakers.move', entryId: c.entry, before: null }), CHAIR_AND_SECRETARIAT],
  ['close the list', (c) => ({ type: 'speakers.close', itemId: c.item }), CHAIR_AND_SECRETARIAT],
  ['reopen the list', (c) => ({ type: 'speakers.reopen', itemId: c.item }), CHAIR_AND_SECRETARIAT],
  ['set a speaking time', (c) => ({ type: 'speakers.setTime', entryId: c.entry, allowedMs: 120_000 }), CHAIR_AND_SECRETARIAT],
  ['name who speaks for the delegation', (c) => ({ type: 'speakers.name', entryId: c.entry, speakerName: 'Ingrid Berg' }), CHAIR_AND_SECRETARIAT],
  ['call the next speaker', (c) => ({ type: 'speakers.next', itemId: c.item, expectedCurrent: null }), CHAIR_AND_SECRETARIAT],
  ['give Norway the floor', (c) => ({ type: 'floor.give', entryId: c.entry, expectedCurrent: null }), CHAIR_AND_SECRETARIAT],
  ['end a statement', (c) => ({ type: 'floor.end', expectedCurrent: c.entry }), CHAIR_AND_SECRETARIAT],
  ['pause the clock', (c) => ({ type: 'floor.pause', entryId: c.entry }), CHAIR_AND_SECRETARIAT],
  ['resume the clock', (c) => ({ type: 'floor.resume', entryId: c.entry }), CHAIR_AND_SECRETARIAT],
  ['rule on a point of order', (c) => ({ type: 'speakers.rule', entryId: c.entry, ruling: 'Upheld.' }), CHAIR_AND_SECRETARIAT],
  [
    'correct a statement',
    () => ({ type: 'statements.correct', statementId: 'st_test000001', changes: { onBehalfOf: 'African Group' }, note: 'typo' }),
    SECRETARIAT_ONLY,
  ],
  ['change the rules', () => ({ type: 'rules.update', changes: { panellistsFirst: false } }), SECRETARIAT_ONLY],
  ['correct the time of the opening', () => ({ type: 'agenda.correctTime', moment: 'opening', at: '2010-01-27T09:00:00+01:00', note: 'from the notes' }), SECRETARIAT_ONLY],
  [
    'enter statements from notes',
    (c) => ({
      type: 'statements.enter',
      statements: [{ itemId: c.item, capacity: 'statement', delegationId: c.norway, speakerName: null, onBehalfOf: null, startedAt: '2010-01-27T10:00:00+01:00', endedAt: '2010-01-27T10:04:00+01:00' }],
      note: 'from the notes',
    }),
    SECRETARIAT_ONLY,
  ],
];

describe('who may chair, ask for the floor, and keep the record', () => {
  const c = setup();
  const who = actors(c);
  it.each(ROWS.flatMap(([what, make, allowed]) => ACTORS.map((actor, i) => ({ what, make, actor, allowed: allowed[i] }))))(
    '$what as $actor: $allowed',
    ({ make, actor, allowed }) => {
      const why = denial(who[actor], parseCommand(make(c)), c.m.state);
      if (allowed) expect(why).toBeNull();
      else expect(why).toEqual(expect.any(String));
    },
  );

  it('covers every chairing command', () => {
    const covered = new Set(ROWS.map(([, make]) => make(c).type));
    const chairing = COMMAND_TYPES.filter((t) => /^(meeting\.open|agenda\.|speakers\.|floor\.|statements\.|rules\.)/.test(t));
    expect(chairing.filter((t) => !covered.has(t))).toEqual([]);
  });

  it('says why, in words a delegate understands', () => {
    const norwayDelegate = who['own delegate'];
    const say = (input: Record<string, unknown>, actor = norwayDelegate) => denial(actor, parseCommand(input), c.m.state);
    expect(say({ type: 'speakers.request', itemId: c.item, delegationId: c.egypt })).toBe('a delegation asks for the floor only for itself');
    expect(say({ type: 'floor.give', entryId: c.entry, expectedCurrent: null })).toBe('only the chair (or the secretariat) gives the floor');
    expect(say({ type: 'speakers.withdraw', entryId: c.entry }, who['other delegate'])).toBe(
      'a delegation withdraws only its own requests for the floor',
    );
    expect(say({ type: 'speakers.close', itemId: c.item })).toBe('only the chair or the secretariat may speakers.close');
    expect(say({ type: 'rules.update', changes: {} }, CHAIR)).toBe('the chair may not rules.update; ask the secretariat');
  });

  it('a delegation cannot inscribe another delegation, even with the decide step reached', () => {
    const m = setup();
    expect(m.m.refusal({ type: 'speakers.request', itemId: m.item, delegationId: m.egypt }, delegateOf(m.norway)).code).toBe('forbidden');
    expect(m.m.refusal({ type: 'floor.give', entryId: m.entry, expectedCurrent: null }, delegateOf(m.norway)).code).toBe('forbidden');
    expect(m.m.refusal({ type: 'speakers.request', itemId: m.item }, VIEWER).code).toBe('forbidden');
    // A delegate code without a delegation asks for nothing.
    expect(m.m.refusal({ type: 'speakers.request', itemId: m.item }, { role: 'delegate', name: 'Stray' }).code).toBe('forbidden');
  });
});
