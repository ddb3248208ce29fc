import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../languages';
import { stateByM49 } from '../names/states';
import { createMeeting, decide } from './decide';
import { normalizeMeetingInfo } from '../meeting/info';
import { parseCommand } from './parse';
import { CHAIR, delegate, domainError, SECRETARIAT, TEST_INFO, TestMeeting, testContext, VIEWER } from './test-support';

const NORWAY = '578';
const EGYPT = '818';
const IRAN = '364';

describe('createMeeting', () => {
  it('records the details and issues a secretariat and a public code', () => {
    const events = createMeeting('m_abcdef', TEST_INFO, testContext());
    expect(events.map((e) => e.type)).toEqual(['MeetingCreated', 'AccessCodeIssued', 'AccessCodeIssued']);
    expect(events[0].payload).toEqual({ meetingId: 'm_abcdef', info: normalizeMeetingInfo(TEST_INFO) });
    expect(events[0].payload).toMatchObject({ info: { body: { en: 'Working Group on Trafficking in Persons' }, parentBody: { en: TEST_INFO.parentBody } } });
    const roles = events.flatMap((e) => (e.type === 'AccessCodeIssued' ? [e.payload.code.role] : []));
    expect(roles).toEqual(['secretariat', 'viewer']);
  });

  it('starts a state with the meeting, its two codes and nobody registered', () => {
    const m = new TestMeeting();
    expect(m.state).toMatchObject({ id: 'm_test000000', seq: 3, info: normalizeMeetingInfo(TEST_INFO), delegations: {}, persons: {} });
    expect(Object.values(m.state.codes).map((c) => [c.role, c.revokedAt])).toEqual([
      ['secretariat', undefined],
      ['viewer', undefined],
    ]);
  });
});

describe('meeting.update', () => {
  it('records only the fields that change and applies them', () => {
    const m = new TestMeeting();
    const events = m.run({ type: 'meeting.update', changes: { venue: 'Geneva', body: TEST_INFO.body } });
    expect(events).toHaveLength(1);
    expect(events[0]).toEqual(expect.objectContaining({ type: 'MeetingDetailsChanged', payload: { changes: { venue: { en: 'Geneva' } } } }));
    expect(m.state.info.venue).toEqual({ en: 'Geneva' });
    expect(m.state.info.body).toEqual({ en: TEST_INFO.body });
    expect(m.state.seq).toBe(4);
  });

  it('records nothing when nothing changes', () => {
    const m = new TestMeeting();
    expect(m.run({ type: 'meeting.update', changes: { venue: 'Vienna' } })).toEqual([]);
    expect(m.state.seq).toBe(3);
  });

  it('refuses an end date before the start date, also when only one of them changes', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'meeting.update', changes: { startDate: '2010-02-01' } }), 'invalid_command');
    domainError(() => m.run({ type: 'meeting.update', changes: { endDate: '2010-01-26' } }), 'invalid_command');
    m.run({ type: 'meeting.update', changes: { startDate: '2010-02-01', endDate: '2010-02-03' } });
    expect(m.state.info).toMatchObject({ startDate: '2010-02-01', endDate: '2010-02-03' });
  });

  it('changes the chair and the report language', () => {
    const m = new TestMeeting();
    // Plain strings given with a new language are in it; words not given yet are shown in another language meanwhile.
    const changes = { chair: { name: 'A. Chair', m49: EGYPT }, language: 'ar', body: 'الفريق العامل المعني بالاتجار بالأشخاص', title: 'تقرير', venue: 'فيينا' } as const;
    m.run({ type: 'meeting.update', changes });
    expect(m.state.info.chair).toEqual({ name: 'A. Chair', m49: EGYPT });
    expect(m.state.info.language).toBe('ar');
    expect(m.state.info.body).toEqual({ en: TEST_INFO.body, ar: 'الفريق العامل المعني بالاتجار بالأشخاص' });
  });

  it('merges words per language and refuses to empty the meeting\'s language', () => {
    const m = new TestMeeting();
    m.run({ type: 'meeting.update', changes: { title: { fr: 'Rapport', zh: '报告' } } });
    expect(m.state.info.title).toEqual({ en: TEST_INFO.title, fr: 'Rapport', zh: '报告' });
    m.run({ type: 'meeting.update', changes: { title: { zh: '' } } });
    expect(m.state.info.title).toEqual({ en: TEST_INFO.title, fr: 'Rapport' });
    domainError(() => m.run({ type: 'meeting.update', changes: { title: { en: '' } } }), 'invalid_command');
  });
});

