import { requireItem } from '../agenda/numbering';
import type { Actor, DecideContext } from '../core/context';
import { fail } from '../core/errors';
import type { DomainEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { delegationName } from '../participants/names';
import { floorElapsedMs, floorPausedMs } from './clock';
import type { SpeakersCommand } from './commands';
import type { NewSpeakerEntry, RecordedStatement } from './events';
import type { Floor, FloorTurn, SpeakerEntry, StatementFacts, WithdrawReason } from './model';
import { queueGroup } from './ordering';
import { decideEntered } from './entered';
import { applyRulesPatch, entryAllowedMs } from './rules';
import { floorTurns, nextAct } from './views';

/** Decides the commands on speakers' lists, the floor and its clock, the statements log and the rules. */
export function decideSpeakers(state: MeetingState, command: SpeakersCommand, actor: Actor, ctx: DecideContext): DomainEvent[] {
  switch (command.type) {
    case 'speakers.request':
      return [{ type: 'SpeakerInscribed', payload: { entry: checkRequest(state, command, actor, ctx) } }];
    case 'speakers.withdraw':
    case 'speakers.remove': {
      const entry = requirePending(state, command.entryId);
      const reason: WithdrawReason = command.type === 'speakers.withdraw' ? 'withdrawn' : 'removed';
      return [{ type: 'SpeakerWithdrawn', payload: { entryId: entry.id, reason } }];
    }
    case 'speakers.move': {
      const entry = requirePending(state, command.entryId);
      const queue = state.speakers.lists[entry.itemId].queue;
      if (command.before !== null) {
        if (command.before === entry.id) fail('invalid_command', 'a speaker cannot be moved before itself');
        const before = requirePending(state, command.before);
        if (before.itemId !== entry.itemId) fail('invalid_command', 'both requests must be on the same list');
        if (queueGroup(before.kind) !== queueGroup(entry.kind)) {
          fail('invalid_command', 'points of order, the list and rights of reply are separate queues: move within one');
        }
      }
      const sameGroup = queue.filter((id) => queueGroup(state.speakers.entries[id].kind) === queueGroup(entry.kind));
      const at = sameGroup.indexOf(entry.id);
      const unchanged = command.before === null ? at === sameGroup.length - 1 : sameGroup[at + 1] === command.before;
      return unchanged ? [] : [{ type: 'SpeakerMoved', payload: { entryId: entry.id, before: command.before } }];
    }
    case 'speakers.close':
    case 'speakers.reopen': {
      const item = requireItem(state.agenda, command.itemId);
      const closed = state.speakers.lists[item.id]?.closed ?? false;
      if (command.type === 'speakers.close') {
        if (closed) fail('invalid_state', `the list of speakers on item ${item.label} is already closed`);
        return [{ type: 'SpeakersListClosed', payload: { itemId: item.id } }];
      }
      if (!closed) fail('invalid_state', `the list of speakers on item ${item.label} is open`);
      if (item.status === 'closed') fail('invalid_state', `item ${item.label} is closed`);
      return [{ type: 'SpeakersListReopened', payload: { itemId: item.id } }];
    }
    case 'speakers.setTime': {
      const entry = requireEntry(state, command.entryId);
      if (entry.status !== 'pending' && entry.status !== 'speaking') fail('invalid_state', 'that speaker is no longer on the list');
      if (entry.allowedMs === command.allowedMs) return [];
      return [{ type: 'SpeakerTimeSet', payload: { entryId: entry.id, allowedMs: command.allowedMs } }];
    }
    case 'speakers.next': {
      const item = requireItem(state.agenda, command.itemId);
      if (state.agenda.currentItemId !== item.id) fail('invalid_state', `item ${item.label} is not under consideration`);
      checkExpected(state, command.expectedCurrent);
      const floor = state.floor;
      const act = nextAct(state, item.id);
      switch (act?.kind) {
        case 'point_of_order':
          // A statement is held, not ended; a point of order in progress ends (whoever it holds stays held).
          if (!floor || floor.kind !== 'point_of_order') return [giveFloor(state, act.entry, command.allowedMs, floor !== null)];
          return [recordStatement(state, floor, ctx), giveFloor(state, act.entry, command.allowedMs, floor.interrupted !== null)];
        case 'give_back':
          return [recordStatement(state, floor!, ctx)];
        case 'next':
          return [...(floor ? endAll(state, floor, ctx) : []), giveFloor(state, act.entry, command.allowedMs, false)];
        case undefined:
          if (!floor) fail('invalid_state', `nobody is waiting for the floor on item ${item.label}`);
          return [recordStatement(state, floor, ctx)];
      }
      break;
    }
    case 'floor.give': {
      const entry = requirePending(state, command.entryId);
      if (state.agenda.currentItemId !== entry.itemId) {
        fail('invalid_state', `item ${state.agenda.items[entry.itemId]?.label ?? ''} is not under consideration; take it up first`);
      }
      checkExpected(state, command.expectedCurrent);
      const floor = state.floor;
      if (!floor) return [giveFloor(state, entry, command.allowedMs, false)];
      if (entry.kind === 'point_of_order') {
        // A point of order interrupts a statement; it ends another point of order.
        if (floor.kind !== 'point_of_order') return [giveFloor(state, entry, command.allowedMs, true)];
        return [recordStatement(state, floor, ctx), giveFloor(state, entry, command.allowedMs, floor.interrupted !== null)];
      }
      if (command.hold) return [giveFloor(state, entry, command.allowedMs, true)];
      return [...endAll(state, floor, ctx), giveFloor(state, entry, command.allowedMs, false)];
    }
    case 'floor.end': {
      checkExpected(state, command.expectedCurrent);
      return [recordStatement(state, state.floor!, ctx)];
    }
    case 'floor.pause':
    case 'floor.resume': {
      const floor = state.floor;
      if (!floor || floor.entryId !== command.entryId) fail('invalid_state', 'that speaker does not have the floor', { current: floor?.entryId ?? null });
      if (command.type === 'floor.pause') {
        if (floor.pausedAt) fail('invalid_state', 'the clock is already paused');
        return [{ type: 'FloorPaused', payload: { entryId: floor.entryId } }];
      }
      if (!floor.pausedAt) fail('invalid_state', 'the clock is running');
      return [{ type: 'FloorResumed', payload: { entryId: floor.entryId } }];
    }
    case 'speakers.name': {
      const entry = requireEntry(state, command.entryId);
      const person = command.personId ? (state.persons[command.personId] ?? fail('not_found', `no person ${command.personId}`)) : undefined;
      if (person && person.delegationId !== entry.delegationId) fail('invalid_command', `${person.name} belongs to another delegation`);
      const speakerName = command.speakerName ?? person?.name ?? null;
      const personId = person?.id ?? null;
      if (entry.kind === 'panellist' && !speakerName) fail('invalid_command', 'a panellist is inscribed by name');
      if (entry.personId === personId && entry.speakerName === speakerName) return [];
      return [{ type: 'SpeakerNamed', payload: { entryId: entry.id, personId, speakerName } }];
    }
    case 'speakers.rule': {
      const entry = requireEntry(state, command.entryId);
      if (entry.kind !== 'point_of_order') fail('invalid_command', 'only a point of order is ruled on');
      if (entry.status !== 'speaking' && entry.status !== 'spoken') fail('invalid_state', 'give the floor to the point of order before ruling on it');
      if (entry.ruling) fail('invalid_state', `the chair already ruled on this point of order at ${entry.ruling.at}`);
      return [{ type: 'PointOfOrderRuled', payload: { entryId: entry.id, ruling: command.ruling } }];
    }
    case 'statements.enter':
      return decideEntered(state, command, ctx);
    case 'statements.correct':
      return [checkCorrection(state, command, ctx)];
    case 'rules.update': {
      const rules = applyRulesPatch(state.rules, command.changes);
      return JSON.stringify(rules) === JSON.stringify(state.rules) ? [] : [{ type: 'RulesChanged', payload: { rules } }];
    }
  }
}

/**
 * Withdraws every waiting request that matches, each as its own event so
 * that the record shows why it was not heard.
 */
export function withdrawPending(state: MeetingState, matches: (e: SpeakerEntry) => boolean, reason: WithdrawReason): DomainEvent[] {
  return Object.values(state.speakers.entries)
    .filter((e) => e.status === 'pending' && matches(e))
    .map((e) => ({ type: 'SpeakerWithdrawn', payload: { entryId: e.id, reason } }));
}

/**
 * What removing a delegation means for the floor: its waiting requests are
 * withdrawn; it cannot be removed while it speaks (end the statement first).
 */
export function releaseDelegation(state: MeetingState, delegationId: string): DomainEvent[] {
  const speaking = floorTurns(state.floor).some((turn) => state.speakers.entries[turn.entryId]?.delegationId === delegationId);
  if (speaking) fail('invalid_state', 'the delegation has the floor; end its statement before removing it');
  return withdrawPending(state, (e) => e.delegationId === delegationId, 'delegation_removed');
}

function requireEntry(state: MeetingState, entryId: string): SpeakerEntry {
  return state.speakers.entries[entryId] ?? fail('not_found', `no request for the floor ${entryId}`);
}

function requirePending(state: MeetingState, entryId: string): SpeakerEntry {
  const entry = requireEntry(state, entryId);
  if (entry.status !== 'pending') {
    const what = { speaking: 'has the floor', spoken: 'has already spoken', withdrawn: 'was withdrawn' }[entry.status];
    fail('invalid_state', `that request is no longer waiting: the speaker ${what}`);
  }
  return entry;
}

/** Who an entry is, in words for error messages (English, like every message). */
function who(state: MeetingState, entryId: string): string {
  const entry = state.speakers.entries[entryId];
  const d = entry?.delegationId ? state.delegations[entry.delegationId] : undefined;
  return d ? delegationName(d) : (entry?.speakerName ?? 'another speaker');
}

/**
 * The guard against a double "next": the client says who it believes has the
 * floor; if the floor has moved on since, the command is refused, so a second
 * press never gives the floor to the speaker after next.
 */
function checkExpected(state: MeetingState, expected: string | null): void {
  const current = state.floor?.entryId ?? null;
  if (current === expected) return;
  fail(
    'invalid_state',
    current === null ? 'the floor has moved on: nobody has it now' : `the floor has moved on: ${who(state, current)} has it now`,
    { current },
  );
}

/** Ends the turn on the floor and every turn it holds, the one on the floor first. */
function endAll(state: MeetingState, floor: Floor, ctx: DecideContext): DomainEvent[] {
  return floorTurns(floor).map((turn) => recordStatement(state, turn, ctx));
}

function giveFloor(state: MeetingState, entry: SpeakerEntry, allowedMs: number | undefined, interrupting: boolean): DomainEvent {
  return {
    type: 'FloorGiven',
    payload: { entryId: entry.id, itemId: entry.itemId, allowedMs: allowedMs ?? entryAllowedMs(state.rules, entry), interrupting },
  };
}

/** Ends a turn as of now: the statement with its times, less pauses (a pause still running ends now). */
function recordStatement(state: MeetingState, turn: FloorTurn, ctx: DecideContext): DomainEvent {
  const entry = state.speakers.entries[turn.entryId];
  const nowMs = Date.parse(ctx.now);
  const d = entry.delegationId ? state.delegations[entry.delegationId] : undefined;
  const statement: RecordedStatement = {
    statementId: ctx.newId('st'),
    entryId: entry.id,
    itemId: entry.itemId,
    capacity: entry.kind,
    delegationId: entry.delegationId,
    delegation: d ? { names: { ...d.names }, category: d.category } : null,
    speakerName: entry.speakerName,
    onBehalfOf: entry.onBehalfOf,
    startedAt: turn.startedAt,
    endedAt: ctx.now,
    durationMs: floorElapsedMs(turn, nowMs),
    voided: false,
    allowedMs: turn.allowedMs,
    pausedMs: floorPausedMs(turn, nowMs),
  };
  return { type: 'StatementRecorded', payload: { statement } };
}

const fold = (s: string | null) => s?.trim().toLocaleLowerCase() ?? null;

function checkRequest(
  state: MeetingState,
  command: Extract<SpeakersCommand, { type: 'speakers.request' }>,
  actor: Actor,
  ctx: DecideContext,
): NewSpeakerEntry {
  const item = requireItem(state.agenda, command.itemId);
  if (item.status === 'closed') fail('invalid_state', `item ${item.label} is closed`);
  const { kind } = command;
  const person = command.personId ? (state.persons[command.personId] ?? fail('not_found', `no person ${command.personId}`)) : undefined;
  const delegationId =
    command.delegationId ?? person?.delegationId ?? (actor.role === 'delegate' ? actor.delegationId : undefined) ?? null;
  if (person?.delegationId && person.delegationId !== delegationId) {
    fail('invalid_command', `${person.name} belongs to another delegation`);
  }
  if (delegationId !== null && !state.delegations[delegationId]) fail('not_found', `no delegation ${delegationId}`);
  const speakerName = command.speakerName ?? person?.name ?? null;
  const onBehalfOf = command.onBehalfOf ?? null;
  if (kind === 'panellist') {
    if (!speakerName) fail('invalid_command', 'name the panellist: give personId or speakerName');
    if (onBehalfOf) fail('invalid_command', 'a panellist presents in a personal capacity, not on behalf of a group');
  } else if (delegationId === null) {
    fail('invalid_command', 'say which delegation asks for the floor: give delegationId');
  }

  const list = state.speakers.lists[item.id];
  if (list?.closed && (kind === 'statement' || kind === 'panellist')) {
    fail('invalid_state', `the list of speakers on item ${item.label} is closed: only points of order and rights of reply are accepted`);
  }
  const onItem = Object.values(state.speakers.entries).filter((e) => e.itemId === item.id);
  const waiting = onItem.filter((e) => e.status === 'pending' && e.kind === kind);
  const already = (what: string) => fail('already_exists', what, { itemId: item.id });
  const name = delegationId ? delegationName(state.delegations[delegationId]) : speakerName;
  let replyNumber: number | null = null;
  switch (kind) {
    case 'point_of_order':
      if (state.agenda.currentItemId !== item.id) fail('invalid_state', `a point of order is raised on the item under consideration, not on item ${item.label}`);
      if (onBehalfOf) fail('invalid_command', 'a point of order is raised in the delegation’s own name');
      if (waiting.some((e) => e.delegationId === delegationId)) already(`${name} has already raised a point of order`);
      break;
    case 'statement':
      if (waiting.some((e) => e.delegationId === delegationId && fold(e.onBehalfOf) === fold(onBehalfOf))) {
        already(`${name} is already on the list of speakers on item ${item.label}${onBehalfOf ? ` on behalf of ${onBehalfOf}` : ''}`);
      }
      break;
    case 'panellist':
      if (waiting.some((e) => (person && e.personId === person.id) || fold(e.speakerName) === fold(speakerName))) {
        already(`${speakerName} is already on the list of speakers on item ${item.label}`);
      }
      break;
    case 'right_of_reply': {
      const used = onItem.filter((e) => e.kind === 'right_of_reply' && e.delegationId === delegationId).length;
      const max = state.rules.rightOfReply.maxPerItem;
      if (used >= max) fail('invalid_state', `a delegation has at most ${max} rights of reply on an item; ${name} has asked for ${used} on item ${item.label}`);
      replyNumber = used + 1;
      break;
    }
  }
  return {
    id: ctx.newId('se'),
    itemId: item.id,
    kind,
    delegationId,
    personId: person?.id ?? null,
    speakerName,
    onBehalfOf,
    replyNumber,
  };
}

function checkCorrection(
  state: MeetingState,
  command: Extract<SpeakersCommand, { type: 'statements.correct' }>,
  ctx: DecideContext,
): DomainEvent {
  const statement = state.statements.find((s) => s.id === command.statementId) ?? fail('not_found', `no statement ${command.statementId}`);
  const changes: Partial<StatementFacts> = {};
  for (const [key, value] of Object.entries(command.changes) as [keyof StatementFacts, unknown][]) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(statement[key])) (changes as Record<string, unknown>)[key] = value;
  }
  if (changes.itemId !== undefined) requireItem(state.agenda, changes.itemId);
  if (changes.delegationId !== undefined) {
    const d = changes.delegationId === null ? undefined : (state.delegations[changes.delegationId] ?? fail('not_found', `no delegation ${changes.delegationId}`));
    changes.delegation = d ? { names: { ...d.names }, category: d.category } : null;
  }
  const startedAt = changes.startedAt ?? statement.startedAt;
  const endedAt = changes.endedAt ?? statement.endedAt;
  if (Date.parse(endedAt) < Date.parse(startedAt)) fail('invalid_command', 'a statement cannot end before it starts');
  if ((changes.startedAt || changes.endedAt) && changes.durationMs === undefined) {
    const durationMs = Math.max(0, Date.parse(endedAt) - Date.parse(startedAt) - statement.pausedMs);
    if (durationMs !== statement.durationMs) changes.durationMs = durationMs;
  }
  if (Object.keys(changes).length === 0) fail('invalid_command', 'the correction changes nothing');
  return { type: 'StatementCorrected', payload: { correctionId: ctx.newId('sc'), statementId: statement.id, changes, note: command.note } };
}
