/**
 * The whole role × command matrix over HTTP: for every command type and every
 * kind of actor, a valid command is either carried out or refused with 403
 * forbidden and nothing written. A new command type fails this file until it
 * has a row in MATRIX.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_TYPES, type LedgerEvent } from '@gavel/shared';
import { ledgerSeq, setupMeeting, type DelegationFixture, type MeetingFixture } from '../support/fixtures';
import { TestServer } from '../support/server';

const ACTORS = ['secretariat', 'chair', 'ownDelegate', 'otherDelegate', 'viewer'] as const;
type ActorCase = (typeof ACTORS)[number];

const SECRETARIAT_ONLY: Record<ActorCase, boolean> = {
  secretariat: true,
  chair: false,
  ownDelegate: false,
  otherDelegate: false,
  viewer: false,
};
/** A delegation manages its own members; the secretariat everyone's. */
const OWN_MEMBERS: Record<ActorCase, boolean> = { ...SECRETARIAT_ONLY, ownDelegate: true };
const CHAIR_AND_SECRETARIAT: Record<ActorCase, boolean> = { ...SECRETARIAT_ONLY, chair: true };
/** A delegation asks for the floor (and withdraws) for itself; the chair and the secretariat for anyone. */
const OWN_DELEGATION: Record<ActorCase, boolean> = { ...CHAIR_AND_SECRETARIAT, ownDelegate: true };

