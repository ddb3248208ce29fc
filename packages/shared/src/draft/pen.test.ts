import { describe, expect, it } from 'vitest';
import { canReadDoc, canWriteDoc, canWriteText, denial } from '../access/policy';
import type { Actor } from '../core/context';
import { parseCommand } from '../domain/parse';
import { replay } from '../domain/evolve';
import { ADMIN, CHAIR, domainError, SECRETARIAT, TestMeeting, VIEWER } from '../domain/test-support';
import { DOC_NAME, docNameOf, parseDocName } from '../protocol/yjs';

function setup() {
  const m = new TestMeeting();
  const norway = m.registerState('578');
  const facilitatorCode = m.issueCode('delegate', norway);
  const officerCode = m.issueCode('secretariat');
  const chairCode = m.issueCode('chair');
  const viewerCode = m.issueCode('viewer');
  const facilitator: Actor = { role: 'delegate', name: 'Kari', delegationId: norway, codeId: facilitatorCode };
  const otherDelegate: Actor = { role: 'delegate', name: 'Ola', delegationId: norway, codeId: 'c_other000001' };
  const officer: Actor = { role: 'secretariat', name: 'Officer', codeId: officerCode };
  const chair: Actor = { ...CHAIR, codeId: chairCode };
  return { m, norway, facilitatorCode, officerCode, chairCode, viewerCode, facilitator, otherDelegate, officer, chair };
}

describe('the pen', () => {
  it('starts with the chair and the secretariat', () => {
    const { m, facilitator, chair } = setup();
    expect(m.state.pen).toEqual({ holder: null, since: null });
    expect(canWriteText(SECRETARIAT, m.state)).toBe(true);
    expect(canWriteText(chair, m.state)).toBe(true);
    expect(canWriteText(facilitator, m.state)).toBe(false);
    expect(canWriteText(VIEWER, m.state)).toBe(false);
    expect(canWriteText(ADMIN, m.state)).toBe(false);
  });

  it('goes to one code and only its sessions write; taken back, the chair and the secretariat write again', () => {
    const { m, facilitatorCode, facilitator, otherDelegate, chair, norway } = setup();
    const [handed] = m.run({ type: 'pen.hand', codeId: facilitatorCode }, chair);
    expect(handed).toMatchObject({
      type: 'PenHanded',
      payload: { holder: { codeId: facilitatorCode, name: 'Norway', role: 'delegate', delegationId: norway }, from: null },
    });
    expect(m.state.pen).toEqual({ holder: handed.type === 'PenHanded' && handed.payload.holder, since: m.ctx.now });
    expect(canWriteText(facilitator, m.state)).toBe(true);
    expect(canWriteText(otherDelegate, m.state)).toBe(false);
    expect(canWriteText(chair, m.state)).toBe(false);
    expect(canWriteText(SECRETARIAT, m.state)).toBe(false);

    const [back] = m.run({ type: 'pen.takeBack' }, SECRETARIAT);
    expect(back).toMatchObject({ type: 'PenTakenBack', payload: { from: { codeId: facilitatorCode } } });
    expect(m.state.pen.holder).toBeNull();
    expect(canWriteText(facilitator, m.state)).toBe(false);
    expect(canWriteText(chair, m.state)).toBe(true);
    // Replaying the ledger gives the same pen.
    expect(replay(m.events).pen).toEqual(m.state.pen);
  });

  it('names the holder by the code label, else the delegation, else the role', () => {
    const { m, officerCode, chair } = setup();
    const [labelled] = m.run({ type: 'access.issue', role: 'chair', label: 'Vice-Chair (facilitator)' });
    const labelledId = labelled.type === 'AccessCodeIssued' ? labelled.payload.code.id : '';
    m.run({ type: 'pen.hand', codeId: labelledId }, chair);
    expect(m.state.pen.holder).toEqual({ codeId: labelledId, name: 'Vice-Chair (facilitator)', role: 'chair' });
    m.run({ type: 'pen.hand', codeId: officerCode }, chair);
    expect(m.state.pen.holder).toEqual({ codeId: officerCode, name: 'Secretariat', role: 'secretariat' });
  });

  it('refuses unknown, revoked and viewer codes; handing twice or taking back an unheld pen records nothing', () => {
    const { m, viewerCode, officerCode } = setup();
    domainError(() => m.run({ type: 'pen.hand', codeId: 'c_nothere0001' }), 'not_found');
    domainError(() => m.run({ type: 'pen.hand', codeId: viewerCode }), 'invalid_state');
    m.run({ type: 'access.revoke', codeId: viewerCode });
    domainError(() => m.run({ type: 'pen.hand', codeId: viewerCode }), 'invalid_state');
    expect(m.run({ type: 'pen.takeBack' })).toEqual([]);
    m.run({ type: 'pen.hand', codeId: officerCode });
    expect(m.run({ type: 'pen.hand', codeId: officerCode })).toEqual([]);
  });

  it('comes back when the holder code is revoked, reissued, or its delegation removed', () => {
    for (const revoke of ['access.revoke', 'access.reissue', 'delegation.remove'] as const) {
      const { m, facilitatorCode, norway } = setup();
      m.run({ type: 'pen.hand', codeId: facilitatorCode });
      const events = m.run(revoke === 'delegation.remove' ? { type: revoke, delegationId: norway } : { type: revoke, codeId: facilitatorCode });
      const types = events.map((e) => e.type);
      expect(types).toContain('PenTakenBack');
      expect(types.indexOf('PenTakenBack')).toBeLessThan(types.indexOf('AccessCodeRevoked'));
      expect(events.find((e) => e.type === 'PenTakenBack')).toMatchObject({ payload: { reason: 'code_revoked' } });
      expect(m.state.pen.holder).toBeNull();
    }
  });

  it('is moved by the chair and the secretariat only', () => {
    const { m, facilitator, chair, facilitatorCode } = setup();
    const hand = parseCommand({ type: 'pen.hand', codeId: facilitatorCode });
    const back = parseCommand({ type: 'pen.takeBack' });
    for (const command of [hand, back]) {
      expect(denial(chair, command, m.state)).toBeNull();
      expect(denial(SECRETARIAT, command, m.state)).toBeNull();
      expect(denial(facilitator, command, m.state)).toEqual(expect.any(String));
      expect(denial(VIEWER, command, m.state)).toEqual(expect.any(String));
    }
  });
});