describe('delegation.register', () => {
  it('registers a State with its UN names in the six languages', () => {
    const m = new TestMeeting();
    const [e] = m.run({ type: 'delegation.register', delegation: { category: 'signatory', m49: IRAN } });
    expect(e.type).toBe('DelegationRegistered');
    const d = m.state.delegations[(e.payload as { delegation: { id: string } }).delegation.id];
    expect(d).toMatchObject({ category: 'signatory', m49: IRAN, registeredAt: m.ctx.now });
    expect(d.names).toEqual(stateByM49(IRAN)!.names);
    expect(d.names.en).toBe('Iran (Islamic Republic of)');
    expect(Object.keys(d.names).sort()).toEqual([...LANGUAGES].sort());
  });

  it('registers an entity with the names it was given, trimmed, empty ones dropped', () => {
    const m = new TestMeeting();
    const [e] = m.run({
      type: 'delegation.register',
      delegation: { category: 'reio_party', names: { en: '  European Union ', fr: 'Union européenne', es: '   ' } },
    });
    expect(e.payload).toMatchObject({ delegation: { category: 'reio_party', names: { en: 'European Union', fr: 'Union européenne' } } });
    expect(Object.keys((e.payload as { delegation: { names: object } }).delegation.names).sort()).toEqual(['en', 'fr']);
    expect(e.payload).not.toHaveProperty('delegation.m49');
  });

  it('refuses a State that is not on the UN list (not_found)', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'delegation.register', delegation: { category: 'state_party', m49: '999' } }), 'not_found');
    expect(m.state.delegations).toEqual({});
  });

  it('refuses a State registered twice, naming the existing delegation (already_exists)', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const error = domainError(
      () => m.run({ type: 'delegation.register', delegation: { category: 'observer_state', m49: NORWAY } }),
      'already_exists',
    );
    expect(error.details).toEqual({ delegationId: norway });
    expect(error.message).toContain('Norway');
  });

  it('refuses an entity whose name in any language is already taken, ignoring case', () => {
    const m = new TestMeeting();
    m.run({ type: 'delegation.register', delegation: { category: 'igo', names: { en: 'INTERPOL', fr: 'OIPC' } } });
    domainError(
      () => m.run({ type: 'delegation.register', delegation: { category: 'igo', names: { fr: 'oipc' } } }),
      'already_exists',
    );
    // A name in a language the other did not give does not clash.
    m.run({ type: 'delegation.register', delegation: { category: 'igo', names: { es: 'OIPC' } } });
    expect(Object.keys(m.state.delegations)).toHaveLength(2);
  });
});