interface Row {
  /** Who may run the command. */
  allowed: Record<ActorCase, boolean>;
  /**
   * A valid command of this type aimed at `target` (the actor's own delegation,
   * or for otherDelegate the other one). It may first bring the fresh meeting
   * into the state the command needs, through `fixture.secretariat`.
   */
  command(target: DelegationFixture, fixture: MeetingFixture): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** Who may run what. Every command type must have a row: add one with each new command. */
const MATRIX: Record<string, Row> = {
  'meeting.update': { allowed: SECRETARIAT_ONLY, command: () => ({ changes: { venue: 'Geneva', symbol: 'CTOC/COP/WG.4/2027/7' } }) },
  'delegation.register': { allowed: SECRETARIAT_ONLY, command: () => ({ delegation: { category: 'state_party', m49: '250' } }) },
  'delegation.registerMany': {
    allowed: SECRETARIAT_ONLY,
    command: () => ({
      delegations: [
        { category: 'signatory', m49: '276' },
        { category: 'ngo', names: { en: 'La Strada International' } },
      ],
    }),
  },
  'delegation.update': { allowed: SECRETARIAT_ONLY, command: (t) => ({ delegationId: t.delegationId, category: 'signatory' }) },
  'delegation.remove': { allowed: SECRETARIAT_ONLY, command: (t) => ({ delegationId: t.delegationId }) },
  'person.register': {
    allowed: OWN_MEMBERS,
    command: (t) => ({ name: 'Ola Nordmann', title: 'Mr.', function: 'adviser', delegationId: t.delegationId }),
  },
  'person.update': { allowed: OWN_MEMBERS, command: (t) => ({ personId: t.personId, title: 'H.E. Ms.', function: 'representative' }) },
  'person.remove': { allowed: OWN_MEMBERS, command: (t) => ({ personId: t.personId }) },
  'access.issue': { allowed: SECRETARIAT_ONLY, command: (t) => ({ role: 'delegate', delegationId: t.delegationId, label: 'Adviser' }) },
  'access.issueMany': {
    allowed: SECRETARIAT_ONLY,
    command: (t) => ({ codes: [{ role: 'delegate', delegationId: t.delegationId, label: 'Adviser' }, { role: 'viewer', label: 'Public' }] }),
  },
  'access.revoke': { allowed: SECRETARIAT_ONLY, command: (t) => ({ codeId: t.spareCode.codeId }) },
  'access.reissue': { allowed: SECRETARIAT_ONLY, command: (t) => ({ codeId: t.spareCode.codeId }) },

  // Chairing: the chair runs the meeting, the floor and the lists; the secretariat drafts, sets the rules and corrects the record.
  'meeting.open': { allowed: CHAIR_AND_SECRETARIAT, command: () => ({}) },
  'agenda.addItem': { allowed: SECRETARIAT_ONLY, command: () => ({ title: 'Other matters', plannedDate: '2027-01-28' }) },
  'agenda.updateItem': { allowed: SECRETARIAT_ONLY, command: async (_t, f) => ({ itemId: await addItem(f), title: 'Other business' }) },
  'agenda.moveItem': { allowed: SECRETARIAT_ONLY, command: async (_t, f) => ({ itemId: await addItem(f), parentId: null, before: null }) },
  'agenda.removeItem': { allowed: SECRETARIAT_ONLY, command: async (_t, f) => ({ itemId: await addItem(f) }) },
  'agenda.adopt': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      await addItem(f);
      await as(f, { type: 'meeting.open' });
      return {};
    },
  },
  'agenda.amend': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      await addItem(f);
      await as(f, { type: 'meeting.open' });
      await as(f, { type: 'agenda.adopt' });
      return { change: { op: 'add', title: 'Statement by the Chair' }, note: 'at the request of the Bureau' };
    },
  },
  'agenda.takeUp': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      const itemId = await addItem(f);
      await as(f, { type: 'meeting.open' });
      return { itemId };
    },
  },
  'agenda.suspend': { allowed: CHAIR_AND_SECRETARIAT, command: async (_t, f) => ({ itemId: await itemUnderConsideration(f) }) },
  'agenda.resume': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      const itemId = await itemUnderConsideration(f);
      await as(f, { type: 'agenda.suspend', itemId });
      return { itemId };
    },
  },
  'agenda.close': { allowed: CHAIR_AND_SECRETARIAT, command: async (_t, f) => ({ itemId: await itemUnderConsideration(f) }) },
  /** For the target delegation: a delegate for its own, not for another. */
  'speakers.request': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => ({ itemId: await itemUnderConsideration(f), delegationId: t.delegationId }),
  },
  'speakers.withdraw': { allowed: OWN_DELEGATION, command: async (t, f) => ({ entryId: (await inscribed(f, t)).entryId }) },
  'speakers.remove': { allowed: CHAIR_AND_SECRETARIAT, command: async (t, f) => ({ entryId: (await inscribed(f, t)).entryId }) },
  'speakers.move': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => {
      const { itemId, entryId } = await inscribed(f, t);
      const second = t === f.own ? f.other : f.own;
      await as(f, { type: 'speakers.request', itemId, delegationId: second.delegationId });
      return { entryId, before: null };
    },
  },
  'speakers.close': { allowed: CHAIR_AND_SECRETARIAT, command: async (_t, f) => ({ itemId: await itemUnderConsideration(f) }) },
  'speakers.reopen': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      const itemId = await itemUnderConsideration(f);
      await as(f, { type: 'speakers.close', itemId });
      return { itemId };
    },
  },
  'speakers.setTime': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => ({ entryId: (await inscribed(f, t)).entryId, allowedMs: 120_000 }),
  },
  /** Who speaks for the delegation: the chair records it from the room. */
  'speakers.name': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => ({ entryId: (await inscribed(f, t)).entryId, speakerName: 'Ms. Ingrid Berg' }),
  },
  /** A delegation never gives the floor, not even to itself. */
  'speakers.next': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => ({ itemId: (await inscribed(f, t)).itemId, expectedCurrent: null }),
  },
  'floor.give': { allowed: CHAIR_AND_SECRETARIAT, command: async (t, f) => ({ entryId: (await inscribed(f, t)).entryId, expectedCurrent: null }) },
  'floor.end': { allowed: CHAIR_AND_SECRETARIAT, command: async (t, f) => ({ expectedCurrent: await onTheFloor(f, t) }) },
  'floor.pause': { allowed: CHAIR_AND_SECRETARIAT, command: async (t, f) => ({ entryId: await onTheFloor(f, t) }) },
  'floor.resume': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => {
      const entryId = await onTheFloor(f, t);
      await as(f, { type: 'floor.pause', entryId });
      return { entryId };
    },
  },
  'speakers.rule': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => ({ entryId: await onTheFloor(f, t, 'point_of_order'), ruling: 'The point of order is not upheld.' }),
  },
  'statements.correct': {
    allowed: SECRETARIAT_ONLY,
    command: async (t, f) => {
      const entryId = await onTheFloor(f, t);
      const [statement] = await as(f, { type: 'floor.end', expectedCurrent: entryId });
      return { statementId: statement.payload.statement.statementId, changes: { onBehalfOf: 'African Group' }, note: 'missed at the time' };
    },
  },
  'agenda.correctTime': {
    allowed: SECRETARIAT_ONLY,
    command: async (_t, f) => {
      await addItem(f);
      await as(f, { type: 'meeting.open' });
      return { moment: 'opening', at: '2027-01-27T09:00:00+01:00', note: 'opened at 10:00 by the conference room clock' };
    },
  },
  'statements.enter': {
    allowed: SECRETARIAT_ONLY,
    command: async (t, f) => ({
      statements: [
        {
          itemId: await addItem(f),
          capacity: 'statement',
          delegationId: t.delegationId,
          speakerName: null,
          onBehalfOf: null,
          startedAt: '2027-01-27T10:05:00+01:00',
          endedAt: '2027-01-27T10:09:00+01:00',
        },
      ],
      note: 'from the summary notes of the first meeting',
    }),
  },
  'rules.update': { allowed: SECRETARIAT_ONLY, command: () => ({ changes: { speakingTimeMs: { statement: 240_000 } } }) },

  // The pen on the negotiated texts: the chair or the secretariat hands it to a code and takes it back.
  'pen.hand': { allowed: CHAIR_AND_SECRETARIAT, command: (t) => ({ codeId: t.spareCode.codeId }) },
  'pen.takeBack': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (t, f) => {
      await as(f, { type: 'pen.hand', codeId: t.spareCode.codeId });
      return {};
    },
  },

  // Paragraph statuses on the negotiated text: the chair (or the secretariat) sets them and reopens an adopted paragraph.
  'paragraph.setStatus': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: () => ({ doc: 'recommendations', paragraphIds: ['p_matrix00050'], status: 'agreed_ad_ref' }),
  },
  'paragraph.reopen': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      await as(f, { type: 'paragraph.setStatus', doc: 'recommendations', paragraphIds: ['p_matrix00050'], status: 'adopted' });
      return { doc: 'recommendations', paragraphId: 'p_matrix00050', reason: 'At the request of Egypt' };
    },
  },

  // What the room screen shows: the chair (or the secretariat) switches it.
  'screen.show': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: () => ({ mode: 'text', paragraphId: 'p_matrix00050' }),
  },
  'screen.message': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: () => ({ screen: '2', message: { kind: 'suspended_until', time: '15:00' } }),
  },

  // The negotiation. A delegation acts for itself (the target: the actor's own, or for otherDelegate the other one);
  // the chair and the secretariat record for a delegation they name, and decide.
  'amendments.configure': { allowed: SECRETARIAT_ONLY, command: () => ({ objectCategories: ['state_party'] }) },
  'amendment.start': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => ({ doc: 'recommendations', kind: 'change', paragraphId: await firstParagraph(f), delegationId: t.delegationId }),
  },
  /** Drafts typed by the secretariat for the target delegation (an oral amendment): the delegation or the chair may table them. */
  'amendment.table': { allowed: OWN_DELEGATION, command: async (t, f) => ({ amendmentId: await floorDraft(f, t) }) },
  'amendment.revise': { allowed: OWN_DELEGATION, command: async (t, f) => ({ amendmentId: await tabled(f, t), note: 'Second thoughts.' }) },
  'amendment.withdraw': { allowed: OWN_DELEGATION, command: async (t, f) => ({ amendmentId: await tabled(f, t) }) },
  /** On the other delegation's amendment, for the target delegation. */
  'amendment.cosponsor': { allowed: OWN_DELEGATION, command: async (t, f) => ({ amendmentId: await tabled(f, otherOf(f, t)), delegationId: t.delegationId }) },
  'amendment.support': { allowed: OWN_DELEGATION, command: async (t, f) => ({ amendmentId: await tabled(f, otherOf(f, t)), delegationId: t.delegationId }) },
  'amendment.object': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => ({ amendmentId: await tabled(f, otherOf(f, t)), reason: 'Too strong.', delegationId: t.delegationId }),
  },
  'amendment.retract': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => {
      const amendmentId = await tabled(f, otherOf(f, t));
      await as(f, { type: 'amendment.support', amendmentId, delegationId: t.delegationId });
      return { amendmentId, delegationId: t.delegationId };
    },
  },
  'amendment.decide': { allowed: CHAIR_AND_SECRETARIAT, command: async (t, f) => ({ amendmentId: await tabled(f, t), outcome: 'reject', expectedVersion: 1 }) },
  'bracket.hold': { allowed: OWN_DELEGATION, command: async (t, f) => ({ bracketId: await bracket(f, otherOf(f, t)), delegationId: t.delegationId }) },
  /** The proposer holds its own bracket. */
  'bracket.release': { allowed: OWN_DELEGATION, command: async (t, f) => ({ bracketId: await bracket(f, t), delegationId: t.delegationId }) },
  'bracket.lift': { allowed: CHAIR_AND_SECRETARIAT, command: async (t, f) => ({ bracketId: await bracket(f, t), keep: 1 }) },
  'objection.raise': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => ({ doc: 'recommendations', paragraphId: await firstParagraph(f), reason: 'Cannot join consensus.', delegationId: t.delegationId }),
  },
  'objection.withdraw': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => {
      const paragraphId = await firstParagraph(f);
      await as(f, { type: 'objection.raise', doc: 'recommendations', paragraphId, reason: 'Cannot join consensus.', delegationId: t.delegationId });
      return { doc: 'recommendations', paragraphId, delegationId: t.delegationId };
    },
  },
  'position.record': {
    allowed: OWN_DELEGATION,
    command: async (t, f) => ({ doc: 'recommendations', paragraphId: await firstParagraph(f), kind: 'explanation', text: 'For the record.', delegationId: t.delegationId }),
  },
  'adoption.decide': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => ({ doc: 'recommendations', paragraphIds: [await firstParagraph(f)], outcome: 'agreed_ad_ref' }),
  },

  // The report: the secretariat lays it out; the working group adopts it when the chair gavels (the secretariat may record it).
  'report.configure': { allowed: SECRETARIAT_ONLY, command: () => ({ documentation: true }) },
  'report.adopt': { allowed: CHAIR_AND_SECRETARIAT, command: () => ({ date: '2027-01-29' }) },
  'report.reopen': {
    allowed: CHAIR_AND_SECRETARIAT,
    command: async (_t, f) => {
      await as(f, { type: 'report.adopt' });
      return { reason: 'Adopted on the wrong day' };
    },
  },
};