describe('documents', () => {
  it('have a closed set of names', () => {
    expect(parseDocName('recommendations')).toEqual({ kind: 'recommendations' });
    expect(parseDocName('introduction')).toEqual({ kind: 'introduction' });
    expect(parseDocName('adoption')).toEqual({ kind: 'adoption' });
    expect(parseDocName('summary:i_abcdef123456')).toEqual({ kind: 'summary', itemId: 'i_abcdef123456', part: 'discussion' });
    expect(parseDocName('summary:i_abcdef123456:introduction')).toEqual({ kind: 'summary', itemId: 'i_abcdef123456', part: 'introduction' });
    expect(parseDocName('amendment:am_abcdef123456')).toEqual({ kind: 'amendment', amendmentId: 'am_abcdef123456' });
    for (const bad of ['', 'Recommendations', 'recommendations ', 'summary:', 'summary:x', 'summary:i_abcdef123456:discussion', 'summary:i_abcdef123456:', 'summary:i_abcdef123456:other', 'm_abc/recommendations', '../x', 42, null, 'a'.repeat(100)]) {
      expect(parseDocName(bad)).toBeNull();
    }
    for (const name of ['recommendations', 'adoption', 'summary:i_abcdef123456', 'summary:i_abcdef123456:presentations', 'amendment:am_abcdef123456']) {
      expect(docNameOf(parseDocName(name)!)).toBe(name);
      expect(DOC_NAME.test(name)).toBe(true);
    }
  });

  it('are read by every participant, summaries only of items on the agenda; an amendment that does not exist by nobody', () => {
    const { m, facilitator } = setup();
    const [added] = m.run({ type: 'agenda.addItem', title: 'Other matters' });
    const itemId = added.type === 'AgendaItemAdded' ? added.payload.item.id : '';
    for (const actor of [SECRETARIAT, CHAIR, facilitator, VIEWER]) {
      expect(canReadDoc(actor, m.state, 'recommendations')).toBe(true);
      expect(canReadDoc(actor, m.state, `summary:${itemId}`)).toBe(true);
      expect(canReadDoc(actor, m.state, 'summary:i_notanitem01')).toBe(false);
      expect(canReadDoc(actor, m.state, 'nonsense')).toBe(false);
    }
    // Whose a draft is: amendments/amendments.test.ts.
    expect(canReadDoc(facilitator, m.state, 'amendment:am_abcdef123456')).toBe(false);
    expect(canReadDoc(SECRETARIAT, m.state, 'amendment:am_abcdef123456')).toBe(false);
    expect(canWriteDoc(SECRETARIAT, m.state, 'recommendations')).toBe(true);
    expect(canWriteDoc(SECRETARIAT, m.state, 'amendment:am_abcdef123456')).toBe(false);
    expect(canWriteDoc(VIEWER, m.state, 'recommendations')).toBe(false);
  });

  it('of the report are written by the secretariat only, whoever holds the pen of the recommendations', () => {
    const { m, facilitator, facilitatorCode, chair } = setup();
    const [added] = m.run({ type: 'agenda.addItem', title: 'Other matters' });
    const itemId = added.type === 'AgendaItemAdded' ? added.payload.item.id : '';
    m.run({ type: 'pen.hand', codeId: facilitatorCode }, chair);
    expect(canWriteDoc(facilitator, m.state, 'recommendations')).toBe(true);
    for (const doc of ['introduction', 'addition:attendance', `summary:${itemId}`, `summary:${itemId}:presentations`, 'adoption']) {
      expect(canReadDoc(VIEWER, m.state, doc), doc).toBe(true);
      expect(canWriteDoc(SECRETARIAT, m.state, doc), doc).toBe(true);
      for (const actor of [facilitator, CHAIR, VIEWER]) expect(canWriteDoc(actor, m.state, doc), `${actor.name}: ${doc}`).toBe(false);
    }
  });
});
