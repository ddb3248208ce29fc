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
 * Most keystrokes cost less still: before any of that, the update is looked
 * at in the Yjs structures of the live document (`leavesAdoptedAlone`).
 * One that only inserts and deletes inside top-level blocks that belong to
 * no adopted paragraph (typing in a paragraph being drafted) is let through
 * without the mirror, which catches up when it is next needed.
 *
 * Documents without adopted paragraphs cost nothing: no mirror is kept.
 */
import * as Y from 'yjs';
import { $getNodeByKey, $getRoot, $isRootNode, type LexicalNode } from 'lexical';
import { $isListNode } from '@lexical/list';
import { $isNumberedParagraphNode, PARAGRAPH_TYPE } from '@gavel/shared/editor/nodes';
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

/** Where an item of an update sits: its parent type, and whether it is a property (a map entry) rather than content. */
interface Place {
  parent: Y.AbstractType<unknown>;
  property: boolean;
}

/**
 * Whether `update` certainly leaves every adopted paragraph (with its lists)
 * as it is, read from the live document's Yjs structures without applying
 * anything: every item it inserts or deletes is content (or a property of a
 * node inside a block, not of the block itself) within a top-level block
 * that is neither an adopted paragraph nor one of the lists after it. A new
 * or removed block, a block's own properties (its kind, its paragraph id),
 * anything this cannot place: false, and the full check decides.
 */
export function leavesAdoptedAlone(live: Y.Doc, update: Uint8Array, adopted: ReadonlySet<string>): boolean {
  // The editor's root (typed as XmlText by whoever reads it through Lexical; an AbstractType until then).
  const root = live.share.get('root');
  if (!root) return false;
  const store = live.store;
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return false;
  }
  const placeOfLive = (item: Y.Item | Y.GC): Place | null =>
    item instanceof Y.Item ? { parent: item.parent as Y.AbstractType<unknown>, property: item.parentSub !== null } : null;
  /** This update's own items by client, in order, where they are placed. */
  const own = new Map<number, { clock: number; length: number; place: Place }[]>();
  const placeOfId = (id: Y.ID): Place | null => {
    if (id.clock < Y.getState(store, id.client)) return placeOfLive(Y.getItem(store, id));
    return own.get(id.client)?.find((o) => o.clock <= id.clock && id.clock < o.clock + o.length)?.place ?? null;
  };
  /** The top-level block a type is inside (the item that holds it in the root), or null if it is the root, outside it, or deleted. */
  const blockOf = (type: Y.AbstractType<unknown>): Y.Item | null => {
    for (let t = type; ; ) {
      const item = t._item;
      if (!item || item.deleted) return null;
      if (item.parent === root) return item;
      t = item.parent as Y.AbstractType<unknown>;
    }
  };
  const blocks = new Set<Y.Item>();
  /** Notes the block a change at `place` is in; false when that is not plainly inside a block. */
  const touch = (place: Place | null): boolean => {
    if (!place || place.parent === root) return false;
    // A property of a top-level block itself (its kind, its paragraph id, its indent): the full check.
    if (place.property && place.parent._item?.parent === root) return false;
    const block = blockOf(place.parent);
    if (!block) return false;
    blocks.add(block);
    return true;
  };

  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) return false;
    const { origin, rightOrigin, parent, parentSub } = struct as unknown as {
      origin: Y.ID | null;
      rightOrigin: Y.ID | null;
      parent: Y.ID | string | null;
      parentSub: string | null;
    };
    let place: Place | null;
    if (parent === null) {
      // Placed next to its neighbours: it is where they are.
      const neighbour = origin ?? rightOrigin;
      place = neighbour ? placeOfId(neighbour) : null;
    } else if (typeof parent === 'string') {
      place = null;
    } else {
      const holder = parent.clock < Y.getState(store, parent.client) ? Y.getItem(store, parent) : null;
      place = holder instanceof Y.Item && holder.content instanceof Y.ContentType ? { parent: holder.content.type, property: parentSub !== null } : null;
    }
    if (!touch(place)) return false;
    const list = own.get(struct.id.client) ?? [];
    list.push({ clock: struct.id.clock, length: struct.length, place: place! });
    own.set(struct.id.client, list);
  }
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = store.clients.get(client);
    for (const { clock, len } of ranges) {
      // Deleting what the live document does not hold yet (this update's own items): the full check.
      if (!structs || clock + len > Y.getState(store, client)) return false;
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
        const item = structs[i];
        // Content already collected is gone from every reading.
        if (item instanceof Y.GC) continue;
        if (!touch(placeOfLive(item))) return false;
      }
    }
  }

  for (const block of blocks) {
    // The paragraph whose unit the block is in: itself, or for a list the paragraph before it (across lists).
    for (let b: Y.Item | null = block; b; b = b.left) {
      if (b.deleted) continue;
      if (!(b.content instanceof Y.ContentType)) return false;
      const type = b.content.type;
      if (!(type instanceof Y.XmlText || type instanceof Y.XmlElement)) return false;
      const kind = type.getAttribute('__type');
      if (kind === PARAGRAPH_TYPE) {
        if (adopted.has(String(type.getAttribute('__pid')))) return false;
        break;
      }
      if (kind !== 'list') break;
    }
  }
  return true;
}

export class AdoptedParagraphGuard {
  private readonly mirrors = new Map<string, Mirror>();
  /** How many checks were decided without the mirror (for tests). */
  quickChecks = 0;

  /**
   * May `update` be applied to `live`, whose adopted paragraphs are `adopted`?
   * `live` is not changed. Throws nothing for a bad update: it is refused.
   */
  check(key: string, live: Y.Doc, update: Uint8Array, adopted: ReadonlySet<string>): GuardVerdict {
    if (adopted.size === 0) {
      this.forget(key);
      return { ok: true };
    }
    if (leavesAdoptedAlone(live, update, adopted)) {
      this.quickChecks++;
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
