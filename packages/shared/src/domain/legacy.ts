import { toLocalized, type LocalizedInput } from '../core/localized';
import type { AgendaChange, AgendaDocument, AgendaLine } from '../agenda/model';
import type { Lang } from '../languages';
import { MEETING_WORDS } from '../meeting/info';
import { zoneForOffset } from '../core/venue-time';
import type { SpeakingRules } from '../speakers/rules';
import type { MeetingState } from './state';
import type { LedgerEvent } from './events';

/**
 * Ledgers recorded before issue 13 hold typed words as plain strings, in the
 * meeting's language at the time; they stay valid and replay as they were.
 * This reads such an event in today's shape (words per language) before
 * `evolve` applies it; an event already in that shape passes unchanged.
 * Never written back: a ledger is never rewritten.
 */
export function upcastEvent(e: LedgerEvent, lang: Lang): LedgerEvent {
  const words = (v: unknown) => toLocalized(v as LocalizedInput, lang);
  const docs = (list: readonly AgendaDocument[]) => list.map((d) => ({ ...d, title: words(d.title) }));
  const line = (l: AgendaLine | null) => (l ? { ...l, title: words(l.title) } : l);
  const change = (c: AgendaChange): AgendaChange => {
    if (c.op === 'add') return { ...c, item: { ...c.item, title: words(c.item.title), documents: docs(c.item.documents) } };
    if (c.op === 'update') {
      const out = { ...c };
      if (c.title !== undefined) out.title = words(c.title);
      if (c.documents !== undefined) out.documents = docs(c.documents);
      return out;
    }
    return c;
  };
  switch (e.type) {
    case 'MeetingDetailsChanged': {
      // A change of language in the same event says which language its words are in.
      const inLang = e.payload.changes.language ?? lang;
      const changes: Record<string, unknown> = { ...e.payload.changes };
      for (const f of MEETING_WORDS) if (f in changes) changes[f] = toLocalized(changes[f] as LocalizedInput, inLang);
      return { ...e, payload: { changes } };
    }
    case 'AgendaItemAdded': {
      const c = change({ op: 'add', ...e.payload });
      return c.op === 'add' ? { ...e, payload: { item: c.item, before: c.before } } : e;
    }
    case 'AgendaItemUpdated': {
      const { op: _op, ...payload } = change({ op: 'update', ...e.payload }) as Extract<AgendaChange, { op: 'update' }>;
      return { ...e, payload };
    }
    case 'AgendaAdopted':
      return { ...e, payload: { agenda: e.payload.agenda.map((l) => line(l) as AgendaLine) } };
    case 'AgendaAmended':
      return { ...e, payload: { ...e.payload, change: change(e.payload.change), before: line(e.payload.before), after: line(e.payload.after) } };
    case 'RulesChanged':
      return { ...e, payload: { rules: upcastRules(e.payload.rules) } };
    case 'PersonRegistered':
      return { ...e, payload: { person: { ...e.payload.person, title: words(e.payload.person.title) } } };
    case 'PersonUpdated':
      return e.payload.title === undefined ? e : { ...e, payload: { ...e.payload, title: words(e.payload.title) } };
    default:
      return e;
  }
}

/** Rules recorded with a fixed offset from UTC (before meetings had a time zone) read with the zone of that offset. */
function upcastRules(rules: SpeakingRules): SpeakingRules {
  const programme = rules.programme as SpeakingRules['programme'] & { utcOffsetMinutes?: number };
  if (programme.timeZone !== undefined || programme.utcOffsetMinutes === undefined) return rules;
  const { utcOffsetMinutes, ...rest } = programme;
  return { ...rules, programme: { ...rest, timeZone: zoneForOffset(utcOffsetMinutes) } };
}

/** A state checkpoint written before meetings had a time zone, read in today's shape. */
export function upcastState(state: MeetingState): MeetingState {
  const rules = upcastRules(state.rules);
  return rules === state.rules ? state : { ...state, rules };
}
