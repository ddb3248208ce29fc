/**
 * "The text of an adopted paragraph is read-only for everyone until the chair
 * reopens it": the server-side check, run by the Yjs server on every update
 * before it is applied to the live document. Hiding buttons is not enough;
 * a client can send any update.
 *
 * The check needs the text as it would be after the update, without touching
 * the live document. So each live document with adopted paragraphs has a
 * mirror: a second Y.Doc, kept equal to the live one, with a headless Lexical
 * reader bound to it. The update is applied to the mirror and the adopted
 * paragraphs are compared (their words, marks, footnotes and references,
 * with their subparagraphs) before and after. A refused update leaves the
 * mirror ahead of the live document, so the mirror is then rebuilt from it
 * on the next check; an accepted one leaves it exactly where the live
 * document will be. Before each check the mirror is compared with the live
 * document (state vector and deletions) and rebuilt if they differ, so it
 * can never drift for long, whatever happened in between.
 *
 * Documents without adopted paragraphs cost nothing: no mirror is kept.
 */
import * as Y from 'yjs';
import { $readDraft, type ParagraphUnit } from '@gavel/shared/editor/outline';
import { headlessFrom, type HeadlessText } from './headless';

interface Mirror {
  text: HeadlessText;
  /** The mirror holds an update the live document refused: rebuild before the next use. */
  tainted: boolean;
  /** Fingerprints of the paragraphs as of the mirror's current state, if read since its last change. */
  reading: Map<string, ParagraphUnit[]> | null;
}

export interface GuardVerdict {
  ok: boolean;
  /** For the refusal sent to the writer and the log. */
  message?: string;
  /** The adopted paragraphs the update would have changed. */
  paragraphIds?: string[];
}

/** Units by paragraph id; a copy of a paragraph (same id twice) makes a list of two. */
function byId(units: ParagraphUnit[]): Map<string, ParagraphUnit[]> {
  const out = new Map<string, ParagraphUnit[]>();
  for (const u of units) out.set(u.id, [...(out.get(u.id) ?? []), u]);
  return out;
}

function sameUnits(a: ParagraphUnit[] | undefined, b: ParagraphUnit[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((u, i) => u.fingerprint === b[i].fingerprint);
}

export class AdoptedParagraphGuard {
  private readonly mirrors = new Map<string, Mirror>();

  /**
   * May `update` be applied to `live`, whose adopted paragraphs are `adopted`?
   * `live` is not changed. Throws nothing for a bad update: it is refused.
   */
  check(key: string, live: Y.Doc, update: Uint8Array, adopted: ReadonlySet<string>): GuardVerdict {
    if (adopted.size === 0) {
      this.forget(key);
      return { ok: true };
    }
    const mirror = this.mirrorOf(key, live);
    const before = mirror.reading ?? this.read(mirror);
    try {
      Y.applyUpdate(mirror.text.doc, update);
    } catch (e) {
      mirror.tainted = true;
      return { ok: false, message: `the update does not apply: ${(e as Error).message}` };
    }
    const after = this.read(mirror);
    const changed = [...adopted].filter((id) => !sameUnits(before.get(id), after.get(id)));
    if (changed.length === 0) return { ok: true };
    mirror.tainted = true;
    const numbers = changed.map((id) => before.get(id)?.[0]?.number).filter((n): n is number => n !== null && n !== undefined);
    const which = numbers.length ? numbers.join(', ') : changed.join(', ');
    return {
      ok: false,
      message: `adopted paragraph${changed.length > 1 ? 's' : ''} ${which} cannot change until the chair reopens ${changed.length > 1 ? 'them' : 'it'}`,
      paragraphIds: changed,
    };
  }

  /** Drops the mirror of a document (unloaded, or without adopted paragraphs now). */
  forget(key: string): void {
    const mirror = this.mirrors.get(key);
    if (!mirror) return;
    mirror.text.dispose();
    mirror.text.doc.destroy();
    this.mirrors.delete(key);
  }

  close(): void {
    for (const key of [...this.mirrors.keys()]) this.forget(key);
  }

  private mirrorOf(key: string, live: Y.Doc): Mirror {
    const existing = this.mirrors.get(key);
    if (existing && !existing.tainted && Y.equalSnapshots(Y.snapshot(existing.text.doc), Y.snapshot(live))) return existing;
    this.forget(key);
    const mirror: Mirror = { text: headlessFrom(Y.encodeStateAsUpdate(live), { writes: false }), tainted: false, reading: null };
    this.mirrors.set(key, mirror);
    return mirror;
  }

  private read(mirror: Mirror): Map<string, ParagraphUnit[]> {
    // The language only words the labels, which fingerprints leave out.
    const units = mirror.text.editor.read(() => $readDraft('en').units);
    mirror.reading = byId(units);
    return mirror.reading;
  }
}
