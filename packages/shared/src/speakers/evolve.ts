import type { LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import type { SpeakersEvent } from './events';
import type { Floor, FloorTurn, HeldTurn, SpeakerEntry, SpeakersList, Statement, StatementFacts } from './model';
import { insertIntoQueue, QUEUE_GROUPS, queueGroup, sortQueue } from './ordering';
import { entryAllowedMs } from './rules';
import { withKeys, withoutKey } from '../core/records';

export function evolveSpeakers(s: MeetingState, e: LedgerEvent<SpeakersEvent>): MeetingState {
  switch (e.type) {
    case 'SpeakerInscribed': {
      // Object.assign, not a spread: V8 (Node 20) builds a spread followed by keys the source lacks
      // 20-40x slower (20 µs here, on every request). Same keys in the same order.
      const entry: SpeakerEntry = Object.assign({}, e.payload.entry, {
        allowedMs: null,
        status: 'pending' as const,
        requestedAt: e.at,
        requestedSeq: e.seq,
        requestedBy: { role: e.actor.role, name: e.actor.name },
        withdrawal: null,
        ruling: null,
        statementId: null,
      });
      const withEntry = withEntries(s, { [entry.id]: entry });
      const list = listOf(withEntry, entry.itemId);
      return withList(withEntry, { ...list, queue: insertIntoQueue(withEntry, list.queue, entry) });
    }
    case 'SpeakerWithdrawn': {
      // Out of the live state (the ledger keeps it): a long meeting's requests and withdrawals do not
      // make every later event copy them all.
      const entry = s.speakers.entries[e.payload.entryId];
      const next = { ...s, speakers: { ...s.speakers, entries: withoutKey(s.speakers.entries, entry.id) } };
      const list = listOf(next, entry.itemId);
      return withList(next, { ...list, queue: list.queue.filter((id) => id !== entry.id) });
    }
    case 'SpeakerMoved': {
      const { entryId, before } = e.payload;
      const entry = s.speakers.entries[entryId];
      const list = listOf(s, entry.itemId);
      const queue = list.queue.filter((id) => id !== entryId);
      // "To the end" means the end of its own queue: a statement never passes behind the rights of reply.
      const group = queueGroup(entry.kind);
      const lastOfGroup = queue.findLastIndex((id) => queueGroup(s.speakers.entries[id].kind) === group);
      const laterGroup = queue.findIndex((id) => QUEUE_GROUPS.indexOf(queueGroup(s.speakers.entries[id].kind)) > QUEUE_GROUPS.indexOf(group));
      const at = before !== null ? queue.indexOf(before) : lastOfGroup >= 0 ? lastOfGroup + 1 : laterGroup;
      const index = at < 0 ? queue.length : at;
      return withList(s, { ...list, manuallyOrdered: true, queue: [...queue.slice(0, index), entryId, ...queue.slice(index)] });
    }
    case 'SpeakersListClosed':
    case 'SpeakersListReopened':
      return withList(s, { ...listOf(s, e.payload.itemId), closed: e.type === 'SpeakersListClosed' });
    case 'SpeakerTimeSet': {
      const entry = { ...s.speakers.entries[e.payload.entryId], allowedMs: e.payload.allowedMs };
      const next = withEntries(s, { [entry.id]: entry });
      const allowedMs = entryAllowedMs(s.rules, entry);
      const withTime = <T extends Floor>(turn: T): T =>
        turn.entryId === entry.id
          ? { ...turn, allowedMs }
          : turn.interrupted
            ? { ...turn, interrupted: withTime(turn.interrupted) }
            : turn;
      return s.floor ? { ...next, floor: withTime(s.floor) } : next;
    }
    case 'FloorGiven': {
      const { entryId, itemId, allowedMs, interrupting } = e.payload;
      const entry = s.speakers.entries[entryId];
      const turn: FloorTurn = { entryId, itemId, kind: entry.kind, startedAt: e.at, allowedMs, pausedAt: null, pausedTotalMs: 0 };
      // The held speaker's clock stops while the other turn is heard.
      const held: HeldTurn | null =
        interrupting && s.floor ? { ...s.floor, pausedAt: s.floor.pausedAt ?? e.at, resumesOnReturn: s.floor.pausedAt === null } : null;
      const next = withEntries(s, { [entryId]: { ...entry, status: 'speaking' } });
      const list = listOf(next, itemId);
      return { ...withList(next, { ...list, queue: list.queue.filter((id) => id !== entryId) }), floor: { ...turn, interrupted: held } };
    }
    case 'FloorPaused':
      return { ...s, floor: { ...s.floor!, pausedAt: e.at } };
    case 'FloorResumed': {
      const floor = s.floor!;
      const pausedMs = Math.max(0, Date.parse(e.at) - Date.parse(floor.pausedAt!));
      return { ...s, floor: { ...floor, pausedAt: null, pausedTotalMs: floor.pausedTotalMs + pausedMs } };
    }
    case 'StatementRecorded': {
      const { statementId, entryId, allowedMs, pausedMs, ...facts } = e.payload.statement;
      const entry = s.speakers.entries[entryId];
      const statement: Statement = {
        ...facts,
        id: statementId,
        entryId,
        allowedMs,
        pausedMs,
        ruling: entry.ruling,
        recordedSeq: e.seq,
        recorded: facts,
        corrections: [],
      };
      const next = withEntries(s, { [entryId]: { ...entry, status: 'spoken', statementId } });
      return { ...next, floor: floorAfter(s.floor, entryId, e.at), statements: inOrder([...s.statements, statement]) };
    }
    case 'SpeakerNamed': {
      const { entryId, personId, speakerName } = e.payload;
      const entry = s.speakers.entries[entryId];
      const next = withEntries(s, { [entryId]: { ...entry, personId, speakerName } });
      // Naming the speaker is part of the record, not a correction of it: the statement reads so from the start.
      const statements = s.statements.map((st) =>
        st.entryId === entryId ? { ...st, speakerName, recorded: { ...st.recorded, speakerName } } : st,
      );
      return { ...next, statements };
    }
    case 'PointOfOrderRuled': {
      const entry = s.speakers.entries[e.payload.entryId];
      const ruling = { text: e.payload.ruling, at: e.at, by: e.actor.name };
      const next = withEntries(s, { [entry.id]: { ...entry, ruling } });
      return { ...next, statements: s.statements.map((st) => (st.entryId === entry.id ? { ...st, ruling } : st)) };
    }
    case 'StatementCorrected': {
      const { correctionId, statementId, changes, note } = e.payload;
      const correction = { id: correctionId, at: e.at, by: e.actor.name, changes, note };
      const statements = s.statements.map((st) =>
        st.id === statementId ? { ...st, ...(changes as Partial<StatementFacts>), corrections: [...st.corrections, correction] } : st,
      );
      return { ...s, statements: inOrder(statements) };
    }
    case 'StatementsEntered': {
      const entered = { at: e.at, by: e.actor.name, note: e.payload.note };
      const added = e.payload.statements.map(({ statementId, entryId, allowedMs, pausedMs, ...facts }): Statement => ({
        ...facts,
        id: statementId,
        entryId,
        allowedMs,
        pausedMs,
        ruling: null,
        recordedSeq: e.seq,
        recorded: facts,
        corrections: [],
        entered,
      }));
      return { ...s, statements: inOrder([...s.statements, ...added]) };
    }
    case 'RulesChanged':
      return resortLists({ ...s, rules: e.payload.rules });
  }
}

/**
 * Sorts again every list the chair has not reordered by hand: after a change
 * of the rules or of a delegation's category, the rules' order is the new one.
 */
export function resortLists(s: MeetingState): MeetingState {
  const lists: Record<string, SpeakersList> = {};
  for (const [itemId, list] of Object.entries(s.speakers.lists)) {
    lists[itemId] = list.manuallyOrdered ? list : { ...list, queue: sortQueue(s, list.queue) };
  }
  return { ...s, speakers: { ...s.speakers, lists } };
}

function listOf(s: MeetingState, itemId: string): SpeakersList {
  return s.speakers.lists[itemId] ?? { itemId, closed: false, queue: [], manuallyOrdered: false };
}

function withList(s: MeetingState, list: SpeakersList): MeetingState {
  return { ...s, speakers: { ...s.speakers, lists: withKeys(s.speakers.lists, { [list.itemId]: list }) } };
}

function withEntries(s: MeetingState, entries: Record<string, SpeakerEntry>): MeetingState {
  return { ...s, speakers: { ...s.speakers, entries: withKeys(s.speakers.entries, entries) } };
}

/**
 * When a statement ends: the floor is free, or back with the speaker its turn
 * held, whose clock runs again from where it stopped (unless the chair had paused it).
 */
function floorAfter(floor: Floor | null, endedEntryId: string, at: string): Floor | null {
  if (!floor) return null;
  if (floor.entryId !== endedEntryId) return floor;
  if (!floor.interrupted) return null;
  const { resumesOnReturn, ...held } = floor.interrupted;
  if (!resumesOnReturn || held.pausedAt === null) return held;
  const pausedMs = Math.max(0, Date.parse(at) - Date.parse(held.pausedAt));
  return { ...held, pausedAt: null, pausedTotalMs: held.pausedTotalMs + pausedMs };
}

/** The order they spoke in: by start time; the recording order breaks ties. */
function inOrder(statements: Statement[]): Statement[] {
  return [...statements].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.recordedSeq - b.recordedSeq);
}