describe('delegation.registerMany', () => {
  it('registers every new delegation and skips those already registered or listed twice', () => {
    const m = new TestMeeting();
    m.registerState(NORWAY);
    m.run({ type: 'delegation.register', delegation: { category: 'ngo', names: { en: 'La Strada International' } } });
    const events = m.run({
      type: 'delegation.registerMany',
      delegations: [
        { category: 'state_party', m49: NORWAY },
        { category: 'state_party', m49: EGYPT },
        { category: 'signatory', m49: EGYPT },
        { category: 'ngo', names: { en: 'la strada international' } },
        { category: 'un_body', names: { en: 'UNICEF' } },
        { category: 'un_body', names: { en: 'Unicef', fr: 'UNICEF' } },
      ],
    });
    expect(events.map((e) => e.type)).toEqual(['DelegationRegistered', 'DelegationRegistered']);
    const names = Object.values(m.state.delegations).map((d) => d.names.en);
    expect(names).toEqual(['Norway', 'La Strada International', 'Egypt', 'UNICEF']);
    expect(Object.values(m.state.delegations).find((d) => d.m49 === EGYPT)!.category).toBe('state_party');
  });

  it('records nothing when every delegation is already registered', () => {
    const m = new TestMeeting();
    m.registerState(NORWAY);
    const seq = m.state.seq;
    expect(m.run({ type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: NORWAY }] })).toEqual([]);
    expect(m.state.seq).toBe(seq);
  });

  it('refuses the whole list when one State is not on the UN list', () => {
    const m = new TestMeeting();
    domainError(
      () =>
        m.run({
          type: 'delegation.registerMany',
          delegations: [
            { category: 'state_party', m49: NORWAY },
            { category: 'state_party', m49: '999' },
          ],
        }),
      'not_found',
    );
    expect(m.state.delegations).toEqual({});
  });

  it('gives every registered delegation its own id', () => {
    const m = new TestMeeting();
    const events = m.run({
      type: 'delegation.registerMany',
      delegations: ['578', '818', '250', '276'].map((m49) => ({ category: 'state_party', m49 })),
    });
    const ids = events.map((e) => (e.payload as { delegation: { id: string } }).delegation.id);
    expect(new Set(ids).size).toBe(4);
    expect(events.map((e) => e.seq)).toEqual([4, 5, 6, 7]);
  });
});

describe('delegation.update', () => {
  it('changes the category of a State within the State categories', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const [e] = m.run({ type: 'delegation.update', delegationId: norway, category: 'signatory' });
    expect(e).toMatchObject({ type: 'DelegationUpdated', payload: { delegationId: norway, category: 'signatory' } });
    expect(m.state.delegations[norway].category).toBe('signatory');
    expect(m.state.delegations[norway].names.en).toBe('Norway');
  });

  it('refuses to make a State an NGO (invalid_command)', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    domainError(() => m.run({ type: 'delegation.update', delegationId: norway, category: 'ngo' }), 'invalid_command');
    expect(m.state.delegations[norway]).toMatchObject({ category: 'state_party', names: { en: 'Norway' } });
  });

  it('gives a State the name this meeting uses in a language, keeping its M49 code; an empty name restores the UN one', () => {
    const m = new TestMeeting();
    const iran = m.registerState(IRAN);
    const un = { ...m.state.delegations[iran].names };
    m.run({ type: 'delegation.update', delegationId: iran, names: { en: 'Iran', fr: 'Iran' } });
    expect(m.state.delegations[iran]).toMatchObject({ m49: IRAN, names: { ...un, en: 'Iran', fr: 'Iran' } });
    m.run({ type: 'delegation.update', delegationId: iran, names: { en: '', ar: un.ar } });
    expect(m.state.delegations[iran].names).toEqual({ ...un, fr: 'Iran' });
    expect(m.state.delegations[iran].m49).toBe(IRAN);
  });

  it('renames an entity, refusing a name another delegation has', () => {
    const m = new TestMeeting();
    const [a] = m.run({ type: 'delegation.register', delegation: { category: 'igo', names: { en: 'IOM' } } });
    m.run({ type: 'delegation.register', delegation: { category: 'igo', names: { en: 'OSCE' } } });
    const id = (a.payload as { delegation: { id: string } }).delegation.id;
    domainError(() => m.run({ type: 'delegation.update', delegationId: id, names: { en: 'osce' } }), 'already_exists');
    m.run({ type: 'delegation.update', delegationId: id, names: { en: 'International Organization for Migration', fr: 'OIM' } });
    expect(m.state.delegations[id].names).toEqual({ en: 'International Organization for Migration', fr: 'OIM' });
    // Keeping its own name is no clash.
    m.run({ type: 'delegation.update', delegationId: id, names: { en: 'International Organization for Migration' } });
  });

  it('records nothing when nothing changes', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    expect(m.run({ type: 'delegation.update', delegationId: norway, category: 'state_party' })).toEqual([]);
  });

  it('refuses an unknown delegation (not_found)', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'delegation.update', delegationId: 'd_nosuch01', category: 'igo' }), 'not_found');
  });
});

