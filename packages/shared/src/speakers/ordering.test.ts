import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../participants/categories';
import { ChairTestMeeting as TestMeeting, CHAIR, delegateOf, SECRETARIAT } from './test-support';
import { DEFAULT_PRECEDENCE, DEFAULT_RULES, type RulesPatch } from './rules';
import { classRank, entryCategory, QUEUE_GROUPS, queueGroup, ruleOrder, type OrderingContext } from './ordering';
import { SPEAKER_KINDS, type SpeakerEntry } from './model';

/**
 * A meeting with one delegation of every class, and agenda item 2 under
 * consideration. Requests are written as "Norway", "Egypt@Group of 77 and
 * China" (on behalf of a group), "Egypt!poo" / "Egypt!ror" (point of order,
 * right of reply) or "panel:Venla Roth".
 */
function meeting() {
  const m = new TestMeeting();
  const [norway, egypt, colombia, eu, iran, holySee, palestine, unicef, iom, laStrada] = m.register(
    ['state_party', '578'],
    ['state_party', '818'],
    ['state_party', '170'],
    ['reio_party', { en: 'European Union' }],
    ['signatory', '364'],
    ['observer_state', '336'],
    ['observer_entity', '275'],
    ['un_body', { en: 'UNICEF' }],
    ['igo', { en: 'IOM' }],
    ['ngo', { en: 'La Strada' }],
  );
  const ids: Record<string, string> = {
    Norway: norway,
    Egypt: egypt,
    Colombia: colombia,
    EU: eu,
    Iran: iran,
    'Holy See': holySee,
    Palestine: palestine,
    UNICEF: unicef,
    IOM: iom,
    'La Strada': laStrada,
  };
  m.addItem('Organizational matters');
  const item = m.addItem('Non-punishment and non-prosecution of victims of trafficking in persons');
  m.openAndTakeUp(item);
  const ask = (spec: string) => {
    if (spec.startsWith('panel:')) return m.request(item, undefined, { kind: 'panellist', speakerName: spec.slice(6) });
    const [who, kindCode] = spec.split('!');
    const [name, group] = who.split('@');
    const kind = kindCode === 'poo' ? 'point_of_order' : kindCode === 'ror' ? 'right_of_reply' : 'statement';
    // Delegations ask for themselves, as they would from their own devices.
    return m.request(item, undefined, { kind, ...(group ? { onBehalfOf: group } : {}) }, delegateOf(ids[name]));
  };
  return { m, item, ids, ask };
}

const NAMES: Record<string, string> = { Iran: 'Iran (Islamic Republic of)', Palestine: 'State of Palestine', EU: 'European Union' };
/** "Egypt!ror" → "Egypt [right_of_reply]", as TestMeeting.queueNames writes them. */
function shown(spec: string): string {
  if (spec.startsWith('panel:')) return `${spec.slice(6)} [panellist]`;
  const [who, kindCode] = spec.split('!');
  const name = who.split('@')[0];
  const full = NAMES[name] ?? name;
  return kindCode === 'poo' ? `${full} [point_of_order]` : kindCode === 'ror' ? `${full} [right_of_reply]` : full;
}

interface Case {
  name: string;
  rules?: RulesPatch;
  requests: string[];
  expected: string[];
  /** All requests in the same millisecond. */
  sameMillisecond?: boolean;
}

