import { describe, expect, it } from 'vitest';
import { ChairTestMeeting, CHAIR, delegateOf } from '../speakers/test-support';
import { agendaInOrder, agendaLabel, subItemLetter } from './numbering';
import { buildReportSkeleton } from '../report/skeleton';

/** The provisional agenda of the model report (CTOC/COP/WG.4/2010/6, paragraph 67), shortened. */
function provisional() {
  const m = new ChairTestMeeting();
  const organizational = m.addItem('Organizational matters', { plannedDate: '2010-01-27' });
  const opening = m.addItem('Opening of the meeting', { parentId: organizational });
  const adoption = m.addItem('Adoption of the agenda and organization of work', { parentId: organizational });
  const implementation = m.addItem('Implementation of the Trafficking in Persons Protocol', {
    plannedDate: '2010-01-27',
    documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: 'Background paper prepared by the Secretariat' }],
  });
  const other = m.addItem('Other matters');
  const report = m.addItem('Adoption of the report');
  return { m, organizational, opening, adoption, implementation, other, report };
}

const outline = (m: ChairTestMeeting) => agendaInOrder(m.state.agenda).map((i) => `${i.label} ${i.title.en}`);

describe('numbering', () => {
  it.each([
    [[1], '1'],
    [[8], '8'],
    [[1, 1], '1 (a)'],
    [[1, 2], '1 (b)'],
    [[3, 26], '3 (z)'],
    [[3, 27], '3 (aa)'],
  ])('%j is %s', (path, label) => {
    expect(agendaLabel(path)).toBe(label);
  });

  it('letters sub-items', () => {
    expect([1, 2, 26, 27, 28, 52, 53].map(subItemLetter)).toEqual(['a', 'b', 'z', 'aa', 'ab', 'az', 'ba']);
  });
});

