import { describe, expect, it } from 'vitest';
import type { Actor } from '../core/context';
import { parseCommand } from '../domain/parse';
import { ADMIN, CHAIR, delegate, SECRETARIAT, TestMeeting, VIEWER } from '../domain/test-support';
import { can, denial } from './policy';

function setup() {
  const m = new TestMeeting();
  const norway = m.registerState('578');
  const egypt = m.registerState('818');
  const ownHead = m.registerPerson('Kari', 'head', norway);
  const otherHead = m.registerPerson('Ahmed', 'head', egypt);
  const chairPerson = m.registerPerson('Ms. Chair', 'chair');
  return { state: m.state, norway, egypt, ownHead, otherHead, chairPerson, me: delegate(norway) };
}

const allowed = (actor: Actor, input: Record<string, unknown>, state = setup().state) => can(actor, parseCommand(input), state);

describe('policy', () => {
  it('lets the secretariat and the admin do everything', () => {
    const { state, norway } = setup();
    for (const actor of [SECRETARIAT, ADMIN]) {
      expect(allowed(actor, { type: 'meeting.update', changes: { venue: 'Geneva' } }, state)).toBe(true);
      expect(allowed(actor, { type: 'delegation.remove', delegationId: norway }, state)).toBe(true);
      expect(allowed(actor, { type: 'access.issue', role: 'secretariat' }, state)).toBe(true);
    }
  });

  it('lets a viewer write nothing, and says why', () => {
    const { state, ownHead } = setup();
    expect(denial(VIEWER, parseCommand({ type: 'person.remove', personId: ownHead }), state)).toMatch(/own members/);
    expect(denial(VIEWER, parseCommand({ type: 'access.issue', role: 'viewer' }), state)).toMatch(/only the secretariat may access.issue/);
  });

  it('lets a delegation register, change and remove its own members', () => {
    const { state, norway, ownHead, me } = setup();
    for (const fn of ['head', 'representative', 'adviser']) {
      expect(allowed(me, { type: 'person.register', name: 'Ola', function: fn, delegationId: norway }, state)).toBe(true);
    }
    expect(allowed(me, { type: 'person.update', personId: ownHead, title: 'Ms.', function: 'representative' }, state)).toBe(true);
    expect(allowed(me, { type: 'person.remove', personId: ownHead }, state)).toBe(true);
  });

  it("refuses a delegation the members of another delegation", () => {
    const { state, egypt, otherHead, me } = setup();
    expect(allowed(me, { type: 'person.register', name: 'Ola', function: 'head', delegationId: egypt }, state)).toBe(false);
    expect(allowed(me, { type: 'person.update', personId: otherHead, name: 'X' }, state)).toBe(false);
    expect(allowed(me, { type: 'person.remove', personId: otherHead }, state)).toBe(false);
  });

  it('refuses a delegation persons outside any delegation, and bureau functions', () => {
    const { state, norway, ownHead, chairPerson, me } = setup();
    expect(allowed(me, { type: 'person.register', name: 'Ola', function: 'head' }, state)).toBe(false);
    for (const fn of ['chair', 'vice_chair', 'rapporteur', 'panellist', 'secretariat']) {
      expect(allowed(me, { type: 'person.register', name: 'Ola', function: fn, delegationId: norway }, state)).toBe(false);
      // Nor may it promote its own member to one.
      expect(allowed(me, { type: 'person.update', personId: ownHead, function: fn }, state)).toBe(false);
    }
    expect(allowed(me, { type: 'person.update', personId: chairPerson, name: 'X' }, state)).toBe(false);
    expect(allowed(me, { type: 'person.remove', personId: chairPerson }, state)).toBe(false);
  });

  it('refuses a delegation a person that does not exist (and so cannot be its own)', () => {
    const { state, me } = setup();
    expect(allowed(me, { type: 'person.remove', personId: 'p_nosuch01' }, state)).toBe(false);
  });

  it('refuses a delegate code without a delegation everything on persons', () => {
    const { state, ownHead } = setup();
    const stray: Actor = { role: 'delegate', name: 'Stray' };
    expect(allowed(stray, { type: 'person.register', name: 'Ola', function: 'head' }, state)).toBe(false);
    expect(allowed(stray, { type: 'person.remove', personId: ownHead }, state)).toBe(false);
  });

  it('gives the chair and delegates none of the secretariat commands', () => {
    const { state, norway } = setup();
    const secretariatOnly = [
      { type: 'meeting.update', changes: { venue: 'Geneva' } },
      { type: 'delegation.register', delegation: { category: 'state_party', m49: '250' } },
      { type: 'delegation.registerMany', delegations: [{ category: 'state_party', m49: '250' }] },
      { type: 'delegation.update', delegationId: norway, category: 'signatory' },
      { type: 'delegation.remove', delegationId: norway },
      { type: 'access.issue', role: 'delegate', delegationId: norway },
      { type: 'access.revoke', codeId: 'c_test000001' },
      { type: 'access.reissue', codeId: 'c_test000001' },
    ];
    for (const actor of [CHAIR, delegate(norway), VIEWER]) {
      for (const c of secretariatOnly) expect([actor.role, c.type, allowed(actor, c, state)]).toEqual([actor.role, c.type, false]);
    }
  });
});