/** The first paragraph of the meeting's draft recommendations (which the server starts with one empty paragraph). */
async function firstParagraph(f: MeetingFixture): Promise<string> {
  await f.secretariat.request('POST', `/api/meetings/${f.meetingId}/drafts/recommendations/start`);
  const res = await f.secretariat.request('GET', `/api/meetings/${f.meetingId}/drafts/recommendations`);
  return res.body.paragraphs[0].id;
}

const otherOf = (f: MeetingFixture, t: DelegationFixture) => (t === f.own ? f.other : f.own);

/** A draft the secretariat typed for `t` (an oral amendment to the first paragraph). */
async function floorDraft(f: MeetingFixture, t: DelegationFixture): Promise<string> {
  const paragraphId = await firstParagraph(f);
  const [started] = await as(f, { type: 'amendment.start', doc: 'recommendations', kind: 'change', paragraphId, text: 'Matrix words.', delegationId: t.delegationId });
  return started.payload.amendmentId;
}

/** `t`'s amendment, tabled. */
async function tabled(f: MeetingFixture, t: DelegationFixture): Promise<string> {
  const amendmentId = await floorDraft(f, t);
  await as(f, { type: 'amendment.table', amendmentId });
  return amendmentId;
}

/** A bracket in the text proposed by `t`. */
async function bracket(f: MeetingFixture, t: DelegationFixture): Promise<string> {
  const amendmentId = await tabled(f, t);
  const events = await as(f, { type: 'amendment.decide', amendmentId, outcome: 'bracket', expectedVersion: 1 });
  return events.find((e) => e.type === 'BracketPlaced').payload.bracketId;
}