describe('drafting the provisional agenda', () => {
  it('numbers items and sub-items from their order, never typed', () => {
    const { m, implementation } = provisional();
    expect(outline(m)).toEqual([
      '1 Organizational matters',
      '1 (a) Opening of the meeting',
      '1 (b) Adoption of the agenda and organization of work',
      '2 Implementation of the Trafficking in Persons Protocol',
      '3 Other matters',
      '4 Adoption of the report',
    ]);
    expect(m.state.agenda.items[implementation]).toMatchObject({
      path: [2],
      documents: [{ symbol: 'CTOC/COP/WG.4/2010/2', title: { en: 'Background paper prepared by the Secretariat' } }],
      plannedDate: '2010-01-27',
      status: 'pending',
      periods: [],
    });
    expect(m.state.agenda.status).toBe('provisional');
  });

  it('keeps titles in six languages: the meeting\'s required, the others merged one by one', () => {
    const { m, other } = provisional();
    m.run({ type: 'agenda.updateItem', itemId: other, title: { fr: 'Questions diverses', zh: '其他事项' } });
    expect(m.state.agenda.items[other].title).toEqual({ en: 'Other matters', fr: 'Questions diverses', zh: '其他事项' });
    // A plain string is in the meeting's language; an empty language is removed.
    m.run({ type: 'agenda.updateItem', itemId: other, title: { zh: '', ar: 'مسائل أخرى' } });
    expect(m.state.agenda.items[other].title).toEqual({ en: 'Other matters', fr: 'Questions diverses', ar: 'مسائل أخرى' });
    m.run({ type: 'agenda.updateItem', itemId: other, title: 'Other business' });
    expect(m.state.agenda.items[other].title.en).toBe('Other business');
    expect(m.refusal({ type: 'agenda.updateItem', itemId: other, title: { en: '' } }).code).toBe('invalid_command');
    expect(m.refusal({ type: 'agenda.addItem', title: { fr: 'Seulement en français' } }).code).toBe('invalid_command');
    const added = m.run({ type: 'agenda.addItem', title: { en: 'Closing', ru: 'Закрытие' }, documents: [{ symbol: 'A/1', title: { en: 'Note', ar: 'مذكرة' } }] });
    expect(added[0]).toMatchObject({ payload: { item: { title: { en: 'Closing', ru: 'Закрытие' }, documents: [{ symbol: 'A/1', title: { en: 'Note', ar: 'مذكرة' } }] } } });
  });

  it('inserts before a sibling, moves, and renumbers everything after', () => {
    const { m, organizational, implementation, other, opening } = provisional();
    m.addItem('Analysis of key concepts', { before: other });
    m.run({ type: 'agenda.moveItem', itemId: implementation, parentId: null, before: null });
    m.run({ type: 'agenda.moveItem', itemId: opening, parentId: organizational, before: null });
    expect(outline(m)).toEqual([
      '1 Organizational matters',
      '1 (a) Adoption of the agenda and organization of work',
      '1 (b) Opening of the meeting',
      '2 Analysis of key concepts',
      '3 Other matters',
      '4 Adoption of the report',
      '5 Implementation of the Trafficking in Persons Protocol',
    ]);
  });

  it('makes an item a sub-item and back', () => {
    const { m, implementation, other, organizational } = provisional();
    m.run({ type: 'agenda.moveItem', itemId: other, parentId: implementation, before: null });
    expect(outline(m)).toContain('2 (a) Other matters');
    m.run({ type: 'agenda.moveItem', itemId: other, parentId: null, before: organizational });
    expect(outline(m)[0]).toBe('1 Other matters');
  });

  it('removes an item with its sub-items', () => {
    const { m, organizational } = provisional();
    m.run({ type: 'agenda.removeItem', itemId: organizational });
    expect(outline(m)).toEqual([
      '1 Implementation of the Trafficking in Persons Protocol',
      '2 Other matters',
      '3 Adoption of the report',
    ]);
    expect(Object.keys(m.state.agenda.items)).toHaveLength(3);
  });

  it('updates titles, documents and planned dates, and records nothing when nothing changes', () => {
    const { m, other } = provisional();
    m.run({ type: 'agenda.updateItem', itemId: other, title: 'Other business', plannedDate: '2010-01-29' });
    expect(m.state.agenda.items[other]).toMatchObject({ title: { en: 'Other business' }, plannedDate: '2010-01-29' });
    expect(m.run({ type: 'agenda.updateItem', itemId: other, title: 'Other business' })).toEqual([]);
    m.run({ type: 'agenda.updateItem', itemId: other, plannedDate: null });
    expect(m.state.agenda.items[other].plannedDate).toBeNull();
  });

  it.each([
    { name: 'a sub-item of a sub-item', input: (c: Ctx) => ({ type: 'agenda.addItem', title: 'x', parentId: c.opening }), code: 'invalid_command' },
    { name: 'before an item at another level', input: (c: Ctx) => ({ type: 'agenda.addItem', title: 'x', before: c.opening }), code: 'invalid_command' },
    { name: 'under an item that does not exist', input: () => ({ type: 'agenda.addItem', title: 'x', parentId: 'ai_nosuch001' }), code: 'not_found' },
    { name: 'an empty title', input: () => ({ type: 'agenda.addItem', title: '  ' }), code: 'invalid_command' },
    { name: 'a planned date that is not a date', input: () => ({ type: 'agenda.addItem', title: 'x', plannedDate: '27/01/2010' }), code: 'invalid_command' },
    { name: 'a document without symbol', input: () => ({ type: 'agenda.addItem', title: 'x', documents: [{ title: 'Paper' }] }), code: 'invalid_command' },
    { name: 'a typed number', input: () => ({ type: 'agenda.addItem', title: 'x', number: '3' }), code: 'invalid_command' },
    {
      name: 'an item with sub-items made a sub-item',
      input: (c: Ctx) => ({ type: 'agenda.moveItem', itemId: c.organizational, parentId: c.implementation, before: null }),
      code: 'invalid_command',
    },
    {
      name: 'an item its own sub-item',
      input: (c: Ctx) => ({ type: 'agenda.moveItem', itemId: c.other, parentId: c.other, before: null }),
      code: 'invalid_command',
    },
    {
      name: 'an item before itself',
      input: (c: Ctx) => ({ type: 'agenda.moveItem', itemId: c.other, parentId: null, before: c.other }),
      code: 'invalid_command',
    },
  ])('refuses $name', ({ input, code }) => {
    const c = provisional();
    expect(c.m.refusal(input(c)).code).toBe(code);
  });

  it('refuses to remove an item on which delegations wait for the floor', () => {
    const { m, other } = provisional();
    const [norway] = m.register(['state_party', '578']);
    const entry = m.request(other, norway);
    expect(m.refusal({ type: 'agenda.removeItem', itemId: other }).message).toMatch(/1 requests for the floor wait on item 3/);
    m.run({ type: 'speakers.withdraw', entryId: entry }, delegateOf(norway));
    m.run({ type: 'agenda.removeItem', itemId: other });
    expect(m.state.speakers.lists[other]).toBeUndefined();
    expect(m.state.speakers.entries[entry]).toBeUndefined();
  });
});