const CASES: Case[] = [
  {
    name: 'default precedence: parties (with the REIO), signatories, observer States, observer entities/UN bodies/IGOs, others',
    requests: ['La Strada', 'Holy See', 'Iran', 'UNICEF', 'Norway', 'EU', 'Palestine', 'IOM', 'Egypt'],
    expected: ['Norway', 'EU', 'Egypt', 'Iran', 'Holy See', 'UNICEF', 'Palestine', 'IOM', 'La Strada'],
  },
  {
    name: 'within a class, order of request',
    requests: ['Egypt', 'Colombia', 'Norway'],
    expected: ['Egypt', 'Colombia', 'Norway'],
  },
  {
    name: 'two requests in the same millisecond: both get a place, in the order the ledger received them',
    requests: ['Colombia', 'Egypt', 'Norway', 'UNICEF', 'IOM'],
    expected: ['Colombia', 'Egypt', 'Norway', 'UNICEF', 'IOM'],
    sameMillisecond: true,
  },
  {
    name: 'panellists of the item first, in order of request',
    requests: ['Norway', 'panel:Venla Roth', 'La Strada', 'panel:Wael Aboulmagd'],
    expected: ['panel:Venla Roth', 'panel:Wael Aboulmagd', 'Norway', 'La Strada'],
  },
  {
    name: 'panellists not first: one of no delegation comes after every class',
    rules: { panellistsFirst: false },
    requests: ['panel:Venla Roth', 'La Strada', 'Norway'],
    expected: ['Norway', 'La Strada', 'panel:Venla Roth'],
  },
  {
    name: 'a point of order goes to the front at once; several in order of request',
    requests: ['panel:Venla Roth', 'Norway', 'Egypt', 'La Strada!poo', 'Colombia!poo'],
    expected: ['La Strada!poo', 'Colombia!poo', 'panel:Venla Roth', 'Norway', 'Egypt'],
  },
  {
    name: 'rights of reply wait in their own queue, after the list, in order of request',
    requests: ['Egypt!ror', 'Holy See', 'Norway!ror', 'Norway', 'La Strada!poo'],
    expected: ['La Strada!poo', 'Norway', 'Holy See', 'Egypt!ror', 'Norway!ror'],
  },
  {
    name: 'a group statement is recorded but not preferred by default',
    requests: ['Norway', 'Iran', 'Egypt@Group of 77 and China', 'EU@European Union and its member States'],
    expected: ['Norway', 'Egypt@Group of 77 and China', 'EU@European Union and its member States', 'Iran'],
  },
  {
    name: 'group statements first when the rules say so, still in order of request among themselves',
    rules: { groupStatementsFirst: true },
    requests: ['Norway', 'Iran', 'Egypt@Group of 77 and China', 'panel:Venla Roth', 'Holy See@a cross-regional group'],
    expected: ['panel:Venla Roth', 'Egypt@Group of 77 and China', 'Holy See@a cross-regional group', 'Norway', 'Iran'],
  },
  {
    name: 'a delegation may be on the list for itself and for a group',
    requests: ['Egypt@Group of 77 and China', 'Egypt', 'Norway'],
    expected: ['Egypt@Group of 77 and China', 'Egypt', 'Norway'],
  },
  {
    name: 'precedence as one class: plain order of request',
    rules: { precedence: [[...CATEGORIES]] },
    requests: ['La Strada', 'Holy See', 'Norway', 'UNICEF'],
    expected: ['La Strada', 'Holy See', 'Norway', 'UNICEF'],
  },
  {
    name: 'custom precedence: observers before signatories',
    rules: {
      precedence: [['state_party', 'reio_party'], ['observer_state', 'observer_entity'], ['signatory'], ['un_body', 'igo_observer', 'igo', 'other_entity', 'ngo']],
    },
    requests: ['Iran', 'UNICEF', 'Palestine', 'Holy See', 'Norway'],
    expected: ['Norway', 'Palestine', 'Holy See', 'Iran', 'UNICEF'],
  },
];

describe('the order of a speakers\' list', () => {
  it.each(CASES)('$name', ({ rules, requests, expected, sameMillisecond }) => {
    const { m, item, ask } = meeting();
    if (rules) m.run({ type: 'rules.update', changes: rules });
    for (const spec of requests) {
      ask(spec);
      if (!sameMillisecond) m.tick(1_000);
    }
    expect(m.queueNames(item)).toEqual(expected.map(shown));
    // The same order on every replay of the ledger (clients rebuild it from the events).
    expect(m.replayed()).toEqual(m.state);
  });

  it('records who a group statement is on behalf of, and refuses the same request twice', () => {
    const { m, item, ids, ask } = meeting();
    const entryId = ask('Egypt@Group of 77 and China');
    expect(m.state.speakers.entries[entryId]).toMatchObject({ delegationId: ids.Egypt, onBehalfOf: 'Group of 77 and China', kind: 'statement' });
    expect(m.refusal({ type: 'speakers.request', itemId: item, onBehalfOf: 'group of 77 and china' }, delegateOf(ids.Egypt)).code).toBe(
      'already_exists',
    );
    ask('Norway');
    expect(m.refusal({ type: 'speakers.request', itemId: item }, delegateOf(ids.Norway)).message).toMatch(/Norway is already on the list/);
    // A point of order from a delegation already on the list is another matter; a second one is not.
    ask('Norway!poo');
    expect(m.refusal({ type: 'speakers.request', itemId: item, kind: 'point_of_order' }, delegateOf(ids.Norway)).code).toBe('already_exists');
  });

  it('same-millisecond requests from two clients are both placed, deterministically by ledger order', () => {
    const orders = [0, 1].map(() => {
      const { m, item, ask } = meeting();
      ask('Egypt');
      ask('Norway');
      return { m, item };
    });
    for (const { m, item } of orders) {
      expect(m.queueNames(item)).toEqual(['Egypt', 'Norway']);
      const [a, b] = m.state.speakers.lists[item].queue.map((id) => m.state.speakers.entries[id]);
      expect(a.requestedAt).toBe(b.requestedAt);
      expect(a.requestedSeq).toBeLessThan(b.requestedSeq);
    }
  });
});

