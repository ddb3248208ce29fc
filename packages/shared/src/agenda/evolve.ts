import type { LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import type { AgendaEvent } from './events';
import type { AgendaChange, AgendaItem, AgendaState, Opening, TimeCorrection } from './model';
import { applyAgendaChange } from './numbering';

export function evolveAgenda(s: MeetingState, e: LedgerEvent<AgendaEvent>): MeetingState {
  switch (e.type) {
    case 'MeetingOpened':
      return { ...s, opening: { at: e.at, by: e.actor.name } };
    case 'AgendaTimeCorrected':
      return correctTime(s, e);
    case 'AgendaItemAdded':
      return applyChange(s, { op: 'add', ...e.payload });
    case 'AgendaItemUpdated':
      return applyChange(s, { op: 'update', ...e.payload });
    case 'AgendaItemMoved':
      return applyChange(s, { op: 'move', ...e.payload });
    case 'AgendaItemRemoved':
      return applyChange(s, { op: 'remove', ...e.payload });
    case 'AgendaAdopted':
      return { ...s, agenda: { ...s.agenda, status: 'adopted', adoption: { at: e.at, by: e.actor.name, agenda: e.payload.agenda } } };
    case 'AgendaAmended': {
      const { amendmentId, change, before, after, note } = e.payload;
      const next = applyChange(s, change);
      const amendment = { id: amendmentId, at: e.at, by: e.actor.name, change, before, after, note };
      return { ...next, agenda: { ...next.agenda, amendments: [...next.agenda.amendments, amendment] } };
    }
    case 'AgendaItemTakenUp':
    case 'AgendaItemResumed':
      return withItem(s, e.payload.itemId, (item) => ({
        ...item,
        status: 'current',
        periods: [...item.periods, { startedAt: e.at, endedAt: null }],
      }), e.payload.itemId);
    case 'AgendaItemSuspended':
    case 'AgendaItemClosed': {
      const stillCurrent = s.agenda.currentItemId === e.payload.itemId ? null : s.agenda.currentItemId;
      return withItem(s, e.payload.itemId, (item) => ({
        ...item,
        status: e.type === 'AgendaItemClosed' ? 'closed' : 'suspended',
        periods: item.periods.map((p) => (p.endedAt === null ? { ...p, endedAt: e.at } : p)),
      }), stillCurrent);
    }
  }
}

/** Moves the opening or the adoption to the corrected time, keeping the correction with it. */
function correctTime(s: MeetingState, e: LedgerEvent<Extract<AgendaEvent, { type: 'AgendaTimeCorrected' }>>): MeetingState {
  const { correctionId, moment, at, note } = e.payload;
  const target = moment === 'opening' ? s.opening : s.agenda.adoption;
  if (!target) return s;
  const correction: TimeCorrection = { id: correctionId, at: e.at, by: e.actor.name, from: target.at, to: at, note };
  const corrected = { ...target, at, corrections: [...(target.corrections ?? []), correction] };
  return moment === 'opening'
    ? { ...s, opening: corrected as Opening }
    : { ...s, agenda: { ...s.agenda, adoption: corrected as NonNullable<AgendaState['adoption']> } };
}

function withItem(s: MeetingState, itemId: string, update: (item: AgendaItem) => AgendaItem, currentItemId: string | null): MeetingState {
  const agenda: AgendaState = { ...s.agenda, currentItemId, items: { ...s.agenda.items, [itemId]: update(s.agenda.items[itemId]) } };
  return { ...s, agenda };
}

/** Applies a structural change; a removed item takes its (empty) speakers' list with it. */
function applyChange(s: MeetingState, change: AgendaChange): MeetingState {
  const agenda = applyAgendaChange(s.agenda, change);
  if (change.op !== 'remove') return { ...s, agenda };
  const gone = new Set(Object.keys(s.agenda.items).filter((id) => !agenda.items[id]));
  const lists = Object.fromEntries(Object.entries(s.speakers.lists).filter(([itemId]) => !gone.has(itemId)));
  const entries = Object.fromEntries(Object.entries(s.speakers.entries).filter(([, entry]) => !gone.has(entry.itemId)));
  return { ...s, agenda, speakers: { lists, entries } };
}
