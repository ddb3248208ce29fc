/**
 * A text read live without an editor on the page: for the screens that show
 * a paragraph's words without typing in them (amendments as tracked changes
 * in the chair's console and on the room screen, the text view's side
 * panel). A headless Lexical editor with the text's nodes, bound to a mirror
 * Y.Doc, publishes what it reads (outline, numbers, paragraphs) at every
 * change.
 *
 * One provider per document per socket (provider.ts: a new one takes the
 * document over), so the mirror never competes with an editor on the page:
 * when another provider syncs the document (the text view's editor, the
 * room screen's paragraph) the mirror copies that provider's doc and its
 * updates; when none does, it syncs through a reader provider of its own.
 * The mirror is rebuilt from scratch at each change of source, so it holds
 * exactly what its source holds.
 *
 * Shared: every component asking for the same text on the same connection
 * gets the same mirror, released when the last one lets go.
 */
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { createEditor, type LexicalEditor } from 'lexical';
import { createBinding, syncYjsChangesToLexical, type Binding } from '@lexical/yjs';
import type { Socket } from 'socket.io-client';
import type { Lang } from '@gavel/shared';
import { GAVEL_NODES } from '@gavel/shared/editor/nodes';
import { NO_PROVIDER } from '@gavel/shared/editor/noProvider';
import { $readDraft, type DraftReading } from '@gavel/shared/editor/outline';
import { $readParagraphContent } from '@gavel/shared/editor/content';
import type { RichParagraph } from '@gavel/shared/editor/rich';
import { useConnection } from '../api/MeetingContext';
import { activeProvider, SocketIoYjsProvider, watchActiveProvider } from './provider';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any socket of the meeting
type AnySocket = Socket<any, any>;


export interface LiveSnapshot {
  reading: DraftReading | null;
  /** Bumped at every change of the text. */
  version: number;
}

interface Bound {
  doc: Y.Doc;
  editor: LexicalEditor;
  binding: Binding;
  dispose: () => void;
}

function bind(doc: Y.Doc): Bound {
  const editor = createEditor({
    namespace: 'gavel-mirror',
    nodes: GAVEL_NODES,
    editable: false,
    onError: (error) => console.error('[gavel] mirror', error),
  });
  // Bound before anything is applied to the doc, or the editor never sees what was already there.
  const binding = createBinding(editor, NO_PROVIDER, 'root', doc, new Map([['root', doc]]));
  const shared = binding.root.getSharedType();
  const onYjs = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, NO_PROVIDER, events as never, false);
  };
  shared.observeDeep(onYjs);
  return { doc, editor, binding, dispose: () => shared.unobserveDeep(onYjs) };
}

export class LiveText {
  private snapshot: LiveSnapshot = { reading: null, version: 0 };
  private readonly listeners = new Set<() => void>();
  private bound: Bound | null = null;
  private own: SocketIoYjsProvider | null = null;
  private source: SocketIoYjsProvider | null = null;
  private stopRelay: (() => void) | null = null;
  private stopListening: (() => void) | null = null;
  private readonly stopWatching: () => void;
  private omit: ReadonlySet<string> = new Set();
  /** Our own provider's leave announces "no provider": not a change to follow. */
  private detaching = false;

  constructor(
    private readonly socket: AnySocket,
    readonly docName: string,
    private readonly lang: Lang,
  ) {
    this.stopWatching = watchActiveProvider(socket, docName, (p) => this.onActive(p));
    this.attach(activeProvider(socket, docName));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): LiveSnapshot => this.snapshot;

  private contents = new Map<string, RichParagraph | null>();

  /** A paragraph's words and subparagraphs as they read now (null: not in the text, or not loaded yet); the same object until the text changes. */
  content(paragraphId: string): RichParagraph | null {
    if (!this.contents.has(paragraphId)) this.contents.set(paragraphId, this.read(() => $readParagraphContent(paragraphId)));
    return this.contents.get(paragraphId) ?? null;
  }

  /** Runs `fn` in a read of the text as it is now (for reading a paragraph's rich content). */
  read<T>(fn: () => T): T | null {
    return this.bound ? this.bound.editor.getEditorState().read(fn) : null;
  }

