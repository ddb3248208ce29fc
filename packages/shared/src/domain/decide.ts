import type { AccessCode } from '../access/commands';
import type { DecideContext, Actor } from '../core/context';
import { fail } from '../core/errors';
import { MEETING_WORDS, missingMeetingWords, normalizeMeetingInfo, type MeetingInfo, type MeetingInfoInput } from '../meeting/info';
import { mergeLocalized, toLocalized } from '../core/localized';
import { STATE_CATEGORIES, type Category } from '../participants/categories';
import type { DelegationInput } from '../participants/commands';
import { DELEGATION_FUNCTIONS, type Delegation, type PersonFunction } from '../participants/model';
import { stateByM49 } from '../names/states';
import { LANGUAGES } from '../languages';
import { delegationName } from '../participants/names';
import type { Command, CommandOf } from './commands';
import type { DomainEvent } from './events';
import type { MeetingState } from './state';
import { denial } from '../access/policy';
import { AGENDA_COMMAND_TYPES, type AgendaCommand } from '../agenda/commands';
import { decideAgenda } from '../agenda/decide';
import { decideSpeakers, releaseDelegation } from '../speakers/decide';
import { decidePen, isPenCommand, penReleasedBy } from '../draft/pen';
import { decideParagraphs, isParagraphCommand } from '../draft/paragraphs';
import { decideScreen, isScreenCommand } from '../screen/screen';
import { isAmendmentCommand } from '../amendments/commands';
import { decideAmendments } from '../amendments/decide';
import { decideReport, isReportCommand } from '../report/record';

/** The events that open a meeting: its details and its first two access codes. */
export function createMeeting(meetingId: string, info: MeetingInfoInput, ctx: DecideContext): DomainEvent[] {
  return [
    { type: 'MeetingCreated', payload: { meetingId, info: normalizeMeetingInfo(info) } },
    { type: 'AccessCodeIssued', payload: { code: { id: ctx.newId('c'), role: 'secretariat', label: 'Secretariat' } } },
    { type: 'AccessCodeIssued', payload: { code: { id: ctx.newId('c'), role: 'viewer', label: 'Public' } } },
  ];
}

/**
 * Decides what a command means for the meeting: the events to record, or a
 * DomainError. Pure: no I/O, time and ids come from `ctx`.
 */
