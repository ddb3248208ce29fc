/**
 * The plugins that make a Lexical editor a Gavel draft: computed numbers and
 * statuses drawn onto the text, paragraph ids kept unique, adopted
 * paragraphs locked, the paragraph the user is on.
 */
import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $getNearestNodeFromDOMNode,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_CRITICAL,
  COMMAND_PRIORITY_LOW,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  CUT_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_LINE_COMMAND,
  DELETE_WORD_COMMAND,
  DROP_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_ENTER_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  PASTE_COMMAND,
  REMOVE_TEXT_COMMAND,
  SELECTION_CHANGE_COMMAND,
  mergeRegister,
  type LexicalCommand,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import type { ParagraphStatus, ParagraphsState } from '@gavel/shared';
import { $ensureParagraphIds, NumberedParagraphNode } from '@gavel/shared/editor/nodes';
import { $readDraft, type DraftReading } from '@gavel/shared/editor/outline';
import type { Lang } from '@gavel/shared';
import type { DraftStore } from './store';

type Statuses = ParagraphsState[string] | undefined;
const statusOf = (statuses: Statuses, id: string): ParagraphStatus => statuses?.[id]?.status ?? 'drafting';

export interface DrawOptions {
  statuses: Statuses;
  /** Words for a status in the UI's language, for the margin. */
  statusLabel: (status: ParagraphStatus) => string;
  /** "Footnote {{number}}: {{text}}" in the UI's language, for screen readers. */
  footnoteLabel: (number: string, text: string) => string;
  /** Only this paragraph is shown (the room screen), with its headings. */
  focus: string | null;
  selected: string | null;
  /** Adopted paragraphs are made non-editable in the page (the server refuses changes to them anyway). */
  lockAdopted: boolean;
}

function setData(el: HTMLElement, name: string, value: string | null): void {
  if (value === null) delete el.dataset[name];
  else if (el.dataset[name] !== value) el.dataset[name] = value;
}

/**
 * Draws what numbering computed onto the elements Lexical manages, as data
 * attributes that CSS shows (`content: attr(data-label)`): Lexical ignores
 * attribute changes, so this never fights its reconciliation, and the
 * numbers are never part of the text.
 */
export function drawReading(editor: LexicalEditor, reading: DraftReading, o: DrawOptions): void {
  const el = (key: NodeKey) => editor.getElementByKey(key);
  for (const [key, label] of reading.numbering.labels) {
    const e = el(key);
    if (e) setData(e, 'label', label);
  }
  for (const f of reading.numbering.footnotes) {
    const e = el(f.key);
    if (!e) continue;
    e.title = f.text;
    e.setAttribute('aria-label', o.footnoteLabel(reading.numbering.labels.get(f.key) ?? '', f.text));
  }
  for (const [key, ref] of reading.numbering.refs) el(key)?.classList.toggle('broken', ref.number === null);

  // The room screen shows one paragraph, under its section and subsection headings (CSS hides the rest).
  const context = new Set<string>();
  if (o.focus) {
    const at = reading.items.findIndex((i) => i.kind === 'paragraph' && i.id === o.focus);
    let section = false;
    let subsection = false;
    for (let i = at - 1; i >= 0 && !section; i--) {
      const item = reading.items[i];
      if (item.kind === 'subsection' && !subsection) {
        context.add(item.key);
        subsection = true;
      } else if (item.kind === 'section') {
        context.add(item.key);
        section = true;
      }
    }
  }
  for (const item of reading.items) {
    if (item.kind !== 'section' && item.kind !== 'subsection') continue;
    const e = el(item.key);
    if (e) setData(e, 'focus', context.has(item.key) ? 'true' : null);
  }
  const root = editor.getRootElement();
  if (root) setData(root, 'focusing', o.focus ? 'true' : null);
  for (const unit of reading.units) {
    const status = statusOf(o.statuses, unit.id);
    for (const key of unit.blockKeys) {
      const e = el(key);
      if (!e) continue;
      setData(e, 'status', status);
      setData(e, 'statusLabel', status === 'drafting' ? null : o.statusLabel(status));
      setData(e, 'selected', o.selected === unit.id ? 'true' : null);
      setData(e, 'focus', o.focus === unit.id ? 'true' : null);
      if (o.lockAdopted && status === 'adopted') e.contentEditable = 'false';
      else if (e.getAttribute('contenteditable') === 'false') e.removeAttribute('contenteditable');
    }
  }
}

/**
 * Reads the text after every change and draws its numbers; publishes the
 * reading to the store. Changes of the meeting state (statuses) redraw too.
 */
export function NumberingPlugin({
  lang,
  omit,
  report,
  store,
  draw,
}: {
  lang: Lang;
  omit: ReadonlySet<string>;
  /** The report's numbers by paragraph id, for footnotes pointing outside this text (null until read). */
  report: ReadonlyMap<string, number> | null;
  store: DraftStore;
  draw: DrawOptions;
}) {
  const [editor] = useLexicalComposerContext();
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => {
    const run = () => {
      const reading = editor.getEditorState().read(() => $readDraft(lang, omit, report ?? undefined));
      store.set({ reading });
      drawReading(editor, reading, drawRef.current);
    };
    run();
    return editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      // A caret move changes nothing to draw.
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      run();
    });
  }, [editor, lang, omit, report, store]);
  // The meeting's statuses, the selection or the focus changed: draw again with the same reading.
  useEffect(() => {
    const reading = store.get().reading;
    if (reading) drawReading(editor, reading, draw);
  }, [editor, store, draw]);
  return null;
}