describe('delegation.remove', () => {
  it("revokes the delegation's active codes, removes its persons, then the delegation; others untouched", () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const egypt = m.registerState(EGYPT);
    const active = m.issueCode('delegate', norway);
    const alreadyRevoked = m.issueCode('delegate', norway);
    m.run({ type: 'access.revoke', codeId: alreadyRevoked });
    const egyptCode = m.issueCode('delegate', egypt);
    const head = m.registerPerson('Ms. Head', 'head', norway);
    const adviser = m.registerPerson('Mr. Adviser', 'adviser', norway);
    const egyptian = m.registerPerson('Mr. Egypt', 'head', egypt);
    const chair = m.registerPerson('Ms. Chair', 'chair');

    const events = m.run({ type: 'delegation.remove', delegationId: norway });
    expect(events.map((e) => [e.type, e.payload])).toEqual([
      ['AccessCodeRevoked', { codeId: active }],
      ['PersonRemoved', { personId: head }],
      ['PersonRemoved', { personId: adviser }],
      ['DelegationRemoved', { delegationId: norway }],
    ]);
    expect(m.state.delegations[norway]).toBeUndefined();
    expect(m.state.delegations[egypt]).toBeDefined();
    expect(Object.keys(m.state.persons).sort()).toEqual([chair, egyptian].sort());
    expect(m.state.codes[active].revokedAt).toBe(m.ctx.now);
    expect(m.state.codes[egyptCode].revokedAt).toBeUndefined();
  });

  it('refuses an unknown delegation (not_found), also one removed already', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    m.run({ type: 'delegation.remove', delegationId: norway });
    domainError(() => m.run({ type: 'delegation.remove', delegationId: norway }), 'not_found');
  });

  it('lets the State be registered again after removal', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    m.run({ type: 'delegation.remove', delegationId: norway });
    const again = m.registerState(NORWAY);
    expect(again).not.toBe(norway);
  });
});

describe('person.register', () => {
  it('registers a member of a delegation, with the default empty title', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const [e] = m.run({ type: 'person.register', name: 'Kari Nordmann', function: 'head', delegationId: norway });
    expect(e).toMatchObject({
      type: 'PersonRegistered',
      payload: { person: { name: 'Kari Nordmann', title: {}, function: 'head', delegationId: norway } },
    });
    const id = (e.payload as { person: { id: string } }).person.id;
    expect(m.state.persons[id]).toMatchObject({ name: 'Kari Nordmann', registeredAt: m.ctx.now });
  });

  it('registers the chair, bureau and secretariat staff without a delegation', () => {
    const m = new TestMeeting();
    for (const fn of ['chair', 'vice_chair', 'rapporteur', 'secretariat', 'panellist']) m.registerPerson(`Person ${fn}`, fn);
    expect(Object.values(m.state.persons).map((p) => p.function)).toEqual(['chair', 'vice_chair', 'rapporteur', 'secretariat', 'panellist']);
  });

  it('refuses a delegation function without a delegation and secretariat staff with one (invalid_command)', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    for (const fn of ['head', 'representative', 'adviser']) {
      domainError(() => m.run({ type: 'person.register', name: 'X', function: fn }), 'invalid_command');
    }
    domainError(() => m.run({ type: 'person.register', name: 'X', function: 'secretariat', delegationId: norway }), 'invalid_command');
    expect(m.state.persons).toEqual({});
  });

  it('refuses an unknown delegation (not_found)', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'person.register', name: 'X', function: 'head', delegationId: 'd_nosuch01' }), 'not_found');
  });
});