type Ctx = ReturnType<typeof provisional>;

describe('opening and adoption', () => {
  it('the chair opens the meeting, then gavels the agenda, which is frozen for the record', () => {
    const { m } = provisional();
    expect(m.refusal({ type: 'agenda.adopt' }, CHAIR).message).toMatch(/open the meeting/);
    m.run({ type: 'meeting.open' }, CHAIR);
    expect(m.state.opening).toEqual({ at: m.now, by: CHAIR.name });
    expect(m.refusal({ type: 'meeting.open' }, CHAIR).code).toBe('invalid_state');
    m.tick(5 * 60_000);
    const [adopted] = m.run({ type: 'agenda.adopt' }, CHAIR);
    expect(adopted.type === 'AgendaAdopted' && adopted.payload.agenda.map((l) => l.label)).toEqual(['1', '1 (a)', '1 (b)', '2', '3', '4']);
    expect(m.state.agenda.status).toBe('adopted');
    expect(m.state.agenda.adoption).toMatchObject({ at: m.now, by: CHAIR.name });
    expect(m.state.agenda.adoption!.agenda[3]).toMatchObject({ label: '2', title: { en: 'Implementation of the Trafficking in Persons Protocol' } });
    expect(m.refusal({ type: 'agenda.adopt' }, CHAIR).code).toBe('invalid_state');
  });

  it('an empty provisional agenda cannot be adopted', () => {
    const m = new ChairTestMeeting();
    m.run({ type: 'meeting.open' }, CHAIR);
    expect(m.refusal({ type: 'agenda.adopt' }, CHAIR).message).toMatch(/no items/);
  });

  it('items 1 (a) and 1 (b) are taken up before the agenda is adopted', () => {
    const { m, opening, adoption } = provisional();
    expect(m.refusal({ type: 'agenda.takeUp', itemId: opening }, CHAIR).message).toMatch(/open the meeting/);
    m.run({ type: 'meeting.open' }, CHAIR);
    m.run({ type: 'agenda.takeUp', itemId: opening }, CHAIR);
    m.run({ type: 'agenda.close', itemId: opening }, CHAIR);
    m.run({ type: 'agenda.takeUp', itemId: adoption }, CHAIR);
    m.run({ type: 'agenda.adopt' }, CHAIR);
    expect(m.state.agenda).toMatchObject({ status: 'adopted', currentItemId: adoption });
  });
});

