import { emptyAgenda } from '../agenda/model';
import { evolveAgenda } from '../agenda/evolve';
import { isAgendaEvent } from '../agenda/events';
import { emptySpeakers } from '../speakers/model';
import { evolveSpeakers, resortLists } from '../speakers/evolve';
import { defaultRules } from '../speakers/rules';
import { emptyPen, evolvePen, isPenEvent } from '../draft/pen';
import { emptyParagraphs, evolveParagraphs, isParagraphEvent } from '../draft/paragraphs';
import { emptyScreen, evolveScreen, isScreenEvent } from '../screen/screen';
import { emptyNegotiation } from '../amendments/model';
import { isAmendmentEvent } from '../amendments/events';
import { evolveAmendments } from '../amendments/evolve';
import { emptyReport, evolveReport, isReportEvent } from '../report/record';
import type { LedgerEvent } from './events';
import type { MeetingState } from './state';
import { upcastEvent } from './legacy';
import { normalizeMeetingInfo, type MeetingInfo } from '../meeting/info';

/** Applies one recorded event. Pure; the same on the server and in every browser. */
export function evolve(state: MeetingState, event: LedgerEvent): MeetingState {
  const next = applyEvent(state, upcastEvent(event, state.info.language));
  return { ...next, seq: event.seq };
}

function applyEvent(s: MeetingState, e: LedgerEvent): MeetingState {
  switch (e.type) {
    case 'MeetingCreated':
      throw new Error('MeetingCreated starts a ledger; use initialState');
    case 'MeetingDetailsChanged':
      // Upcast: the typed words are per language here.
      return { ...s, info: { ...s.info, ...(e.payload.changes as Partial<MeetingInfo>) } };
    case 'DelegationRegistered': {
      const d = e.payload.delegation;
      return { ...s, delegations: { ...s.delegations, [d.id]: { ...d, registeredAt: e.at } } };
    }
    case 'DelegationUpdated': {
      const { delegationId, ...changes } = e.payload;
      const next = { ...s, delegations: { ...s.delegations, [delegationId]: { ...s.delegations[delegationId], ...changes } } };
      // A new category may move the delegation to another class of speakers.
      return changes.category ? resortLists(next) : next;
    }
    case 'DelegationRemoved':
      return { ...s, delegations: without(s.delegations, e.payload.delegationId) };
    case 'PersonRegistered': {
      const p = e.payload.person;
      return { ...s, persons: { ...s.persons, [p.id]: { ...p, registeredAt: e.at } } };
    }
    case 'PersonUpdated': {
      const { personId, ...changes } = e.payload;
      return { ...s, persons: { ...s.persons, [personId]: { ...s.persons[personId], ...changes } } };
    }
    case 'PersonRemoved':
      return { ...s, persons: without(s.persons, e.payload.personId) };
    case 'AccessCodeIssued': {
      const c = e.payload.code;
      return { ...s, codes: { ...s.codes, [c.id]: { ...c, issuedAt: e.at } } };
    }
    case 'AccessCodeRevoked': {
      const c = s.codes[e.payload.codeId];
      return { ...s, codes: { ...s.codes, [c.id]: { ...c, revokedAt: e.at } } };
    }
    default:
      if (isPenEvent(e)) return evolvePen(s, e);
      if (isScreenEvent(e)) return evolveScreen(s, e);
      if (isAmendmentEvent(e)) return evolveAmendments(s, e);
      if (isParagraphEvent(e)) return evolveParagraphs(s, e);
      if (isReportEvent(e)) return evolveReport(s, e);
      return isAgendaEvent(e) ? evolveAgenda(s, e) : evolveSpeakers(s, e);
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** The state a ledger starts from: its first event must be MeetingCreated. */
export function initialState(first: LedgerEvent): MeetingState {
  if (first.type !== 'MeetingCreated') throw new Error(`a ledger starts with MeetingCreated, not ${first.type}`);
  return {
    id: first.payload.meetingId,
    seq: first.seq,
    createdAt: first.at,
    info: normalizeMeetingInfo(first.payload.info),
    delegations: {},
    persons: {},
    codes: {},
    opening: null,
    agenda: emptyAgenda(),
    rules: defaultRules(),
    speakers: emptySpeakers(),
    floor: null,
    statements: [],
    pen: emptyPen(),
    paragraphs: emptyParagraphs(),
    screen: emptyScreen(),
    screens: {},
    negotiation: emptyNegotiation(),
    report: emptyReport(),
  };
}

/** Replays a whole ledger, oldest first. */
export function replay(events: readonly LedgerEvent[]): MeetingState {
  if (events.length === 0) throw new Error('an empty ledger has no meeting');
  return events.slice(1).reduce(evolve, initialState(events[0]));
}
