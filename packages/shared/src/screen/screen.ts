/**
 * What the room screens show: the speakers (item, speaker, clock, next
 * speakers), the negotiated text (the paragraph under discussion, large), or
 * a message ("The meeting is suspended until 15:00"). A room may have more
 * than one screen: the main one ("1", /screen) and others by name (/screen?screen=2),
 * each switched by the chair or the secretariat, as a conference officer does
 * in the room; every projector showing a screen follows at once.
 */
import { z } from 'zod';
import { id, text } from '../core/schema';
import type { DomainEvent, LedgerEvent } from '../domain/events';
import type { MeetingState } from '../domain/state';
import { formatInteger } from '../i18n/dates';
import { LANGUAGES, type Lang } from '../languages';

/** The main screen, the one /screen shows. */
export const MAIN_SCREEN = '1';

/** A screen's name as it appears in its address (/screen?screen=lobby). */
const SCREEN_ID = /^[a-z0-9][a-z0-9-]{0,23}$/;
export const ScreenIdSchema = z.string().regex(SCREEN_ID, 'a screen is named by lower-case letters, digits and hyphens');
/** The same check without zod, for the browser (zod stays out of the first load). */
export const isScreenId = (s: unknown): s is string => typeof s === 'string' && SCREEN_ID.test(s);

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day, HH:MM on a 24-hour clock');

/**
 * A message for the room. The usual ones are said by Gavel in every
 * language; anything else is typed, in as many of the six languages as the
 * chair (or the secretariat) writes.
 */
export const ScreenMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('suspended_until'), time: clockTime }).strict(),
  z.object({ kind: z.literal('consultations'), room: text(40) }).strict(),
  z.object({ kind: z.literal('adjourned') }).strict(),
  z
    .object({
      kind: z.literal('text'),
      text: z
        .object({ ar: text(300), zh: text(300), en: text(300), fr: text(300), ru: text(300), es: text(300) })
        .partial()
        .strict()
        .refine((t) => Object.values(t).some(Boolean), 'write the message in at least one language'),
    })
    .strict(),
]);
export type ScreenMessage = z.infer<typeof ScreenMessageSchema>;
export const SCREEN_MESSAGE_KINDS = ['suspended_until', 'consultations', 'adjourned', 'text'] as const satisfies readonly ScreenMessage['kind'][];

export const SCREEN_MODES = ['speakers', 'text', 'message'] as const;
export type ScreenMode = (typeof SCREEN_MODES)[number];

export const screenCommands = [
  z
    .object({
      type: z.literal('screen.show'),
      /** Absent: the main screen. */
      screen: ScreenIdSchema.optional(),
      mode: z.enum(SCREEN_MODES),
      /** The paragraph of the draft recommendations to show in text mode. */
      paragraphId: id.nullable().default(null),
    })
    .strict(),
  /** Puts a message on a screen (over the speakers or the text as a band; alone in message mode); null takes it off. */
  z
    .object({ type: z.literal('screen.message'), screen: ScreenIdSchema.default(MAIN_SCREEN), message: ScreenMessageSchema.nullable() })
    .strict(),
] as const;

export type ScreenCommand = z.infer<(typeof screenCommands)[number]>;

/** One screen. */
export interface ScreenState {
  mode: ScreenMode;
  paragraphId: string | null;
  message: ScreenMessage | null;
}

/** `screen` absent: the main screen (events recorded before there were several). */
export type ScreenEvent =
  | { type: 'ScreenChanged'; payload: { screen?: string; mode: ScreenMode; paragraphId: string | null } }
  | { type: 'ScreenMessageSet'; payload: { screen: string; message: ScreenMessage | null } };

export function emptyScreen(): ScreenState {
  return { mode: 'speakers', paragraphId: null, message: null };
}

export function isScreenCommand(c: { type: string }): c is ScreenCommand {
  return c.type === 'screen.show' || c.type === 'screen.message';
}

export function isScreenEvent<E extends { type: string }>(e: E): e is Extract<E, ScreenEvent> {
  return e.type === 'ScreenChanged' || e.type === 'ScreenMessageSet';
}

/** A screen by name: the main one, another one, or a blank one not yet set. */
export function screenOf(state: Pick<MeetingState, 'screen' | 'screens'>, screen: string): ScreenState {
  return screen === MAIN_SCREEN ? state.screen : (state.screens[screen] ?? emptyScreen());
}

/** Every screen the chair has set, the main one first, then the others by name. */
export function screenNames(state: Pick<MeetingState, 'screens'>): string[] {
  return [MAIN_SCREEN, ...Object.keys(state.screens).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))];
}

export function decideScreen(state: MeetingState, command: ScreenCommand): DomainEvent[] {
  const screen = command.screen ?? MAIN_SCREEN;
  const now = screenOf(state, screen);
  if (command.type === 'screen.message') {
    if (JSON.stringify(now.message) === JSON.stringify(command.message)) return [];
    return [{ type: 'ScreenMessageSet', payload: { screen, message: command.message } }];
  }
  const paragraphId = command.mode === 'text' ? command.paragraphId : null;
  // Showing the speakers on a screen not yet set still records it: the screen then exists, for the chair to pick.
  const known = screen === MAIN_SCREEN || state.screens[screen] !== undefined;
  if (known && command.mode === now.mode && paragraphId === now.paragraphId) return [];
  return [{ type: 'ScreenChanged', payload: { screen, mode: command.mode, paragraphId } }];
}

export function evolveScreen(state: MeetingState, event: LedgerEvent & ScreenEvent): MeetingState {
  const screen = event.payload.screen ?? MAIN_SCREEN;
  const before = screenOf(state, screen);
  const after: ScreenState =
    event.type === 'ScreenChanged'
      ? { ...before, mode: event.payload.mode, paragraphId: event.payload.paragraphId }
      : { ...before, message: event.payload.message };
  return screen === MAIN_SCREEN ? { ...state, screen: after } : { ...state, screens: { ...state.screens, [screen]: after } };
}

/** A time of day (HH:MM) in the language's digits: "15:00", "١٥:٠٠". */
export function formatClockTime(hhmm: string, lang: Lang): string {
  const zero = formatInteger(0, lang);
  return hhmm
    .split(':')
    .map((part) => formatInteger(Number(part), lang).padStart(2, zero))
    .join(':');
}

/**
 * A message's words in a language: the usual messages through `say` (the
 * UI strings), a typed one in that language, else in the meeting's, else in
 * the first language it was written in; with `fallback` null, a typed
 * message has words only in the languages it was written in (else null).
 */
export function screenMessageText(
  message: ScreenMessage,
  lang: Lang,
  say: (key: 'suspendedUntil' | 'consultations' | 'adjourned', values: Record<string, string>) => string,
  fallback: Lang | null,
): string | null {
  switch (message.kind) {
    case 'suspended_until':
      return say('suspendedUntil', { time: formatClockTime(message.time, lang) });
    case 'consultations':
      return say('consultations', { room: message.room });
    case 'adjourned':
      return say('adjourned', {});
    case 'text': {
      if (message.text[lang]) return message.text[lang]!;
      if (fallback === null) return null;
      return message.text[fallback] ?? LANGUAGES.map((l) => message.text[l]).find(Boolean) ?? null;
    }
  }
}