describe('person.update', () => {
  it('changes name, title and function', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const id = m.registerPerson('Kari', 'representative', norway);
    const [e] = m.run({ type: 'person.update', personId: id, name: 'Kari Nordmann', title: 'H.E. Ms.', function: 'head' });
    expect(e).toMatchObject({ type: 'PersonUpdated', payload: { personId: id, name: 'Kari Nordmann', title: { en: 'H.E. Ms.' }, function: 'head' } });
    expect(m.state.persons[id]).toMatchObject({ name: 'Kari Nordmann', title: { en: 'H.E. Ms.' }, function: 'head', delegationId: norway });
    m.run({ type: 'person.update', personId: id, title: { fr: 'S. E. Mme', ar: 'سعادة السيدة' } });
    expect(m.state.persons[id].title).toEqual({ en: 'H.E. Ms.', fr: 'S. E. Mme', ar: 'سعادة السيدة' });
  });

  it('refuses to give a delegation function to someone without a delegation (invalid_command)', () => {
    const m = new TestMeeting();
    const id = m.registerPerson('Ms. Chair', 'chair');
    domainError(() => m.run({ type: 'person.update', personId: id, function: 'head' }), 'invalid_command');
    expect(m.state.persons[id].function).toBe('chair');
  });

  it('refuses to make a delegation member secretariat staff (invalid_command)', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const id = m.registerPerson('Kari', 'head', norway);
    domainError(() => m.run({ type: 'person.update', personId: id, function: 'secretariat' }), 'invalid_command');
  });

  it('refuses an unknown person (not_found)', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'person.update', personId: 'p_nosuch01', name: 'X' }), 'not_found');
  });
});

describe('person.remove', () => {
  it('removes the person', () => {
    const m = new TestMeeting();
    const id = m.registerPerson('Ms. Chair', 'chair');
    expect(m.run({ type: 'person.remove', personId: id })).toMatchObject([{ type: 'PersonRemoved', payload: { personId: id } }]);
    expect(m.state.persons).toEqual({});
  });

  it('refuses an unknown person (not_found), also one removed already', () => {
    const m = new TestMeeting();
    const id = m.registerPerson('Ms. Chair', 'chair');
    m.run({ type: 'person.remove', personId: id });
    domainError(() => m.run({ type: 'person.remove', personId: id }), 'not_found');
  });
});

describe('access.issue', () => {
  it('issues codes for each role; a delegate code belongs to its delegation', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const chair = m.issueCode('chair');
    const dele = m.issueCode('delegate', norway);
    const [labelled] = m.run({ type: 'access.issue', role: 'viewer', label: ' Room screen ' });
    expect(m.state.codes[chair]).toMatchObject({ role: 'chair', label: '', issuedAt: m.ctx.now });
    expect(m.state.codes[chair].delegationId).toBeUndefined();
    expect(m.state.codes[dele]).toMatchObject({ role: 'delegate', delegationId: norway });
    expect(labelled.payload).toMatchObject({ code: { role: 'viewer', label: 'Room screen' } });
  });

  it('refuses a delegate code without a delegation, or for an unknown one', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'access.issue', role: 'delegate' }), 'invalid_command');
    domainError(() => m.run({ type: 'access.issue', role: 'delegate', delegationId: 'd_nosuch01' }), 'not_found');
  });

  it('refuses a delegation on a code of another role (invalid_command)', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    for (const role of ['secretariat', 'chair', 'viewer']) {
      domainError(() => m.run({ type: 'access.issue', role, delegationId: norway }), 'invalid_command');
    }
  });
});

