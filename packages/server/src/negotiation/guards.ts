/**
 * Rules of the text the Yjs server checks on every client update (update
 * guards, see docs/service.ts):
 *
 * - BracketGuard: brackets in a negotiated text are placed and lifted only
 *   by the chair's recorded decisions, which the server applies itself. A
 *   client update that makes a bracket (a crafted "[…] (Norway)" in someone
 *   else's name), changes one, copies one or removes one is refused. A text
 *   with no open bracket costs a byte search; otherwise a mirror Y.Doc
 *   (following the live one update by update, like the adopted-paragraph
 *   guard's: drafting/mirror.ts) is read at the Yjs level, without Lexical.
 * - DraftMetaGuard: in an amendment's draft, what the server keeps beside the
 *   words (what it amends, the base of the merge) is the server's alone.
 */
import * as Y from 'yjs';
import { BRACKET_TYPE, PARAGRAPH_TYPE } from '@gavel/shared/editor/nodes';
import { LiveMirror } from '../drafting/mirror';

/** Where a draft's meta lives in its Y.Doc. */
export const DRAFT_META_MAP = 'gavel';
export const DRAFT_META_KEY = 'amendment';

const encoder = new TextEncoder();
/** Bytes any update that makes or changes a bracket node carries (its type, or its properties). */
const MARKERS = [BRACKET_TYPE, '__bid', '__alts'].map((s) => encoder.encode(s));

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first); i >= 0 && i <= haystack.length - needle.length; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Every bracket node of a Lexical-in-Yjs text, in document order, as
 * comparable strings, with the paragraph it belongs to (a subparagraph's,
 * the paragraph before its list): the ledger knows brackets per paragraph,
 * so moving one to another paragraph (splitting it with Enter, say) is a
 * change too.
 */
export function bracketSignature(doc: Y.Doc): string[] {
  const out: string[] = [];
  let paragraph: unknown = null;
  const visit = (type: Y.XmlText, top: boolean) => {
    for (const op of type.toDelta() as { insert: unknown }[]) {
      const insert = op.insert;
      if (insert instanceof Y.XmlText) {
        if (top) {
          const kind = insert.getAttribute('__type');
          // Lists carry on the paragraph before them; anything else (a heading) ends it.
          if (kind === PARAGRAPH_TYPE) paragraph = insert.getAttribute('__pid');
          else if (kind !== 'list') paragraph = null;
        }
        visit(insert, false);
      } else if (insert instanceof Y.XmlElement) {
        if (insert.getAttribute('__type') === BRACKET_TYPE) {
          const attrs = insert.getAttributes() as Record<string, unknown>;
          out.push(JSON.stringify([attrs.__bid, attrs.__alts, attrs.__by, attrs.__label, paragraph]));
        }
      }
    }
  };
  visit(doc.get('root', Y.XmlText), true);
  return out;
}

interface Mirror {
  /** A copy following the live document (drafting/mirror.ts): no full snapshot per keystroke. */
  follower: LiveMirror;
  /** The brackets as of the mirror's state, read at the last check. */
  signature: string[] | null;
  /** How many live changes the follower had taken at the last check. */
  checkedAt: number;
}

export class BracketGuard {
  private readonly mirrors = new Map<string, Mirror>();

  /** Why `update` may not be applied to `live`, or null. `hasOpen`: the ledger knows open brackets in this text. */
  check(key: string, live: Y.Doc, update: Uint8Array, hasOpen: boolean): string | null {
    if (!hasOpen && !MARKERS.some((m) => contains(update, m))) {
      this.forget(key);
      return null;
    }
    const mirror = this.mirrorOf(key, live);
    const before = mirror.signature ?? bracketSignature(mirror.follower.copy);
    try {
      mirror.follower.apply(update);
    } catch (e) {
      return `the update does not apply: ${(e as Error).message}`;
    }
    const after = bracketSignature(mirror.follower.copy);
    mirror.signature = after;
    if (before.length === after.length && before.every((s, i) => s === after[i])) return null;
    mirror.follower.tainted = true;
    return 'brackets are placed and lifted by the chair’s recorded decisions, not typed: this change would make, change or remove one';
  }

  forget(key: string): void {
    const mirror = this.mirrors.get(key);
    if (!mirror) return;
    mirror.follower.stop();
    mirror.follower.copy.destroy();
    this.mirrors.delete(key);
  }

  close(): void {
    for (const key of [...this.mirrors.keys()]) this.forget(key);
  }

  private mirrorOf(key: string, live: Y.Doc): Mirror {
    const existing = this.mirrors.get(key);
    // The server's own edits (a decision applied) reach the live doc without passing here: the follower applies them too.
    if (existing?.follower.catchUp(live)) {
      // What the follower took from the live doc since the last check may have moved brackets: read them again.
      if (existing.follower.followed !== existing.checkedAt) existing.signature = null;
      existing.checkedAt = existing.follower.followed;
      return existing;
    }
    this.forget(key);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live));
    const mirror: Mirror = { follower: new LiveMirror(live, doc), signature: null, checkedAt: 0 };
    this.mirrors.set(key, mirror);
    return mirror;
  }
}

export class DraftMetaGuard {
  /** Drafts are small: the update is tried on a copy. */
  check(live: Y.Doc, update: Uint8Array): string | null {
    const copy = new Y.Doc();
    try {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(live));
      const before = JSON.stringify(copy.getMap(DRAFT_META_MAP).toJSON());
      Y.applyUpdate(copy, update);
      const after = JSON.stringify(copy.getMap(DRAFT_META_MAP).toJSON());
      return before === after ? null : 'what the draft amends is kept by the server and cannot be changed';
    } catch (e) {
      return `the update does not apply: ${(e as Error).message}`;
    } finally {
      copy.destroy();
    }
  }
}