describe('reordering by hand', () => {
  it('the chair\'s order overrides the rules, and later requests still respect everyone the rules put ahead', () => {
    const { m, item, ask } = meeting();
    const norway = ask('Norway');
    ask('Egypt');
    const laStrada = ask('La Strada');
    ask('Holy See');
    m.run({ type: 'speakers.move', entryId: laStrada, before: norway }, CHAIR);
    expect(m.queueNames(item)).toEqual(['La Strada', 'Norway', 'Egypt', 'Holy See']);
    expect(m.state.speakers.lists[item].manuallyOrdered).toBe(true);
    // A new State party goes after the parties already waiting, before the observer State.
    ask('Colombia');
    expect(m.queueNames(item)).toEqual(['La Strada', 'Norway', 'Egypt', 'Colombia', 'Holy See']);
    // A point of order still goes to the very front.
    ask('Iran!poo');
    expect(m.queueNames(item)[0]).toBe('Iran (Islamic Republic of) [point_of_order]');
    // A change of the rules re-sorts lists in rule order, not this one.
    m.run({ type: 'rules.update', changes: { precedence: [[...CATEGORIES]] } });
    expect(m.queueNames(item)).toEqual([
      'Iran (Islamic Republic of) [point_of_order]',
      'La Strada',
      'Norway',
      'Egypt',
      'Colombia',
      'Holy See',
    ]);
  });

  it('a change of the rules re-sorts a list in rule order', () => {
    const { m, item, ask } = meeting();
    ask('La Strada');
    ask('Norway');
    expect(m.queueNames(item)).toEqual(['Norway', 'La Strada']);
    m.run({ type: 'rules.update', changes: { precedence: [[...CATEGORIES]] } });
    expect(m.queueNames(item)).toEqual(['La Strada', 'Norway']);
  });

  it('a delegation that changes category changes class', () => {
    const { m, item, ids, ask } = meeting();
    ask('Norway');
    ask('Iran');
    m.run({ type: 'delegation.update', delegationId: ids.Iran, category: 'state_party' });
    expect(m.queueNames(item)).toEqual(['Norway', 'Iran (Islamic Republic of)']);
    m.run({ type: 'delegation.update', delegationId: ids.Norway, category: 'observer_state' });
    expect(m.queueNames(item)).toEqual(['Iran (Islamic Republic of)', 'Norway']);
  });

  it.each([
    { name: 'to the end of the list, not behind the replies', move: 'Norway', before: null, expected: ['Egypt', 'Holy See', 'Norway', 'Colombia [right_of_reply]'] },
    { name: 'before another speaker', move: 'Holy See', before: 'Norway', expected: ['Holy See', 'Norway', 'Egypt', 'Colombia [right_of_reply]'] },
  ])('moves $name', ({ move, before, expected }) => {
    const { m, item, ask } = meeting();
    const e: Record<string, string> = {};
    e.Norway = ask('Norway');
    e.Egypt = ask('Egypt');
    e['Holy See'] = ask('Holy See');
    ask('Colombia!ror');
    m.run({ type: 'speakers.move', entryId: e[move], before: before === null ? null : e[before] }, CHAIR);
    expect(m.queueNames(item)).toEqual(expected);
  });

  it('keeps points of order, the list and replies apart', () => {
    const { m, ask } = meeting();
    const norway = ask('Norway');
    const reply = ask('Egypt!ror');
    const poo = ask('Colombia!poo');
    expect(m.refusal({ type: 'speakers.move', entryId: reply, before: norway }, CHAIR).message).toMatch(/separate queues/);
    expect(m.refusal({ type: 'speakers.move', entryId: norway, before: poo }, CHAIR).code).toBe('invalid_command');
    expect(m.refusal({ type: 'speakers.move', entryId: norway, before: norway }, CHAIR).code).toBe('invalid_command');
    // Already in place: nothing to record.
    expect(m.run({ type: 'speakers.move', entryId: norway, before: null }, CHAIR)).toEqual([]);
  });
});

