import type { AgendaChange, AgendaLine, TimedMoment } from './model';

type Change<Op extends AgendaChange['op']> = Omit<Extract<AgendaChange, { op: Op }>, 'op'>;

/** What agenda commands decide. Who and when come from the ledger event around them. */
export type AgendaEvent =
  | { type: 'MeetingOpened'; payload: Record<string, never> }
  | { type: 'AgendaTimeCorrected'; payload: { correctionId: string; moment: TimedMoment; at: string; note: string } }
  | { type: 'AgendaItemAdded'; payload: Change<'add'> }
  | { type: 'AgendaItemUpdated'; payload: Change<'update'> }
  | { type: 'AgendaItemMoved'; payload: Change<'move'> }
  | { type: 'AgendaItemRemoved'; payload: Change<'remove'> }
  /** Carries the agenda as adopted, so that the ledger itself says what was adopted. */
  | { type: 'AgendaAdopted'; payload: { agenda: AgendaLine[] } }
  | {
      type: 'AgendaAmended';
      payload: { amendmentId: string; change: AgendaChange; before: AgendaLine | null; after: AgendaLine | null; note: string };
    }
  | { type: 'AgendaItemTakenUp'; payload: { itemId: string } }
  | { type: 'AgendaItemSuspended'; payload: { itemId: string } }
  | { type: 'AgendaItemResumed'; payload: { itemId: string } }
  | { type: 'AgendaItemClosed'; payload: { itemId: string } };

export const AGENDA_EVENT_TYPES = [
  'MeetingOpened',
  'AgendaTimeCorrected',
  'AgendaItemAdded',
  'AgendaItemUpdated',
  'AgendaItemMoved',
  'AgendaItemRemoved',
  'AgendaAdopted',
  'AgendaAmended',
  'AgendaItemTakenUp',
  'AgendaItemSuspended',
  'AgendaItemResumed',
  'AgendaItemClosed',
] as const satisfies readonly AgendaEvent['type'][];

// Fails to compile if an event type is missing from the list above.
type Missing = Exclude<AgendaEvent['type'], (typeof AGENDA_EVENT_TYPES)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export function isAgendaEvent<E extends { type: string }>(e: E): e is Extract<E, AgendaEvent> {
  return (AGENDA_EVENT_TYPES as readonly string[]).includes(e.type);
}