export function decide(state: MeetingState, command: Command, actor: Actor, ctx: DecideContext): DomainEvent[] {
  const why = denial(actor, command, state);
  if (why) fail('forbidden', why);
  switch (command.type) {
    case 'meeting.update':
      return decideMeetingUpdate(state, command);
    case 'delegation.register':
      return [registerDelegation(state, command.delegation, ctx, [])];
    case 'delegation.registerMany': {
      // Bulk lists often repeat what is already registered: skip those.
      const events: DomainEvent[] = [];
      const added: Omit<Delegation, 'registeredAt'>[] = [];
      for (const input of command.delegations) {
        if (findDuplicate(state, input, added)) continue;
        const event = registerDelegation(state, input, ctx, added);
        if (event.type === 'DelegationRegistered') added.push(event.payload.delegation);
        events.push(event);
      }
      return events;
    }
    case 'delegation.update':
      return decideDelegationUpdate(state, command);
    case 'delegation.remove': {
      const delegation = requireDelegation(state, command.delegationId);
      return [
        ...releaseDelegation(state, delegation.id),
        ...penReleasedBy(
          state,
          activeCodes(state)
            .filter((c) => c.delegationId === delegation.id)
            .map((c) => c.id),
        ),
        ...activeCodes(state)
          .filter((c) => c.delegationId === delegation.id)
          .map((c): DomainEvent => ({ type: 'AccessCodeRevoked', payload: { codeId: c.id } })),
        ...Object.values(state.persons)
          .filter((p) => p.delegationId === delegation.id)
          .map((p): DomainEvent => ({ type: 'PersonRemoved', payload: { personId: p.id } })),
        { type: 'DelegationRemoved', payload: { delegationId: delegation.id } },
      ];
    }
    case 'person.register': {
      if (command.delegationId) requireDelegation(state, command.delegationId);
      checkPersonFunction(command.function, command.delegationId);
      const { type: _type, title, names, ...person } = command;
      const lang = state.info.language;
      const registered = { id: ctx.newId('p'), ...person, title: toLocalized(title, lang), ...(names ? { names: toLocalized(names, lang) } : {}) };
      return [{ type: 'PersonRegistered', payload: { person: registered } }];
    }
    case 'person.update': {
      const person = state.persons[command.personId] ?? fail('not_found', `no person ${command.personId}`);
      if (command.function) checkPersonFunction(command.function, person.delegationId);
      const { type: _type, title, names, ...changes } = command;
      const lang = state.info.language;
      const payload = {
        ...changes,
        ...(title === undefined ? {} : { title: mergeLocalized(person.title, title, lang) }),
        ...(names === undefined ? {} : { names: mergeLocalized(person.names ?? {}, names, lang) }),
      };
      return [{ type: 'PersonUpdated', payload }];
    }
    case 'person.remove':
      if (!state.persons[command.personId]) fail('not_found', `no person ${command.personId}`);
      return [{ type: 'PersonRemoved', payload: { personId: command.personId } }];
    case 'access.issue':
      return [issueCode(state, command.role, command.delegationId, command.label, ctx)];
    case 'access.issueMany':
      return command.codes.map((c) => issueCode(state, c.role, c.delegationId, c.label, ctx));
    case 'access.revoke': {
      const codeId = requireActiveCode(state, command.codeId).id;
      return [...penReleasedBy(state, [codeId]), { type: 'AccessCodeRevoked', payload: { codeId } }];
    }
    case 'access.reissue': {
      const old = requireActiveCode(state, command.codeId);
      return [
        ...penReleasedBy(state, [old.id]),
        { type: 'AccessCodeRevoked', payload: { codeId: old.id } },
        issueCode(state, old.role, old.delegationId, old.label, ctx),
      ];
    }
    // The chairing commands live with their concepts (agenda/, speakers/).
    default:
      if (isPenCommand(command)) return decidePen(state, command, actor, ctx);
      if (isScreenCommand(command)) return decideScreen(state, command);
      if (isAmendmentCommand(command)) return decideAmendments(state, command, actor, ctx);
      if (isParagraphCommand(command)) return decideParagraphs(state, command, actor, ctx);
      if (isReportCommand(command)) return decideReport(state, command, actor, ctx);
      return isAgendaCommand(command) ? decideAgenda(state, command, actor, ctx) : decideSpeakers(state, command, actor, ctx);
  }
}

function isAgendaCommand(command: Command): command is AgendaCommand {
  return (AGENDA_COMMAND_TYPES as readonly string[]).includes(command.type);
}

function decideMeetingUpdate(state: MeetingState, command: CommandOf<'meeting.update'>): DomainEvent[] {
  // Typed words are merged per language; a plain string is in the meeting's (new) language.
  const lang = command.changes.language ?? state.info.language;
  const merged: Record<string, unknown> = { ...command.changes };
  for (const f of MEETING_WORDS) {
    const change = command.changes[f];
    if (change !== undefined) merged[f] = mergeLocalized(state.info[f], change, lang);
  }
  const changes = Object.fromEntries(
    Object.entries(merged).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(state.info[key as keyof MeetingInfo])),
  );
  if (Object.keys(changes).length === 0) return [];
  const next = { ...state.info, ...changes } as MeetingInfo;
  if (next.startDate > next.endDate) fail('invalid_command', 'the meeting cannot end before it starts');
  // Words typed now must keep the meeting's language; a new language may lack them until given (shown as fallbacks).
  const missing = missingMeetingWords(next, next.language).filter((f) => f in command.changes);
  if (missing.length > 0) fail('invalid_command', `give the ${missing.join(', ')} in the meeting's language (${next.language})`, { missing });
  return [{ type: 'MeetingDetailsChanged', payload: { changes } }];
}

function registerDelegation(
  state: MeetingState,
  input: DelegationInput,
  ctx: DecideContext,
  pending: Omit<Delegation, 'registeredAt'>[],
): DomainEvent {
  const duplicate = findDuplicate(state, input, pending);
  if (duplicate) fail('already_exists', `${delegationName(duplicate)} is already registered`, { delegationId: duplicate.id });
  if ('m49' in input) {
    const unState = stateByM49(input.m49) ?? fail('not_found', `${input.m49} is not a UN Member State or observer State`);
    return {
      type: 'DelegationRegistered',
      payload: { delegation: { id: ctx.newId('d'), category: input.category, m49: input.m49, names: { ...unState.names } } },
    };
  }
  return {
    type: 'DelegationRegistered',
    payload: { delegation: { id: ctx.newId('d'), category: input.category, names: cleanNames(input.names) } },
  };
}

