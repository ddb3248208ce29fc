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
import { plainWords, type Actor, type Lang, type WordPart } from '@gavel/shared';
import { $readOutline, $readParagraphUnits } from '@gavel/shared/editor/outline';
import { numberDocument } from '@gavel/shared/editor/numbering';
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
  /** null: the paragraph was not in the text at that point. As it reads (placed brackets and typed words alike). */
  text: string | null;
  /** The same words as parts: placed brackets ({ t: 'bracket' }) apart from square brackets typed as words. */
  parts: WordPart[] | null;
  number: number | null;
}

const plain = (r: Reading) => (r.parts ? plainWords(r.parts) : null);

// A code may be shared by several people (the secretariat's): the name they signed in with tells them apart.
const writerKey = (actor: Actor) => `${actor.codeId ?? actor.role}:${actor.name}`;

/** A turn being read: its first and last write, and its writers. */
interface Turn {
  from: string;
  to: string;
  by: string[];
}

type Reading = Pick<ParagraphVersion, 'text' | 'parts' | 'number'>;

/**
 * The history of a paragraph, kept and extended as updates are stored: each
 * update is applied once, to a reader that stays, and the paragraph is read
 * at the end of each turn. The last turn read may not be over (its writer
 * may go on): its reading is kept aside and counted as a version only in
 * answers, until the next update says whether the turn ended.
 *
 * A replay is for one language and one set of unnumbered paragraphs (they
 * make the numbers), and for the status changes (turn boundaries) it has
 * passed: `fits` says whether it still answers for the meeting as it is now.
 */
export class HistoryReplay {
  private readonly reader = headlessFrom([], { writes: false });
  /** The last update applied, whose turn is still open. */
  private last: DocUpdateRecord | null = null;
  private turn: Turn | null = null;
  /** The paragraph after update `tail.seq`. */
  private tail: { seq: number; reading: Reading } = { seq: 0, reading: { text: null, parts: null, number: null } };
  /** Its words at the end of the last turn that ended (plain text: a typed "[a]" is not a placed one), and its versions up to there. */
  private lastText: string | null = null;
  private versions: ParagraphVersion[] = [];
  private boundaries: number[];

  constructor(
    readonly paragraphId: string,
    readonly lang: Lang,
    readonly omit: ReadonlySet<string>,
    boundaries: readonly string[],
  ) {
    this.boundaries = boundaries.map((at) => Date.parse(at));
  }

  /** The seq of the last update applied. */
  get seq(): number {
    return this.last?.seq ?? 0;
  }

  /** Whether this replay answers for these options: the same language, unnumbered paragraphs, and boundaries up to where it read. */
  fits(lang: Lang, omit: ReadonlySet<string>, boundaries: readonly string[]): boolean {
    if (lang !== this.lang || omit.size !== this.omit.size || [...omit].some((id) => !this.omit.has(id))) return false;
    // A boundary the replay has passed must have been known when it passed it; later ones count from the next update on.
    const upTo = this.last ? Date.parse(this.last.at) : -Infinity;
    const passed = (list: readonly number[]) => list.filter((b) => b < upTo).sort((a, b) => a - b).join();
    return passed(boundaries.map((at) => Date.parse(at))) === passed(this.boundaries);
  }

  /** Applies the stored updates after the last one applied (`updates` in order; those already applied are skipped). */
  extend(updates: readonly DocUpdateRecord[], boundaries: readonly string[]): void {
    this.boundaries = boundaries.map((at) => Date.parse(at));
    for (const u of updates) {
      if (u.seq <= this.seq) continue;
      if (this.last && this.turnEndsBefore(this.last, u)) this.closeTurn();
      Y.applyUpdate(this.reader.doc, u.update);
      const name = u.actor.name;
      this.turn = this.turn
        ? { ...this.turn, to: u.at, by: this.turn.by.includes(name) ? this.turn.by : [...this.turn.by, name] }
        : { from: u.at, to: u.at, by: [name] };
      this.last = u;
    }
    this.readTail();
  }

  /** The versions, oldest first (the last is the text now), at most MAX_VERSIONS. */
  history(): ParagraphVersion[] {
    const open = this.openVersion();
    return (open ? [...this.versions, open] : this.versions).slice(-MAX_VERSIONS);
  }

  close(): void {
    this.reader.dispose();
    this.reader.doc.destroy();
  }

  private turnEndsBefore(u: DocUpdateRecord, next: DocUpdateRecord): boolean {
    const from = Date.parse(u.at);
    const to = Date.parse(next.at);
    return writerKey(next.actor) !== writerKey(u.actor) || to - from > TURN_GAP_MS || this.boundaries.some((b) => b >= from && b < to);
  }

  /** The open turn ended with the last update: it is a version if it changed the paragraph. */
  private closeTurn(): void {
    const version = this.openVersion();
    if (version) this.versions = [...this.versions, version].slice(-MAX_VERSIONS);
    this.lastText = plain(this.tail.reading);
    this.turn = null;
  }

  /** A turn that left the paragraph as it was is not its history: only the writers of turns that changed it are named. */
  private openVersion(): ParagraphVersion | null {
    if (!this.turn || !this.last) return null;
    const now = this.readTail();
    return plain(now) === this.lastText ? null : { seq: this.last.seq, ...this.turn, ...now };
  }

  /** The paragraph after the last update applied, read once per update (a copy of it, its id twice, reads as the first). */
  private readTail(): Reading {
    if (this.last && this.tail.seq !== this.last.seq) {
      // The numbers of the whole text, the words of this paragraph alone.
      const unit = this.reader.editor.read(() => $readParagraphUnits(numberDocument($readOutline(), { lang: this.lang, omit: this.omit }), this.lang, this.paragraphId)[0]);
      this.tail = { seq: this.last.seq, reading: { text: unit?.text ?? null, parts: unit?.parts ?? null, number: unit?.number ?? null } };
    }
    return this.tail.reading;
  }
}

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
  const replay = new HistoryReplay(paragraphId, options.lang, options.omit ?? new Set(), options.boundaries ?? []);
  try {
    replay.extend(updates, options.boundaries ?? []);
    return replay.history();
  } finally {
    replay.close();
  }
}