/** Runs a command as the fixture's secretariat, which must succeed; its events. */
async function as(f: MeetingFixture, command: Record<string, unknown>): Promise<any[]> {
  const res = await f.secretariat.command(f.meetingId, command);
  if (res.status !== 200) throw new Error(`${String(command.type)}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.events;
}

async function addItem(f: MeetingFixture): Promise<string> {
  const [added] = await as(f, { type: 'agenda.addItem', title: 'Implementation of the Protocol' });
  return added.payload.item.id;
}

/** An item of an open meeting, with its agenda adopted, taken up. */
async function itemUnderConsideration(f: MeetingFixture): Promise<string> {
  const itemId = await addItem(f);
  await as(f, { type: 'meeting.open' });
  await as(f, { type: 'agenda.adopt' });
  await as(f, { type: 'agenda.takeUp', itemId });
  return itemId;
}

/** The target delegation on the list of the item under consideration. */
async function inscribed(f: MeetingFixture, t: DelegationFixture, kind = 'statement') {
  const itemId = await itemUnderConsideration(f);
  const [e] = await as(f, { type: 'speakers.request', itemId, delegationId: t.delegationId, kind });
  return { itemId, entryId: e.payload.entry.id as string };
}

/** The target delegation with the floor; its entry id. */
async function onTheFloor(f: MeetingFixture, t: DelegationFixture, kind = 'statement'): Promise<string> {
  const { entryId } = await inscribed(f, t, kind);
  await as(f, { type: 'floor.give', entryId, expectedCurrent: null });
  return entryId;
}

let server: TestServer;
beforeAll(async () => {
  // Every cell signs in on a fresh meeting: keep the sign-in limit out of the way.
  server = await TestServer.start();
});
afterAll(() => server.stop());

async function actorFor(fixture: MeetingFixture, actor: ActorCase) {
  const { meetingId } = fixture;
  switch (actor) {
    case 'secretariat':
      return fixture.secretariat;
    case 'chair':
      return server.signIn(meetingId, fixture.chairCode.code, 'Chair');
    case 'ownDelegate':
    case 'otherDelegate':
      return server.signIn(meetingId, fixture.own.code.code, 'Delegate of Norway');
    case 'viewer':
      return server.signIn(meetingId, fixture.viewerCode, 'Member of the public');
  }
}

describe('the role × command matrix', () => {
  it('has a row for every command type, and only for command types', () => {
    const missing = COMMAND_TYPES.filter((t) => !MATRIX[t]);
    expect(missing, 'add these command types to MATRIX in role-matrix.test.ts').toEqual([]);
    expect(Object.keys(MATRIX).filter((t) => !(COMMAND_TYPES as string[]).includes(t))).toEqual([]);
    for (const row of Object.values(MATRIX)) expect(Object.keys(row.allowed).sort()).toEqual([...ACTORS].sort());
  });

  describe.each(COMMAND_TYPES)('%s', (type) => {
    it.each(ACTORS)(`as %s`, async (actor) => {
      const allowed = MATRIX[type]?.allowed[actor];
      expect(allowed, `no expectation for ${type} as ${actor} in MATRIX`).toBeTypeOf('boolean');
      const fixture = await setupMeeting(server);
      const { meetingId } = fixture;
      const target = actor === 'otherDelegate' ? fixture.other : fixture.own;
      const command = { type, ...(await MATRIX[type].command(target, fixture)) };
      const client = await actorFor(fixture, actor);
      const before = await ledgerSeq(server, meetingId);

      const res = await client.command(meetingId, command);

      if (allowed) {
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body.ok).toBe(true);
        const events: LedgerEvent[] = res.body.events;
        expect(events.length).toBeGreaterThan(0);
        // Recorded, numbered after what was there, and stamped with who the session is.
        expect(await ledgerSeq(server, meetingId)).toBe(before + events.length);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => before + i + 1));
        expect(await server.gavel.store.readEvents(meetingId, before)).toEqual(events);
        for (const e of events) {
          expect(e.actor).toMatchObject({ role: client.session.role, name: client.session.name, codeId: client.session.codeId });
          expect(e.actor.delegationId).toBe(client.session.delegationId);
        }
      } else {
        expect(res.status, JSON.stringify(res.body)).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
        expect(res.body.error.message).toBeTruthy();
        expect(await ledgerSeq(server, meetingId)).toBe(before);
        // The same command is valid: the secretariat may run it. So the role, not the payload, was refused.
        const control = await fixture.secretariat.command(meetingId, command);
        expect(control.status, JSON.stringify(control.body)).toBe(200);
        expect(await ledgerSeq(server, meetingId)).toBeGreaterThan(before);
      }
    });
  });
});

describe('beyond the matrix', () => {
  let fixture: MeetingFixture;
  beforeAll(async () => {
    fixture = await setupMeeting(server);
  });

  it('refuses a session of one meeting in another meeting, writing nothing there', async () => {
    const otherMeeting = await setupMeeting(server);
    const before = await ledgerSeq(server, otherMeeting.meetingId);
    const res = await fixture.secretariat.command(otherMeeting.meetingId, { type: 'meeting.update', changes: { venue: 'Geneva' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    const read = await fixture.secretariat.request('GET', `/api/meetings/${otherMeeting.meetingId}/state`);
    expect(read.status).toBe(403);
    expect(await ledgerSeq(server, otherMeeting.meetingId)).toBe(before);
  });

  it('refuses a command without a session (401 unauthenticated), writing nothing', async () => {
    const before = await ledgerSeq(server, fixture.meetingId);
    const anonymous = await server.anonymous().command(fixture.meetingId, { type: 'meeting.update', changes: { venue: 'Geneva' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthenticated');
    const forged = server.anonymous();
    forged.token = 'not-a-token';
    expect((await forged.command(fixture.meetingId, { type: 'meeting.update', changes: { venue: 'Geneva' } })).status).toBe(401);
    expect(await ledgerSeq(server, fixture.meetingId)).toBe(before);
  });

  it('does not let a delegate promote its own member to the bureau, or register one outside the delegation', async () => {
    const delegate = await server.signIn(fixture.meetingId, fixture.own.code.code, 'Delegate');
    const before = await ledgerSeq(server, fixture.meetingId);
    const attempts = [
      { type: 'person.update', personId: fixture.own.personId, function: 'chair' },
      { type: 'person.update', personId: fixture.own.personId, function: 'secretariat' },
      { type: 'person.register', name: 'X', function: 'vice_chair', delegationId: fixture.own.delegationId },
      { type: 'person.register', name: 'X', function: 'rapporteur' },
    ];
    for (const command of attempts) {
      const res = await delegate.command(fixture.meetingId, command);
      expect([command, res.status, res.body.error?.code]).toEqual([command, 403, 'forbidden']);
    }
    expect(await ledgerSeq(server, fixture.meetingId)).toBe(before);
  });

  it('stamps the actor from the session and refuses one given in the payload', async () => {
    const delegate = await server.signIn(fixture.meetingId, fixture.own.code.code, 'Kari');
    const before = await ledgerSeq(server, fixture.meetingId);
    const forged = await delegate.command(fixture.meetingId, {
      type: 'person.register',
      name: 'Ola',
      function: 'adviser',
      delegationId: fixture.own.delegationId,
      actor: { role: 'secretariat', name: 'Someone else' },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('invalid_command');
    expect(await ledgerSeq(server, fixture.meetingId)).toBe(before);
    const honest = await delegate.command(fixture.meetingId, {
      type: 'person.register',
      name: 'Ola',
      function: 'adviser',
      delegationId: fixture.own.delegationId,
    });
    expect(honest.status).toBe(200);
    expect(honest.body.events[0].actor).toEqual({
      role: 'delegate',
      name: 'Kari',
      delegationId: fixture.own.delegationId,
      codeId: fixture.own.code.codeId,
    });
  });
});
