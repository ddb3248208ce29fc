/**
 * What the room screen shows: the speakers (item, speaker, clock, next
 * speakers) or the negotiated text (the paragraph under discussion, large).
 * The chair or the secretariat switches it, as a conference officer does in
 * the room; every projector follows at once.
 */
import { z } from 'zod';
import { id } from '../core/schema';
import type { DomainEvent, LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';

export const screenCommands = [
  z
    .object({
      type: z.literal('screen.show'),
      mode: z.enum(['speakers', 'text']),
      /** The paragraph of the draft recommendations to show in text mode. */
      paragraphId: id.nullable().default(null),
    })
    .strict(),
] as const;

export type ScreenCommand = z.infer<(typeof screenCommands)[number]>;

export interface ScreenState {
  mode: 'speakers' | 'text';
  paragraphId: string | null;
}

export type ScreenEvent = { type: 'ScreenChanged'; payload: ScreenState };

export function emptyScreen(): ScreenState {
  return { mode: 'speakers', paragraphId: null };
}

export function isScreenCommand(c: { type: string }): c is ScreenCommand {
  return c.type === 'screen.show';
}

export function decideScreen(state: MeetingState, command: ScreenCommand): DomainEvent[] {
  const next: ScreenState = { mode: command.mode, paragraphId: command.mode === 'text' ? command.paragraphId : null };
  if (next.mode === state.screen.mode && next.paragraphId === state.screen.paragraphId) return [];
  return [{ type: 'ScreenChanged', payload: next }];
}

export function evolveScreen(state: MeetingState, event: LedgerEvent & ScreenEvent): MeetingState {
  return { ...state, screen: { ...event.payload } };
}