describe('after adoption', () => {
  function adopted() {
    const c = provisional();
    c.m.run({ type: 'meeting.open' }, CHAIR);
    c.m.run({ type: 'agenda.adopt' }, CHAIR);
    return c;
  }

  it.each([
    { name: 'add', input: () => ({ type: 'agenda.addItem', title: 'x' }) },
    { name: 'move', input: (c: Ctx) => ({ type: 'agenda.moveItem', itemId: c.other, parentId: null, before: null }) },
    { name: 'remove', input: (c: Ctx) => ({ type: 'agenda.removeItem', itemId: c.other }) },
    { name: 'retitle', input: (c: Ctx) => ({ type: 'agenda.updateItem', itemId: c.other, title: 'Other business' }) },
  ])('refuses to $name directly: only by amendment', ({ input }) => {
    const c = adopted();
    expect(c.m.refusal(input(c))).toMatchObject({ code: 'invalid_state', message: expect.stringMatching(/amendment \(agenda\.amend\)/) });
  });

  it('still takes translations of an adopted title, which the adopted agenda of the report then shows', () => {
    const { m, other } = adopted();
    m.run({ type: 'agenda.updateItem', itemId: other, title: { fr: 'Questions diverses' } });
    expect(m.state.agenda.items[other].title).toEqual({ en: 'Other matters', fr: 'Questions diverses' });
    expect(m.refusal({ type: 'agenda.updateItem', itemId: other, title: { en: 'Other business', fr: 'Divers' } }).code).toBe('invalid_state');
    const list = buildReportSkeleton(m.state, 'fr').chapters[0].sections[1].blocks[1];
    expect(list.kind === 'agenda_list' && list.items.map((i) => i.ref.title)).toContain('Questions diverses');
  });

  it('still lets the secretariat add documents and plan dates (organization of work)', () => {
    const { m, other } = adopted();
    m.run({ type: 'agenda.updateItem', itemId: other, documents: [{ symbol: 'CTOC/COP/WG.4/2010/INF/1' }], plannedDate: '2010-01-29' });
    expect(m.state.agenda.items[other]).toMatchObject({ documents: [{ symbol: 'CTOC/COP/WG.4/2010/INF/1', title: {} }], plannedDate: '2010-01-29' });
    expect(m.state.agenda.amendments).toEqual([]);
  });

  it('records amendments with the item before and after, and renumbers', () => {
    const { m, other, implementation, report } = adopted();
    m.run(
      { type: 'agenda.amend', change: { op: 'add', title: 'Analysis of key concepts', before: other }, note: 'at the request of the Bureau' },
      CHAIR,
    );
    m.run({ type: 'agenda.amend', change: { op: 'update', itemId: implementation, title: 'Implementation of the Protocol' } }, CHAIR);
    m.run({ type: 'agenda.amend', change: { op: 'move', itemId: report, parentId: null, before: other } }, CHAIR);
    m.run({ type: 'agenda.amend', change: { op: 'remove', itemId: other } }, CHAIR);
    expect(outline(m)).toEqual([
      '1 Organizational matters',
      '1 (a) Opening of the meeting',
      '1 (b) Adoption of the agenda and organization of work',
      '2 Implementation of the Protocol',
      '3 Analysis of key concepts',
      '4 Adoption of the report',
    ]);
    const a = m.state.agenda.amendments;
    expect(a.map((x) => [x.change.op, x.before && `${x.before.label} ${x.before.title.en}`, x.after && `${x.after.label} ${x.after.title.en}`])).toEqual([
      ['add', null, '3 Analysis of key concepts'],
      ['update', '2 Implementation of the Trafficking in Persons Protocol', '2 Implementation of the Protocol'],
      ['move', '5 Adoption of the report', '4 Adoption of the report'],
      ['remove', '5 Other matters', null],
    ]);
    expect(a[0]).toMatchObject({ note: 'at the request of the Bureau', by: CHAIR.name, at: m.now, id: expect.any(String) });
    // The agenda as adopted stays as it was adopted.
    expect(m.state.agenda.adoption!.agenda.map((l) => l.title.en)).toContain('Other matters');
    expect(m.replayed()).toEqual(m.state);
  });

  it('refuses amendments that change nothing, before adoption, or that remove an item already considered', () => {
    const c = provisional();
    expect(c.m.refusal({ type: 'agenda.amend', change: { op: 'remove', itemId: c.other } }, CHAIR).message).toMatch(/still provisional/);
    c.m.run({ type: 'meeting.open' }, CHAIR);
    c.m.run({ type: 'agenda.adopt' }, CHAIR);
    expect(c.m.refusal({ type: 'agenda.amend', change: { op: 'update', itemId: c.other, title: 'Other matters' } }, CHAIR).code).toBe(
      'invalid_command',
    );
    c.m.run({ type: 'agenda.takeUp', itemId: c.other }, CHAIR);
    expect(c.m.refusal({ type: 'agenda.amend', change: { op: 'remove', itemId: c.other } }, CHAIR).message).toMatch(/stays in the record/);
  });
});

