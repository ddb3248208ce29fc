/**
 * A paragraph's history: how it read at earlier points, and who wrote it.
 *
 * Every accepted update is stored with its writer and time (the Yjs store
 * keeps them all, checkpoints or not), so the text can be rebuilt at any
 * point by applying them in order. A point per keystroke would bury the
 * reader; the points kept are the ends of writing turns: a turn ends when
 * someone else writes, after a pause, or when the paragraph's status
 * changes (so that the text as adopted is a version). A version is kept
 * when the paragraph's text differs from the version before.
 */
import * as Y from 'yjs';
import type { Actor, Lang } from '@gavel/shared';
import { $readDraft } from '@gavel/shared/editor/outline';
import type { DocUpdateRecord } from '../store/store';
import { headlessFrom } from './headless';

/** A pause this long ends a writing turn. */
export const TURN_GAP_MS = 60_000;
/** Most versions returned: the latest. */
export const MAX_VERSIONS = 300;

export interface ParagraphVersion {
  /** The last stored update the version includes: the point it shows. */
  seq: number;
  /** First and last write of the turns it covers. */
  from: string;
  to: string;
  /** Who wrote in those turns (who held the pen), in order. */
  by: string[];
  /** null: the paragraph was not in the text at that point. */
  text: string | null;
  number: number | null;
}

// A code may be shared by several people (the secretariat's): the name they signed in with tells them apart.
const writerKey = (actor: Actor) => `${actor.codeId ?? actor.role}:${actor.name}`;

/**
 * The versions of one paragraph, oldest first; the last is the text now.
 * `updates` are a document's stored updates from the first, in order.
 */
export function paragraphHistory(
  updates: readonly DocUpdateRecord[],
  paragraphId: string,
  options: {
    lang: Lang;
    omit?: ReadonlySet<string>;
    /** Moments that end a turn whatever the writers do: the paragraph's status changes (its text as adopted, say). */
    boundaries?: readonly string[];
  },
): ParagraphVersion[] {
  const boundaries = (options.boundaries ?? []).map((at) => Date.parse(at));
  const crossesBoundary = (from: string, to: string) => boundaries.some((b) => b >= Date.parse(from) && b < Date.parse(to));
  const reader = headlessFrom([], { writes: false });
  try {
    const versions: ParagraphVersion[] = [];
    // The turn being read: its first and last write and its writers.
    let pending: { from: string; to: string; by: string[] } | null = null;
    let lastText: string | null | undefined;
    updates.forEach((u, i) => {
      Y.applyUpdate(reader.doc, u.update);
      const name = u.actor.name;
      pending = pending
        ? { ...pending, to: u.at, by: pending.by.includes(name) ? pending.by : [...pending.by, name] }
        : { from: u.at, to: u.at, by: [name] };
      const next = updates[i + 1];
      const turnEnds =
        !next ||
        writerKey(next.actor) !== writerKey(u.actor) ||
        Date.parse(next.at) - Date.parse(u.at) > TURN_GAP_MS ||
        crossesBoundary(u.at, next.at);
      if (!turnEnds) return;
      const unit = reader.editor.read(() => $readDraft(options.lang, options.omit).units.find((x) => x.id === paragraphId));
      const text = unit?.text ?? null;
      // A turn that left the paragraph as it was is not its history: only the writers of turns that changed it are named.
      if (text !== lastText && (lastText !== undefined || text !== null)) {
        versions.push({ seq: u.seq, ...pending, text, number: unit?.number ?? null });
      }
      lastText = text;
      pending = null;
    });
    return versions.slice(-MAX_VERSIONS);
  } finally {
    reader.dispose();
    reader.doc.destroy();
  }
}
