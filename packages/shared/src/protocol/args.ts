/**
 * What each socket.io event a client may send carries, as schemas: the server
 * validates every event's arguments with these before touching them
 * (server realtime/handle.ts), and the fuzz suite generates hostile arguments
 * from them. An event not listed here is dropped on arrival.
 */
import { z } from 'zod';
import { LANGUAGES } from '../languages';
import { SignedHeadSchema } from './record';
import { asBytes } from './yjs';

/** A document's name as sent: a string; whether it names a document of the meeting is decided after. */
const docName = z.string().max(256);
/** One y-protocols message: binary (a Buffer in Node, an ArrayBuffer from a browser). */
const bytes = z.custom<Uint8Array>((v) => asBytes(v) !== null, 'expected binary data').transform((v) => asBytes(v)!);
/** A command: read by parseCommand in the handler, so that it answers unknown_command or invalid_command as HTTP does. */
const command = z.unknown();

export type AckUse = 'required' | 'optional' | 'none';

export const SOCKET_EVENTS = {
  command: { args: z.tuple([command]), ack: 'required' },
  sync: { args: z.tuple([]), ack: 'required' },
  resume: { args: z.tuple([z.number().int().min(0)]), ack: 'required' },
  'record:claim': { args: z.tuple([SignedHeadSchema]), ack: 'required' },
  'doc:join': { args: z.tuple([docName]), ack: 'required' },
  'doc:leave': { args: z.tuple([docName]), ack: 'none' },
  'doc:msg': { args: z.tuple([docName, bytes]), ack: 'optional' },
  'report:watch': { args: z.tuple([z.enum(LANGUAGES).nullable()]), ack: 'required' },
  'texts:follow': { args: z.tuple([z.boolean()]), ack: 'required' },
} as const satisfies Record<string, { args: z.ZodTuple; ack: AckUse }>;

export type SocketEventName = keyof typeof SOCKET_EVENTS;
export type SocketEventArgs<E extends SocketEventName> = z.output<(typeof SOCKET_EVENTS)[E]['args']>;

export const isSocketEventName = (name: unknown): name is SocketEventName =>
  typeof name === 'string' && Object.hasOwn(SOCKET_EVENTS, name);
