import type { Category, QueueLine, SpeakerEntry } from '@gavel/shared';

/** Why a delegation's request went back on the list since it last saw the list. */
export type PlaceChange =
  | { kind: 'point_of_order'; entry: SpeakerEntry; position: number }
  | { kind: 'precedence'; entry: SpeakerEntry; category: Category | null; position: number }
  | { kind: 'reordered'; position: number };

/**
 * Compares the list as it was (entry ids in order) with the list now, for one
 * request: null unless it moved back. What came ahead of it says why: a point
 * of order (heard first), a request made after it that the rules put first (a
 * State party ahead of a signatory), or else the chair reordered the list.
 */
export function whyMovedBack(before: readonly string[], after: readonly QueueLine[], entryId: string): PlaceChange | null {
  const was = before.indexOf(entryId);
  const now = after.findIndex((l) => l.entry.id === entryId);
  if (was < 0 || now <= was) return null;
  const position = now + 1;
  const aheadBefore = new Set(before.slice(0, was));
  const newcomers = after.slice(0, now).filter((l) => !aheadBefore.has(l.entry.id));
  const latest = (lines: QueueLine[]) => lines.reduce<QueueLine | undefined>((a, l) => (!a || l.entry.requestedSeq > a.entry.requestedSeq ? l : a), undefined);
  const pointOfOrder = latest(newcomers.filter((l) => l.entry.kind === 'point_of_order'));
  if (pointOfOrder) return { kind: 'point_of_order', entry: pointOfOrder.entry, position };
  const mine = after[now].entry;
  // New on the list since, asked after it, yet ahead: the rules put its class first. One that was behind it before was moved by the chair.
  const listedBefore = new Set(before);
  const ahead = latest(newcomers.filter((l) => !listedBefore.has(l.entry.id) && l.entry.requestedSeq > mine.requestedSeq));
  if (ahead) return { kind: 'precedence', entry: ahead.entry, category: ahead.category, position };
  return { kind: 'reordered', position };
}