  /** Paragraphs left out of the numbering (deleted ones), as the meeting's state says. */
  setOmit(omit: ReadonlySet<string>): void {
    // Several components share the mirror, each with its own copy of the same set: compare what is in them.
    if (omit === this.omit || (omit.size === this.omit.size && [...omit].every((id) => this.omit.has(id)))) return;
    this.omit = omit;
    this.publish();
  }

  destroy(): void {
    this.stopWatching();
    this.detach();
    this.listeners.clear();
  }

  private onActive(provider: SocketIoYjsProvider | null): void {
    if (this.detaching) return;
    if (provider !== null && (provider === this.own || provider === this.source)) return;
    if (provider === null && this.own) return;
    // Another provider took the document (ours, if we had one, was stopped without leaving), or the one we copied went.
    this.detach();
    this.attach(provider);
  }

  private attach(provider: SocketIoYjsProvider | null): void {
    const bound = bind(new Y.Doc());
    this.bound = bound;
    this.stopListening = bound.editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      this.publish();
    });
    if (provider) {
      this.source = provider;
      Y.applyUpdate(bound.doc, Y.encodeStateAsUpdate(provider.doc));
      const relay = (update: Uint8Array) => Y.applyUpdate(bound.doc, update);
      provider.doc.on('update', relay);
      this.stopRelay = () => provider.doc.off('update', relay);
    } else {
      this.own = new SocketIoYjsProvider(this.socket, this.docName, { doc: bound.doc, presence: false });
      this.own.connect();
    }
    this.publish();
  }

  private detach(): void {
    this.stopRelay?.();
    this.stopRelay = null;
    this.source = null;
    this.stopListening?.();
    this.stopListening = null;
    const own = this.own;
    this.own = null;
    // Leaves the document only if it still syncs it (not when another provider took over).
    this.detaching = true;
    try {
      own?.destroy();
    } finally {
      this.detaching = false;
    }
    this.bound?.dispose();
    this.bound = null;
  }

  private publish(): void {
    this.contents = new Map();
    const reading = this.bound ? this.bound.editor.getEditorState().read(() => $readDraft(this.lang, this.omit)) : null;
    this.snapshot = { reading, version: this.snapshot.version + 1 };
    for (const l of this.listeners) l();
  }
}

const mirrors = new WeakMap<AnySocket, Map<string, { text: LiveText; refs: number }>>();

function acquire(socket: AnySocket, docName: string, lang: Lang): LiveText {
  let bySocket = mirrors.get(socket);
  if (!bySocket) mirrors.set(socket, (bySocket = new Map()));
  const key = `${docName}|${lang}`;
  let entry = bySocket.get(key);
  if (!entry) bySocket.set(key, (entry = { text: new LiveText(socket, docName, lang), refs: 0 }));
  entry.refs++;
  return entry.text;
}

function release(socket: AnySocket, docName: string, lang: Lang): void {
  const bySocket = mirrors.get(socket);
  const key = `${docName}|${lang}`;
  const entry = bySocket?.get(key);
  if (!entry) return;
  if (--entry.refs > 0) return;
  bySocket!.delete(key);
  entry.text.destroy();
}

/**
 * The text `docName` as it reads now, live, in `lang`'s numbering; `omit`:
 * paragraphs not numbered (deleted). Re-renders at every change of the text.
 */
export function useLiveText(docName: string, lang: Lang, omit?: ReadonlySet<string>): { text: LiveText | null; snapshot: LiveSnapshot } {
  const socket = useConnection().socket;
  // Acquired in an effect (StrictMode mounts twice); released when the last user goes.
  const holder = useMemo(() => ({ text: null as LiveText | null, listeners: new Set<() => void>() }), []);
  useEffect(() => {
    const text = acquire(socket, docName, lang);
    holder.text = text;
    const unsubscribe = text.subscribe(() => holder.listeners.forEach((l) => l()));
    holder.listeners.forEach((l) => l());
    return () => {
      unsubscribe();
      holder.text = null;
      release(socket, docName, lang);
    };
  }, [socket, docName, lang, holder]);
  useEffect(() => {
    if (omit) holder.text?.setOmit(omit);
  });
  const snapshot = useSyncExternalStore(
    (l) => {
      holder.listeners.add(l);
      return () => holder.listeners.delete(l);
    },
    () => holder.text?.getSnapshot() ?? EMPTY,
  );
  return { text: holder.text, snapshot };
}

const EMPTY: LiveSnapshot = { reading: null, version: 0 };