function decideDelegationUpdate(state: MeetingState, command: CommandOf<'delegation.update'>): DomainEvent[] {
  const delegation = requireDelegation(state, command.delegationId);
  if (delegation.m49 && command.category && !isStateCategory(command.category)) {
    fail('invalid_command', `a State cannot be registered as ${command.category}`);
  }
  const payload: Extract<DomainEvent, { type: 'DelegationUpdated' }>['payload'] = { delegationId: delegation.id };
  if (command.category && command.category !== delegation.category) payload.category = command.category;
  if (command.names) {
    const names = delegation.m49 ? meetingNamesOfState(delegation.m49, delegation.names, command.names) : cleanNames(command.names);
    const clash = Object.values(state.delegations).find((d) => d.id !== delegation.id && sameName(d.names, names));
    if (clash) fail('already_exists', `${delegationName(clash)} is already registered`, { delegationId: clash.id });
    payload.names = names;
  }
  return payload.category || payload.names ? [{ type: 'DelegationUpdated', payload }] : [];
}

function issueCode(
  state: MeetingState,
  role: AccessCode['role'],
  delegationId: string | undefined,
  label: string,
  ctx: DecideContext,
): DomainEvent {
  if (role === 'delegate') {
    if (!delegationId) fail('invalid_command', 'a delegate code belongs to a delegation: give delegationId');
    requireDelegation(state, delegationId);
  } else if (delegationId) {
    fail('invalid_command', `a ${role} code does not belong to a delegation`);
  }
  const code: Omit<AccessCode, 'issuedAt' | 'revokedAt'> = {
    id: ctx.newId('c'),
    role,
    label,
  };
  if (delegationId) code.delegationId = delegationId;
  return { type: 'AccessCodeIssued', payload: { code } };
}

function checkPersonFunction(fn: PersonFunction, delegationId: string | undefined): void {
  if (DELEGATION_FUNCTIONS.includes(fn) && !delegationId) {
    fail('invalid_command', `a ${fn} belongs to a delegation: give delegationId`);
  }
  if (fn === 'secretariat' && delegationId) fail('invalid_command', 'secretariat staff belong to no delegation');
}

function requireDelegation(state: MeetingState, delegationId: string): Delegation {
  return state.delegations[delegationId] ?? fail('not_found', `no delegation ${delegationId}`);
}

function requireActiveCode(state: MeetingState, codeId: string): AccessCode {
  const code = state.codes[codeId] ?? fail('not_found', `no access code ${codeId}`);
  if (code.revokedAt) fail('invalid_state', `access code ${codeId} is already revoked`);
  return code;
}

export function activeCodes(state: MeetingState): AccessCode[] {
  return Object.values(state.codes).filter((c) => !c.revokedAt);
}

function isStateCategory(c: Category): boolean {
  return (STATE_CATEGORIES as readonly Category[]).includes(c);
}

function cleanNames(names: Partial<Record<string, string | undefined>>): Delegation['names'] {
  const out: Delegation['names'] = {};
  for (const l of LANGUAGES) {
    const v = names[l]?.trim();
    if (v) out[l] = v;
  }
  return out;
}

/**
 * A State keeps its M49 code and its UN names, but a meeting's documents may
 * name it otherwise in a language (a short form, a former name): the names
 * given replace those languages; an empty one restores the UN name.
 */
function meetingNamesOfState(m49: string, current: Delegation['names'], given: Partial<Record<string, string | undefined>>): Delegation['names'] {
  const un: Delegation['names'] = stateByM49(m49)?.names ?? {};
  const out: Delegation['names'] = { ...current };
  for (const l of LANGUAGES) {
    if (!(l in given)) continue;
    const v = given[l]?.trim();
    if (v) out[l] = v;
    else if (un[l]) out[l] = un[l];
    else delete out[l];
  }
  return out;
}

function sameName(a: Delegation['names'], b: Delegation['names']): boolean {
  return LANGUAGES.some((l) => a[l] !== undefined && b[l] !== undefined && a[l]!.toLocaleLowerCase() === b[l]!.toLocaleLowerCase());
}

function findDuplicate(
  state: MeetingState,
  input: DelegationInput,
  pending: Omit<Delegation, 'registeredAt'>[],
): Omit<Delegation, 'registeredAt'> | undefined {
  const all = [...Object.values(state.delegations), ...pending];
  if ('m49' in input) return all.find((d) => d.m49 === input.m49);
  const names = cleanNames(input.names);
  return all.find((d) => sameName(d.names, names));
}

