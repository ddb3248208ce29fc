import type { ParagraphStatus } from './paragraphs';

/**
 * Reading a text for adoption, paragraph by paragraph: after each decision
 * the chair moves on to the next paragraph still open, in text order, and
 * after the last comes back to those deferred. Adopted, deleted and
 * no-consensus paragraphs are done; a paragraph agreed ad referendum before
 * the reading is read again (to be adopted), but not once the reading itself
 * agreed it ad referendum (`settled`).
 */
const DONE: ReadonlySet<ParagraphStatus> = new Set<ParagraphStatus>(['adopted', 'deleted', 'no_consensus']);

export function isOpenForReading(status: ParagraphStatus, settledInThisReading: boolean): boolean {
  return !DONE.has(status) && !settledInThisReading;
}

/**
 * The paragraph to read after `after` (null: from the start): the next open
 * one in `order`, wrapping around; `after` itself only if it is the last open
 * one (a paragraph deferred when nothing else is left); null when all are done.
 */
export function nextToRead(order: readonly string[], isOpen: (paragraphId: string) => boolean, after: string | null): string | null {
  const start = after === null ? 0 : order.indexOf(after) + 1;
  for (let i = 0; i < order.length; i++) {
    const id = order[(start + i) % order.length];
    if (id !== after && isOpen(id)) return id;
  }
  return after !== null && order.includes(after) && isOpen(after) ? after : null;
}