/** The editor is editable only for whoever holds the pen. */
export function EditablePlugin({ editable }: { editable: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);
  return null;
}

/**
 * New and pasted paragraphs get an id, copies a fresh one. Registered only
 * while this editor writes: changes from others arrive with transforms
 * skipped, so a reader never rewrites the text.
 */
export function ParagraphIdPlugin({ active }: { active: boolean }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!active) return;
    return editor.registerNodeTransform(NumberedParagraphNode, () => {
      const committed = editor.getEditorState()._nodeMap;
      $ensureParagraphIds((key, pid) => (committed.get(key) as NumberedParagraphNode | undefined)?.__pid === pid);
    });
  }, [editor, active]);
  return null;
}

const EDITING_COMMANDS: LexicalCommand<unknown>[] = [
  CONTROLLED_TEXT_INSERTION_COMMAND,
  PASTE_COMMAND,
  CUT_COMMAND,
  DROP_COMMAND,
  DELETE_CHARACTER_COMMAND,
  DELETE_WORD_COMMAND,
  DELETE_LINE_COMMAND,
  REMOVE_TEXT_COMMAND,
  INSERT_PARAGRAPH_COMMAND,
  INSERT_LINE_BREAK_COMMAND,
  FORMAT_TEXT_COMMAND,
  FORMAT_ELEMENT_COMMAND,
  INDENT_CONTENT_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  KEY_ENTER_COMMAND,
] as LexicalCommand<unknown>[];

function topKey(node: LexicalNode): string | null {
  const top = node.getTopLevelElement();
  return top ? top.getKey() : null;
}

/**
 * Stops edits that would touch an adopted paragraph (typing in it, deleting
 * it, merging into it) before they happen, and tells the user why. The
 * server's guard is what enforces it; this spares the pen-holder a refused
 * change and a reload.
 */
export function LockPlugin({ lockedKeys, onBlocked }: { lockedKeys: () => ReadonlySet<string>; onBlocked: () => void }) {
  const [editor] = useLexicalComposerContext();
  const latest = useRef({ lockedKeys, onBlocked });
  latest.current = { lockedKeys, onBlocked };
  useEffect(() => {
    const touchesLocked = (direction: 'none' | 'backward' | 'forward'): boolean => {
      const locked = latest.current.lockedKeys();
      if (locked.size === 0) return false;
      const selection = $getSelection();
      if (!selection) return false;
      const keys = new Set(selection.getNodes().map(topKey));
      if ($isRangeSelection(selection)) {
        keys.add(topKey(selection.anchor.getNode()));
        keys.add(topKey(selection.focus.getNode()));
        // Backspace at the start of a block merges it into the one before; Delete at the end, the one after into it.
        if (selection.isCollapsed() && direction !== 'none') {
          const top = selection.anchor.getNode().getTopLevelElement();
          if (top) {
            const atStart = selection.anchor.offset === 0 && selection.anchor.getNode().getPreviousSibling() === null;
            const atEnd = selection.anchor.offset === selection.anchor.getNode().getTextContentSize() && selection.anchor.getNode().getNextSibling() === null;
            if (direction === 'backward' && atStart) keys.add(top.getPreviousSibling()?.getKey() ?? null);
            if (direction === 'forward' && atEnd) keys.add(top.getNextSibling()?.getKey() ?? null);
          }
        }
      }
      return [...keys].some((k) => k !== null && locked.has(k));
    };
    const block = (direction: 'none' | 'backward' | 'forward') => (payload: unknown) => {
      if (!touchesLocked(direction)) return false;
      if (payload instanceof Event) payload.preventDefault();
      latest.current.onBlocked();
      return true;
    };
    return mergeRegister(
      ...EDITING_COMMANDS.map((command) => editor.registerCommand(command, block('none'), COMMAND_PRIORITY_CRITICAL)),
      editor.registerCommand(KEY_BACKSPACE_COMMAND, block('backward'), COMMAND_PRIORITY_CRITICAL),
      editor.registerCommand(KEY_DELETE_COMMAND, block('forward'), COMMAND_PRIORITY_CRITICAL),
    );
  }, [editor]);
  return null;
}

/** Tells which paragraph the user is on: by a click (readers too) or by the caret (the pen-holder). */
export function SelectionPlugin({ onSelect }: { onSelect: (blockKey: string) => void }) {
  const [editor] = useLexicalComposerContext();
  const latest = useRef(onSelect);
  latest.current = onSelect;
  useEffect(() => {
    const fromNode = (node: LexicalNode | null) => {
      const top = node?.getTopLevelElement() ?? null;
      if (top) latest.current(top.getKey());
    };
    const onClick = (event: MouseEvent) => {
      const target = event.target as Node | null;
      if (!target) return;
      editor.read(() => fromNode($getNearestNodeFromDOMNode(target)));
    };
    const removeRoot = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
    return mergeRegister(
      removeRoot,
      editor.registerCommand(
        SELECTION_CHANGE_COMMAND,
        () => {
          const selection = $getSelection();
          if ($isRangeSelection(selection)) fromNode(selection.anchor.getNode());
          return false;
        },
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor]);
  return null;
}
