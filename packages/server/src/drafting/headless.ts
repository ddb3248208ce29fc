/**
 * Headless Lexical editors bound to Y.Docs, for the server: to read a text
 * (numbers, paragraphs, plain text, HTML) and to make trusted edits (an
 * import) that reach every client as ordinary Yjs updates.
 *
 * Order matters (STACK.md): the binding and both observers exist before any
 * update is applied to the doc, or the editor never sees the content that
 * was already there. Changes from Yjs reach the editor in a queued update;
 * `editor.read()` flushes it, so reads here are always current.
 */
import { createHeadlessEditor } from '@lexical/headless';
import { createBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Binding } from '@lexical/yjs';
import type { LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { GAVEL_NODES } from '@gavel/shared/editor/nodes';
import { NO_PROVIDER } from '@gavel/shared/editor/noProvider';


export interface HeadlessText {
  editor: LexicalEditor;
  doc: Y.Doc;
  binding: Binding;
  /** Stops listening to the doc; the editor is then unusable. */
  dispose(): void;
}

/**
 * Binds a new headless editor to `doc`.
 *
 * `writes: false` makes a reader: the editor never writes back to the doc.
 * A reader's Lexical may still normalise what it reads (an empty root gets a
 * paragraph); that stays in the editor, so a mirror of a live doc cannot
 * drift from it by anything it does itself.
 */
export function bindHeadless(doc: Y.Doc, options: { writes: boolean }): HeadlessText {
  const editor = createHeadlessEditor({
    namespace: 'gavel',
    nodes: GAVEL_NODES,
    onError: (error) => {
      throw error;
    },
  });
  const binding = createBinding(editor, NO_PROVIDER, 'root', doc, new Map([['root', doc]]));
  const shared = binding.root.getSharedType();
  const onYjs = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, NO_PROVIDER, events as never, false);
  };
  shared.observeDeep(onYjs);
  const stopWriting = options.writes
    ? editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) =>
        syncLexicalUpdateToYjs(binding, NO_PROVIDER, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags),
      )
    : () => undefined;
  return {
    editor,
    doc,
    binding,
    dispose() {
      shared.unobserveDeep(onYjs);
      stopWriting();
    },
  };
}

/** A fresh doc with `state` (a Yjs update) applied after an editor was bound to it. */
export function headlessFrom(state: Uint8Array | Uint8Array[], options: { writes: boolean }): HeadlessText {
  const doc = new Y.Doc();
  const text = bindHeadless(doc, options);
  for (const update of Array.isArray(state) ? state : [state]) Y.applyUpdate(doc, update);
  return text;
}

/**
 * Runs a trusted edit on a copy of `live` and returns the update that makes
 * `live` what the copy became, for the Yjs server to apply, store and relay
 * like any other. The live doc is not touched here.
 */
export function editCopy(live: Y.Doc, edit: () => void): Uint8Array {
  const before = Y.encodeStateVector(live);
  const copy = headlessFrom(Y.encodeStateAsUpdate(live), { writes: true });
  try {
    // Flush what the copy read from `live` before editing on top of it.
    copy.editor.read(() => undefined);
    copy.editor.update(edit, { discrete: true });
    return Y.encodeStateAsUpdate(copy.doc, before);
  } finally {
    copy.dispose();
    copy.doc.destroy();
  }
}