describe('a closed list', () => {
  const KINDS = [
    { ask: 'Norway', accepted: false },
    { ask: 'panel:Venla Roth', accepted: false },
    { ask: 'Norway!poo', accepted: true },
    { ask: 'Norway!ror', accepted: true },
  ];
  it.each(KINDS)('$ask: accepted $accepted', ({ ask: spec, accepted }) => {
    const { m, item, ask } = meeting();
    ask('Egypt');
    m.run({ type: 'speakers.close', itemId: item }, CHAIR);
    if (accepted) {
      ask(spec);
      expect(m.queueNames(item)).toContain(shown(spec));
    } else {
      let error: unknown;
      try {
        ask(spec);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({
        code: 'invalid_state',
        message: 'the list of speakers on item 2 is closed: only points of order and rights of reply are accepted',
      });
    }
  });

  it('reopens, and accepts statements again', () => {
    const { m, item, ask } = meeting();
    m.run({ type: 'speakers.close', itemId: item }, CHAIR);
    expect(m.refusal({ type: 'speakers.close', itemId: item }, CHAIR).code).toBe('invalid_state');
    m.run({ type: 'speakers.reopen', itemId: item }, CHAIR);
    ask('Norway');
    expect(m.queueNames(item)).toEqual(['Norway']);
    expect(m.refusal({ type: 'speakers.reopen', itemId: item }, CHAIR).code).toBe('invalid_state');
  });

  it('lists can be closed and opened before the item is taken up, and requests made in advance', () => {
    const m = new TestMeeting();
    const [norway] = m.register(['state_party', '578']);
    const later = m.addItem('Other matters');
    m.request(later, undefined, {}, delegateOf(norway));
    m.run({ type: 'speakers.close', itemId: later }, SECRETARIAT);
    expect(m.state.speakers.lists[later]).toMatchObject({ closed: true, queue: [expect.any(String)] });
  });
});

/** The rules' order written plainly, component by component: what ruleOrder packs into one number. */
function orderKey(ctx: OrderingContext, entry: SpeakerEntry): number[] {
  const group = QUEUE_GROUPS.indexOf(queueGroup(entry.kind));
  if (group !== 1) return [group, 0, 0, 0, entry.requestedSeq];
  const { panellistsFirst, groupStatementsFirst } = ctx.rules;
  return [
    group,
    panellistsFirst && entry.kind === 'panellist' ? 0 : 1,
    groupStatementsFirst && entry.onBehalfOf !== null ? 0 : 1,
    classRank(ctx.rules, entryCategory(ctx, entry)),
    entry.requestedSeq,
  ];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

describe('the rules\' comparator', () => {
  it('orders every pair of requests as their keys do, under every setting of the rules', () => {
    // Every kind, on behalf of a group or not, of every category and of none, at two sequence numbers.
    const delegations = Object.fromEntries(CATEGORIES.map((category) => [`d_${category}`, { category }]));
    const entries: SpeakerEntry[] = [];
    for (const kind of SPEAKER_KINDS) {
      for (const delegationId of [null, ...Object.keys(delegations)]) {
        for (const onBehalfOf of [null, 'Group of 77 and China']) {
          for (const requestedSeq of [7, 8]) entries.push({ id: `se_${entries.length}`, kind, delegationId, onBehalfOf, requestedSeq } as SpeakerEntry);
        }
      }
    }
    const precedences = [DEFAULT_PRECEDENCE, [...DEFAULT_PRECEDENCE].reverse(), [['ngo'], ['state_party']] as typeof DEFAULT_PRECEDENCE];
    let compared = 0;
    const disagreements: string[] = [];
    for (const precedence of precedences) {
      for (const panellistsFirst of [false, true]) {
        for (const groupStatementsFirst of [false, true]) {
          const ctx: OrderingContext = { rules: { ...DEFAULT_RULES, precedence, panellistsFirst, groupStatementsFirst }, delegations, speakers: { entries: {} } };
          const compare = ruleOrder(ctx);
          for (const a of entries) {
            for (const b of entries) {
              if (Math.sign(compare(a, b)) !== Math.sign(compareKeys(orderKey(ctx, a), orderKey(ctx, b)))) disagreements.push(`${a.id} against ${b.id}`);
              compared++;
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBe(12 * entries.length ** 2);
  });
});
