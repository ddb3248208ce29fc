/**
 * Collaborative texts over the meeting's socket.io connection.
 *
 * A meeting has named Y.Docs (see `parseDocName`); a client joins the ones it
 * shows and speaks the y-protocols messages (sync step 1 / step 2 / update,
 * awareness) inside socket.io events that name the document. Many documents
 * share the one connection, which was authenticated at the handshake: the
 * meeting is always the session's own, so a document name never names a
 * meeting.
 *
 *   client → server
 *     doc:join  (docName, ack)           ack: DocJoinResult
 *     doc:leave (docName)
 *     doc:msg   (docName, bytes, ack?)   bytes: one y-protocols message.
 *               An update (sync step 2 or update) acknowledged with
 *               { ok: true } once it is STORED, or { ok: false, error }.
 *   server → client
 *     doc:msg      (docName, bytes)      sync step 1 / step 2 / update, awareness
 *     doc:writable (docName, canWrite)   the pen moved
 *     doc:refused  (docName, refusal)    a write was dropped
 *
 * Bytes: send an ArrayBuffer holding exactly the message (the msgpack parser
 * sends a typed array's whole underlying buffer, and the browser encoder does
 * not know typed arrays at all); receivers get a Buffer (Node) or an
 * ArrayBuffer (browser): wrap with `asBytes`.
 */
import type { ErrorBody } from '../core/errors';
import { MAX_COMMAND_BYTES } from './messages';

export const YWS = {
  join: 'doc:join',
  leave: 'doc:leave',
  msg: 'doc:msg',
  writable: 'doc:writable',
  refused: 'doc:refused',
} as const;

/** y-protocols message types (the first varUint of every doc:msg). */
export const Y_MESSAGE = { sync: 0, awareness: 1 } as const;
/** y-protocols sync message kinds (the second varUint of a sync message). */
export const Y_SYNC = { step1: 0, step2: 1, update: 2 } as const;

/**
 * Largest y-protocols message accepted on a document, in bytes. Larger texts
 * arrive in many updates as they are typed; a whole draft is imported on the
 * server, never sent in one piece by a client. The socket's frame limit
 * (socket.io maxHttpBufferSize) is MAX_COMMAND_BYTES; this leaves 1 KiB of
 * it for socket.io's envelope (event and document names, ack id), so that a
 * message over this limit but within a frame is refused and logged by the
 * server, and a larger frame is cut by the transport.
 */
export const MAX_DOC_MESSAGE_BYTES = MAX_COMMAND_BYTES - 1024;

const ID = '[a-z]{1,3}_[A-Za-z0-9]{6,32}';
/**
 * The written parts of an agenda item's section in chapter IV of the report,
 * between its generated paragraphs: the chair's introduction of the item,
 * the panellists' presentations, and the discussion (`summary:<item>`).
 */
export const SUMMARY_PARTS = ['introduction', 'presentations', 'discussion'] as const;
export type SummaryPart = (typeof SUMMARY_PARTS)[number];

/**
 * The sections of chapter III of the report (organization of the meeting):
 * generated from the record, and editable only by adding to them, in the
 * text `addition:<section>` after the generated paragraphs.
 */
export const ORGANIZATION_SECTIONS = ['opening', 'agenda_adoption', 'attendance', 'documentation'] as const;
export type OrganizationSection = (typeof ORGANIZATION_SECTIONS)[number];

/** Every document name a meeting can have. Nothing else is ever loaded or created. */
export const DOC_NAME = new RegExp(
  `^(?:recommendations|introduction|adoption|addition:(?:${ORGANIZATION_SECTIONS.join('|')})|summary:${ID}(?::introduction|:presentations)?|amendment:${ID})$`,
);

export type DocRef =
  /** The draft recommendations: the text negotiated in the room. */
  | { kind: 'recommendations' }
  /** I. Introduction of the report (written by the secretariat). */
  | { kind: 'introduction' }
  /** V. Adoption of the report: what the secretariat adds after the generated paragraph. */
  | { kind: 'adoption' }
  /** What the secretariat adds to a section of III after its generated paragraphs. */
  | { kind: 'addition'; section: OrganizationSection }
  /** A written part of the summary of the deliberations on an agenda item. */
  | { kind: 'summary'; itemId: string; part: SummaryPart }
  /** A delegation's amendment (issue 5: private to it until tabled). */
  | { kind: 'amendment'; amendmentId: string };

export function parseDocName(name: unknown): DocRef | null {
  if (typeof name !== 'string' || name.length > 64 || !DOC_NAME.test(name)) return null;
  if (name === 'recommendations' || name === 'introduction' || name === 'adoption') return { kind: name };
  const [kind, id, part] = name.split(':');
  if (kind === 'addition') return { kind: 'addition', section: id as OrganizationSection };
  return kind === 'summary' ? { kind: 'summary', itemId: id, part: (part as SummaryPart | undefined) ?? 'discussion' } : { kind: 'amendment', amendmentId: id };
}

/** A text of the whole meeting (the recommendations, the report's written parts), open to every participant: not an amendment's private draft. */
export function isMeetingText(name: unknown): boolean {
  const ref = parseDocName(name);
  return ref !== null && ref.kind !== 'amendment';
}

export function docNameOf(ref: DocRef): string {
  switch (ref.kind) {
    case 'summary':
      return ref.part === 'discussion' ? `summary:${ref.itemId}` : `summary:${ref.itemId}:${ref.part}`;
    case 'amendment':
      return `amendment:${ref.amendmentId}`;
    case 'addition':
      return `addition:${ref.section}`;
    default:
      return ref.kind;
  }
}

export type DocJoinResult = { ok: true; canWrite: boolean } | { ok: false; error: ErrorBody };
export type DocAck = { ok: true } | { ok: false; error: ErrorBody };

/**
 * Why a write was dropped:
 * - `forbidden`: the session does not hold the pen (or never may write this document);
 * - `invalid_update`: malformed, too large, or not applicable to the document;
 * - `guard`: a rule of the text refused it (an adopted paragraph is read-only, say);
 * - `diverged`: an earlier update of this connection was refused, so later ones are
 *   dropped until the client joins again with a fresh copy;
 * - `internal`: the server could not store it; the client should resync and resend.
 */
export type DocRefusalReason = 'forbidden' | 'invalid_update' | 'guard' | 'diverged' | 'record_broken' | 'internal';
export interface DocRefusal {
  reason: DocRefusalReason;
  message: string;
}

/** A doc:msg payload as received: Buffer/Uint8Array in Node, ArrayBuffer in the browser. */
export type DocBytes = ArrayBuffer | Uint8Array;

/** The received bytes as a Uint8Array (no copy), or null if it is not binary. */
export function asBytes(value: unknown): Uint8Array | null {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

/** An ArrayBuffer holding exactly these bytes, for emitting (copies only when the view is partial). */
export function toWire(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  return bytes.slice().buffer as ArrayBuffer;
}

export interface DocClientToServerEvents {
  'doc:join': (docName: unknown, ack: (result: DocJoinResult) => void) => void;
  'doc:leave': (docName: unknown) => void;
  'doc:msg': (docName: unknown, message: unknown, ack?: (result: DocAck) => void) => void;
}

export interface DocServerToClientEvents {
  'doc:msg': (docName: string, message: DocBytes) => void;
  'doc:writable': (docName: string, canWrite: boolean) => void;
  'doc:refused': (docName: string, refusal: DocRefusal) => void;
}