describe('running the items', () => {
  function running() {
    const c = provisional();
    c.m.run({ type: 'meeting.open' }, CHAIR);
    c.m.run({ type: 'agenda.adopt' }, CHAIR);
    return c;
  }

  it('takes up, suspends, resumes and closes, with the periods of consideration', () => {
    const { m, implementation } = running();
    const t0 = m.now;
    m.run({ type: 'agenda.takeUp', itemId: implementation }, CHAIR);
    expect(m.state.agenda.currentItemId).toBe(implementation);
    m.tick(60 * 60_000);
    const t1 = m.now;
    m.run({ type: 'agenda.suspend', itemId: implementation }, CHAIR);
    expect(m.state.agenda.currentItemId).toBeNull();
    expect(m.state.agenda.items[implementation].status).toBe('suspended');
    m.tick(24 * 60 * 60_000);
    const t2 = m.now;
    m.run({ type: 'agenda.resume', itemId: implementation }, CHAIR);
    m.tick(30 * 60_000);
    m.run({ type: 'agenda.close', itemId: implementation }, CHAIR);
    expect(m.state.agenda.items[implementation]).toMatchObject({
      status: 'closed',
      periods: [
        { startedAt: t0, endedAt: t1 },
        { startedAt: t2, endedAt: m.now },
      ],
    });
    expect(m.state.agenda.currentItemId).toBeNull();
    // Reopening a closed item ("the working group reverted to item 2") is a resumption.
    m.run({ type: 'agenda.resume', itemId: implementation }, CHAIR);
    expect(m.state.agenda.items[implementation].status).toBe('current');
  });

  it('taking up another item suspends the current one, recorded as such', () => {
    const { m, implementation, other } = running();
    m.run({ type: 'agenda.takeUp', itemId: implementation }, CHAIR);
    const events = m.run({ type: 'agenda.takeUp', itemId: other }, CHAIR);
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['AgendaItemSuspended', { itemId: implementation }],
      ['AgendaItemTakenUp', { itemId: other }],
    ]);
    expect(m.state.agenda.currentItemId).toBe(other);
    m.run({ type: 'agenda.resume', itemId: implementation }, CHAIR);
    expect(m.state.agenda.items[other].status).toBe('suspended');
    expect(m.state.agenda.currentItemId).toBe(implementation);
  });

  it.each([
    { name: 'take up an item already taken up', setup: ['takeUp'], command: 'agenda.takeUp' },
    { name: 'suspend an item not under consideration', setup: [], command: 'agenda.suspend' },
    { name: 'resume an item never taken up', setup: [], command: 'agenda.resume' },
    { name: 'resume the item under consideration', setup: ['takeUp'], command: 'agenda.resume' },
    { name: 'close an item never taken up', setup: [], command: 'agenda.close' },
    { name: 'close an item twice', setup: ['takeUp', 'close'], command: 'agenda.close' },
  ])('refuses to $name', ({ setup, command }) => {
    const { m, implementation } = running();
    for (const s of setup) m.run({ type: `agenda.${s}`, itemId: implementation }, CHAIR);
    expect(m.refusal({ type: command, itemId: implementation }, CHAIR).code).toBe('invalid_state');
  });

  it('refuses to leave an item while someone has the floor', () => {
    const { m, implementation, other } = running();
    const [norway] = m.register(['state_party', '578']);
    m.run({ type: 'agenda.takeUp', itemId: implementation }, CHAIR);
    m.request(implementation, norway);
    m.next(implementation);
    for (const command of [
      { type: 'agenda.takeUp', itemId: other },
      { type: 'agenda.suspend', itemId: implementation },
      { type: 'agenda.close', itemId: implementation },
    ]) {
      expect(m.refusal(command, CHAIR).message).toMatch(/has the floor/);
    }
  });

  it('closing an item lapses the requests not reached, visibly', () => {
    const { m, implementation } = running();
    const [norway, egypt] = m.register(['state_party', '578'], ['state_party', '818']);
    m.run({ type: 'agenda.takeUp', itemId: implementation }, CHAIR);
    const n = m.request(implementation, norway);
    const e = m.request(implementation, egypt, { kind: 'right_of_reply' });
    const events = m.run({ type: 'agenda.close', itemId: implementation }, CHAIR);
    expect(events.map((x) => [x.type, x.payload])).toEqual([
      ['SpeakerWithdrawn', { entryId: n, reason: 'item_closed' }],
      ['SpeakerWithdrawn', { entryId: e, reason: 'item_closed' }],
      ['AgendaItemClosed', { itemId: implementation }],
    ]);
    expect(m.state.speakers.lists[implementation].queue).toEqual([]);
  });
});
