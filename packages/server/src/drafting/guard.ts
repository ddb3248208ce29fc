/**
 * "The text of an adopted paragraph is read-only for everyone until the chair
 * reopens it": the server-side check, run by the Yjs server on every update
 * before it is applied to the live document. Hiding buttons is not enough;
 * a client can send any update.
 *
 * The check needs the text as it would be after the update, without touching
 * the live document. So each live document with adopted paragraphs has a
 * mirror (mirror.ts): a second Y.Doc that follows the live one, with a
 * headless Lexical reader bound to it. The update is applied to the mirror
 * and the adopted paragraphs are compared (their words, marks, footnotes and
 * references, with their subparagraphs) before and after. A refused update
 * leaves the mirror ahead of the live document, so the mirror is then
 * rebuilt from it on the next check.
 *
 * What a keystroke costs is what it changes: the fingerprint of every
 * top-level block is kept, and after an update only the blocks Lexical
 * marked dirty are read again; the units (a paragraph and its lists) are
 * then put together from the kept fingerprints, without reading any text.
 *
 * Documents without adopted paragraphs cost nothing: no mirror is kept.
 */
import * as Y from 'yjs';
import { $getNodeByKey, $getRoot, $isRootNode, type LexicalNode } from 'lexical';
import { $isListNode } from '@lexical/list';
import { $isNumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { $blockFingerprint, unitFingerprint } from '@gavel/shared/editor/outline';
import { headlessFrom, type HeadlessText } from './headless';
import { LiveMirror } from './mirror';

/** A top-level block as the guard knows it. */
interface Block {
  /** A numbered paragraph's id (it opens a unit); null for anything else. */
  paragraphId: string | null;
  /** A list joins the unit of the paragraph before it. */
  list: boolean;
  fingerprint: string;
}

interface Mirror {
  text: HeadlessText;
  follower: LiveMirror;
  /** The top-level blocks in order, by Lexical key, as of the mirror's state; null until first read. */
  order: string[] | null;
  blocks: Map<string, Block>;
  /** Keys of top-level blocks Lexical changed since the last reading. */
  touched: Set<string>;
  stopListening: () => void;
}

export interface GuardVerdict {
  ok: boolean;
  /** For the refusal sent to the writer and the log. */
  message?: string;
  /** The adopted paragraphs the update would have changed. */
  paragraphIds?: string[];
}

/**
 * The fingerprints of the units of the paragraphs `ids`, from the kept
 * blocks (what `$readParagraphUnits` would give, for these ids only): a
 * copy of a paragraph (same id twice) makes two units.
 */
function unitsOf(order: readonly string[], blocks: ReadonlyMap<string, Block>, ids: ReadonlySet<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let open: string[] | null = null;
  const close = (id: string | null) => {
    if (open && id !== null) out.set(id, [...(out.get(id) ?? []), unitFingerprint(open)]);
    open = null;
  };
  let current: string | null = null;
  for (const key of order) {
    const block = blocks.get(key)!;
    if (block.paragraphId !== null) {
      close(current);
      current = block.paragraphId;
      open = ids.has(current) ? [block.fingerprint] : null;
    } else if (block.list && current !== null) {
      open?.push(block.fingerprint);
    } else {
      close(current);
      current = null;
    }
  }
  close(current);
  return out;
}

/** The number `$readDraft('en')` gives paragraph `id` (its first copy), from the kept blocks. */
function numberOf(order: readonly string[], blocks: ReadonlyMap<string, Block>, id: string): number | null {
  const seen = new Set<string>();
  for (const key of order) {
    const pid = blocks.get(key)!.paragraphId;
    if (pid === null || seen.has(pid)) continue;
    seen.add(pid);
    if (pid === id) return seen.size;
  }
  return null;
}

function sameUnits(a: string[] | undefined, b: string[] | undefined): boolean {
  if (!a || !b) return a === b;
  return a.length === b.length && a.every((f, i) => f === b[i]);
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
    const order = this.read(mirror);
    const blocks = new Map(mirror.blocks);
    const before = unitsOf(order, blocks, adopted);
    try {
      mirror.follower.apply(update);
    } catch (e) {
      return { ok: false, message: `the update does not apply: ${(e as Error).message}` };
    }
    const after = unitsOf(this.read(mirror), mirror.blocks, adopted);
    const changed = [...adopted].filter((id) => !sameUnits(before.get(id), after.get(id)));
    if (changed.length === 0) return { ok: true };
    mirror.follower.tainted = true;
    const numbers = changed.filter((id) => before.has(id)).map((id) => numberOf(order, blocks, id)).filter((n): n is number => n !== null);
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
    mirror.follower.stop();
    mirror.stopListening();
    mirror.text.dispose();
    mirror.text.doc.destroy();
    this.mirrors.delete(key);
  }

  close(): void {
    for (const key of [...this.mirrors.keys()]) this.forget(key);
  }

  private mirrorOf(key: string, live: Y.Doc): Mirror {
    const existing = this.mirrors.get(key);
    if (existing?.follower.catchUp(live)) return existing;
    this.forget(key);
    const text = headlessFrom(Y.encodeStateAsUpdate(live), { writes: false });
    const touched = new Set<string>();
    // Which top-level blocks each change of the mirror's editor touched (a change inside one marks its ancestors too).
    const stopListening = text.editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) =>
      editorState.read(() => {
        for (const key of [...dirtyElements.keys(), ...dirtyLeaves]) {
          const top = topLevelKey($getNodeByKey(key));
          if (top) touched.add(top);
        }
      }),
    );
    const mirror: Mirror = { text, follower: new LiveMirror(live, text.doc), order: null, blocks: new Map(), touched, stopListening };
    this.mirrors.set(key, mirror);
    return mirror;
  }

  /** The top-level blocks in order, their kept fingerprints brought up to date: only the touched ones are read. */
  private read(mirror: Mirror): string[] {
    return mirror.text.editor.read(() => {
      const order = $getRoot().getChildrenKeys();
      const moved = mirror.order === null || mirror.order.length !== order.length || mirror.order.some((k, i) => k !== order[i]);
      const stale = mirror.order === null ? order : [...mirror.touched, ...(moved ? order.filter((k) => !mirror.blocks.has(k)) : [])];
      mirror.touched.clear();
      for (const key of stale) {
        const node = $getNodeByKey(key);
        if (node && $isRootNode(node.getParent())) {
          mirror.blocks.set(key, {
            paragraphId: $isNumberedParagraphNode(node) ? node.getParagraphId() : null,
            list: $isListNode(node),
            fingerprint: $blockFingerprint(node),
          });
        } else mirror.blocks.delete(key);
      }
      if (moved) {
        const present = new Set(order);
        for (const key of mirror.blocks.keys()) if (!present.has(key)) mirror.blocks.delete(key);
      }
      mirror.order = order;
      return order;
    });
  }
}

function topLevelKey(node: LexicalNode | null): string | null {
  if (!node || $isRootNode(node)) return null;
  return node.getTopLevelElement()?.getKey() ?? null;
}