describe('access.revoke', () => {
  it('revokes an active code', () => {
    const m = new TestMeeting();
    const chair = m.issueCode('chair');
    expect(m.run({ type: 'access.revoke', codeId: chair })).toMatchObject([{ type: 'AccessCodeRevoked', payload: { codeId: chair } }]);
    expect(m.state.codes[chair].revokedAt).toBe(m.ctx.now);
  });

  it('refuses an unknown code (not_found) and a revoked one (invalid_state)', () => {
    const m = new TestMeeting();
    const chair = m.issueCode('chair');
    domainError(() => m.run({ type: 'access.revoke', codeId: 'c_nosuch01' }), 'not_found');
    m.run({ type: 'access.revoke', codeId: chair });
    domainError(() => m.run({ type: 'access.revoke', codeId: chair }), 'invalid_state');
  });
});

describe('access.reissue', () => {
  it('revokes the code and issues a new one for the same role, delegation and label', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const [issued] = m.run({ type: 'access.issue', role: 'delegate', delegationId: norway, label: 'Norway' });
    const old = (issued.payload as { code: { id: string } }).code.id;
    const events = m.run({ type: 'access.reissue', codeId: old });
    expect(events.map((e) => e.type)).toEqual(['AccessCodeRevoked', 'AccessCodeIssued']);
    expect(events[0].payload).toEqual({ codeId: old });
    const fresh = (events[1].payload as { code: { id: string } }).code;
    expect(fresh).toMatchObject({ role: 'delegate', delegationId: norway, label: 'Norway' });
    expect(fresh.id).not.toBe(old);
    expect(m.state.codes[old].revokedAt).toBeDefined();
    expect(m.state.codes[fresh.id].revokedAt).toBeUndefined();
  });

  it('refuses an unknown code (not_found) and a revoked one (invalid_state)', () => {
    const m = new TestMeeting();
    const chair = m.issueCode('chair');
    domainError(() => m.run({ type: 'access.reissue', codeId: 'c_nosuch01' }), 'not_found');
    m.run({ type: 'access.revoke', codeId: chair });
    domainError(() => m.run({ type: 'access.reissue', codeId: chair }), 'invalid_state');
  });

  it('refuses to reissue a code of a removed delegation (already revoked)', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const code = m.issueCode('delegate', norway);
    m.run({ type: 'delegation.remove', delegationId: norway });
    domainError(() => m.run({ type: 'access.reissue', codeId: code }), 'invalid_state');
  });
});

describe('decide', () => {
  it('asks the policy first: a refused actor gets forbidden even for a command that would fail otherwise', () => {
    const m = new TestMeeting();
    domainError(() => m.run({ type: 'delegation.remove', delegationId: 'd_nosuch01' }, VIEWER), 'forbidden');
    domainError(() => m.run({ type: 'meeting.update', changes: { venue: 'Geneva' } }, CHAIR), 'forbidden');
    domainError(() => m.run({ type: 'access.issue', role: 'chair' }, delegate('d_test000009')), 'forbidden');
  });

  it('never changes the state it is given', () => {
    const m = new TestMeeting();
    const norway = m.registerState(NORWAY);
    const person = m.registerPerson('Kari', 'head', norway);
    const code = m.issueCode('delegate', norway);
    const frozen = deepFreeze(structuredClone(m.state));
    const before = JSON.stringify(frozen);
    const ctx = testContext();
    const commands = [
      { type: 'meeting.update', changes: { venue: 'Geneva' } },
      { type: 'delegation.register', delegation: { category: 'state_party', m49: EGYPT } },
      { type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: EGYPT }] },
      { type: 'delegation.update', delegationId: norway, category: 'signatory' },
      { type: 'delegation.remove', delegationId: norway },
      { type: 'person.register', name: 'Ola', function: 'adviser', delegationId: norway },
      { type: 'person.update', personId: person, name: 'Kari N.' },
      { type: 'person.remove', personId: person },
      { type: 'access.issue', role: 'chair' },
      { type: 'access.revoke', codeId: code },
      { type: 'access.reissue', codeId: code },
    ];
    for (const c of commands) expect(decide(frozen, parseCommand(c), SECRETARIAT, ctx).length).toBeGreaterThan(0);
    expect(JSON.stringify(frozen)).toBe(before);
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
