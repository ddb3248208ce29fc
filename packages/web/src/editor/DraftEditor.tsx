/**
 * A negotiated text, live: Lexical bound to the document's Y.Doc through the
 * meeting's socket (editor/provider.ts). Whoever holds the pen types; the
 * others see every keystroke and the pen-holder's cursor, and cannot type.
 * Numbers, footnote markers and cross-references are computed and drawn
 * (plugins.tsx), never typed.
 *
 * No HistoryPlugin: CollaborationPlugin brings Yjs's own undo manager.
 * The server made the document's first paragraph (shouldBootstrap false).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { XmlText, type Doc } from 'yjs';
import { LexicalCollaboration } from '@lexical/react/LexicalCollaborationContext';
import { CollaborationPlugin } from '@lexical/react/LexicalCollaborationPlugin';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { $getNearestNodeFromDOMNode, $getNodeByKey, $getSelection, $insertNodes, $setSelection, type BaseSelection, type LexicalNode } from 'lexical';
import type { ReactNode } from 'react';
import {
  direction,
  formatInteger,
  fromEditableNote,
  toEditableNote,
  unnumberedParagraphs,
  type DocRefusal,
  type Lang,
  type MeetingState,
  type ParagraphStatus,
} from '@gavel/shared';
import { $createCrossRefNode, $createFootnoteNode, $isFootnoteNode } from '@gavel/shared/editor/nodes';
import { useConnection } from '../api/MeetingContext';
import { draftApi } from '../api/drafts';
import { SocketIoYjsProvider, type ProviderStatus } from './provider';
import { CrossRefDialog, FootnoteDialog } from './Dialogs';
import { EditablePlugin, LockPlugin, NumberingPlugin, ParagraphIdPlugin, SelectionPlugin, type DrawOptions } from './plugins';
import { useDraft, type DraftStore } from './store';
import { penHolderName } from './penName';
import { Toolbar } from './Toolbar';
import { useRemountOnRefusal } from './useRemountOnRefusal';
import { collaborativeEditorConfig } from './config';
import { useReportNumbers } from '../views/report/useReportNumber';

type ReportNumbers = ReturnType<typeof useReportNumbers>;

export interface DraftEditorProps {
  docName: string;
  state: MeetingState;
  /** The document's language: its numbers, references and direction. */
  lang: Lang;
  /** `edit`: the text view (typing if one holds the pen); `screen`: the room screen, one paragraph, never typing. */
  mode: 'edit' | 'screen';
  store: DraftStore;
  /** The room screen's paragraph. */
  focus?: string | null;
  /** Shown on this user's cursor to the others (the server puts the signed-in name in its place). */
  userName: string;
  /** What the writer is told instead of "You hold the pen" (a text written by one role, with no pen: the report's written parts). */
  writerNote?: string;
}

/** Remounts the editor with a fresh copy when the server refused a change (the copy here had diverged). */
export function DraftEditor(props: DraftEditorProps) {
  const { t } = useTranslation();
  const { epoch, refusal, onDiverged, dismiss } = useRemountOnRefusal();
  return (
    <>
      {refusal && props.mode === 'edit' ? (
        <p className="notice" role="alert" data-testid="draft-refused">
          {t('text.refused', { message: refusal.message })}{' '}
          <button type="button" onClick={dismiss}>
            {t('actions.close')}
          </button>
        </p>
      ) : null}
      <EditorInstance key={epoch} {...props} onDiverged={onDiverged} />
    </>
  );
}

interface Pending {
  kind: 'footnote' | 'reference';
  /** Where to insert, saved when the dialog opened. */
  selection: BaseSelection | null;
  /** An existing footnote being edited. */
  footnoteKey?: string;
}

function EditorInstance({ docName, state, lang, mode, store, focus = null, userName, writerNote, onDiverged }: DraftEditorProps & { onDiverged: (r: DocRefusal) => void }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const meetingId = state.id;
  const containerRef = useRef<HTMLDivElement>(null);
  const [canWrite, setCanWrite] = useState(false);
  const [status, setStatus] = useState<ProviderStatus>('connecting');
  const [saved, setSaved] = useState(true);
  const [blocked, setBlocked] = useState(false);
  const { selected, reading } = useDraft(store);
  const [footnoteOpen, setFootnoteOpen] = useState(false);
  // A footnote pointing outside this text (chapter IV of the report, say) is numbered as the report numbers it: the report is read for it.
  const pointsOutside = reading?.numbering.footnotes.some((f) => f.refs.some((r) => r.number === null || r.inReport)) ?? false;
  const report = useReportNumbers(meetingId, lang, state.seq, mode === 'edit' && (pointsOutside || footnoteOpen));

  const providerFactory = useCallback(
    (id: string, docMap: Map<string, Doc>) => {
      // A room screen shows the pen-holder's cursor but publishes none of its own.
      const provider = new SocketIoYjsProvider(connection.socket, id, { presence: mode === 'edit' });
      docMap.set(id, provider.doc);
      provider.on('writable', setCanWrite);
      provider.on('status', ({ status: s }) => {
        setStatus(s);
        setCanWrite(provider.canWrite);
      });
      provider.on('saved', setSaved);
      // A text with nothing in it gets its first paragraph from the server, never from a client (two would make two).
      provider.on('sync', (synced) => {
        if (synced && provider.doc.get('root', XmlText).length === 0) void draftApi.start(meetingId, id).catch(() => undefined);
      });
      provider.on('refused', (r) => {
        if (r.reason !== 'internal') onDiverged(r);
      });
      return provider;
    },
    [connection, mode, onDiverged, meetingId],
  );
  // No destroy on unmount here: CollaborationPlugin disconnects the provider itself, and under StrictMode a
  // cleanup of ours would kill the provider it keeps across the simulated remount.

  const initialConfig = useMemo(() => collaborativeEditorConfig(docName, 'editor'), [docName]);

  const statuses = state.paragraphs[docName];
  // Recomputed when a paragraph's status changes, not at every event of the meeting.
  const omit = useMemo(() => unnumberedParagraphs({ paragraphs: { [docName]: statuses ?? {} } }, docName), [statuses, docName]);
  const writing = mode === 'edit' && canWrite;
  const draw = useMemo<DrawOptions>(
    () => ({
      statuses,
      statusLabel: (s: ParagraphStatus) => t(`paragraphs.statuses.${s}`),
      footnoteLabel: (number, text) => t('text.footnoteAria', { number, text }),
      focus,
      selected: mode === 'edit' ? selected : null,
      lockAdopted: writing,
    }),
    [statuses, t, focus, selected, mode, writing],
  );
  const lockedKeys = useCallback(() => {
    const reading = store.get().reading;
    const keys = new Set<string>();
    for (const u of reading?.units ?? []) if (statuses?.[u.id]?.status === 'adopted') u.blockKeys.forEach((k) => keys.add(k));
    return keys;
  }, [store, statuses]);
  const onBlocked = useCallback(() => setBlocked(true), []);
  useEffect(() => {
    if (!blocked) return;
    const timer = setTimeout(() => setBlocked(false), 6000);
    return () => clearTimeout(timer);
  }, [blocked]);

  const onSelectBlock = useCallback(
    (blockKey: string) => {
      const unit = store.get().reading?.units.find((u) => u.blockKeys.includes(blockKey));
      if (unit) store.set({ selected: unit.id });
    },
    [store],
  );

  const dir = direction(lang);
  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        {mode === 'edit' ? (
          <WriterBar canWrite={writing} status={status} saved={saved} blocked={blocked} state={state} writerNote={writerNote} />
        ) : null}
        <DraftChrome mode={mode} writing={writing} lang={lang} store={store} report={report} onFootnoteDialog={setFootnoteOpen}>
          <div className={`draft-editor draft-${mode}`} ref={containerRef} lang={lang} dir={dir} data-testid={`draft-${mode}`}>
            <RichTextPlugin
              contentEditable={
                <ContentEditable
                  className="draft-content"
                  aria-label={t('text.editorLabel')}
                  aria-readonly={!writing}
                  data-testid="draft-content"
                  data-writable={String(writing)}
                />
              }
              ErrorBoundary={LexicalErrorBoundary}
            />
          </div>
        </DraftChrome>
        <ListPlugin />
        <CollaborationPlugin
          id={docName}
          providerFactory={providerFactory}
          shouldBootstrap={false}
          username={userName}
          cursorsContainerRef={containerRef}
        />
        <EditablePlugin editable={writing} />
        <ParagraphIdPlugin active={writing} />
        <NumberingPlugin lang={lang} omit={omit} report={report.numbers} store={store} draw={draw} />
        {writing ? <LockPlugin lockedKeys={lockedKeys} onBlocked={onBlocked} /> : null}
        {mode === 'edit' ? <SelectionPlugin onSelect={onSelectBlock} /> : null}
      </LexicalComposer>
    </LexicalCollaboration>
  );
}

/** Who may type, and whether everything typed is stored. */
function WriterBar({
  canWrite,
  status,
  saved,
  blocked,
  state,
  writerNote,
}: {
  canWrite: boolean;
  status: ProviderStatus;
  saved: boolean;
  blocked: boolean;
  state: MeetingState;
  writerNote?: string;
}) {
  const { t, i18n } = useTranslation();
  const holder = state.pen.holder;
  return (
    <div className="draft-status" aria-live="polite" data-testid="draft-status">
      {status !== 'connected' ? (
        <span className="status status-offline">{canWrite ? t('text.offlineWriting') : t('text.connecting')}</span>
      ) : canWrite ? (
        <span className="pen-you" data-testid="pen-you">
          {writerNote ?? t('pen.you')} {saved ? t('text.saved') : t('text.saving')}
        </span>
      ) : (
        <span className="pen-other" data-testid="read-only">
          {holder ? t('text.readOnlyHolder', { name: penHolderName(state, holder, i18n.language as Lang, t) }) : t('text.readOnly')}
        </span>
      )}
      {blocked ? (
        <span className="error" role="alert">
          {t('text.adoptedLocked')}
        </span>
      ) : null}
    </div>
  );
}

/**
 * Around the text: the toolbar above, the footnotes below, and the dialogs
 * they open; a click on a footnote marker opens it too (for the pen-holder).
 */
function DraftChrome({
  mode,
  writing,
  lang,
  store,
  report,
  onFootnoteDialog,
  children,
}: {
  mode: 'edit' | 'screen';
  writing: boolean;
  lang: Lang;
  store: DraftStore;
  /** The report's numbers, for footnotes pointing outside this text. */
  report: ReportNumbers;
  /** The footnote dialog opened or closed: the report is read while it is open. */
  onFootnoteDialog: (open: boolean) => void;
  children: ReactNode;
}) {
  const [editor] = useLexicalComposerContext();
  const [pending, setPending] = useState<Pending | null>(null);
  const footnoteDialog = pending?.kind === 'footnote' && writing;
  useEffect(() => onFootnoteDialog(footnoteDialog), [footnoteDialog, onFootnoteDialog]);
  const { reading, selected } = useDraft(store);
  const numbering = reading?.numbering;
  const selectedNumber = selected ? (numbering?.numberOf.get(selected) ?? null) : null;

  const open = useCallback(
    (kind: Pending['kind'], footnoteKey?: string) => {
      const selection = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
      setPending({ kind, selection, footnoteKey });
    },
    [editor],
  );

  // Clicking a footnote marker opens it, for the pen-holder.
  useEffect(() => {
    if (!writing) return;
    const onClick = (event: MouseEvent) => {
      const marker = (event.target as HTMLElement | null)?.closest?.('.gavel-footnote');
      if (!marker) return;
      const key = editor.read(() => $getNearestNodeFromDOMNode(marker)?.getKey());
      if (key) open('footnote', key);
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('click', onClick);
      root?.addEventListener('click', onClick);
    });
  }, [editor, writing, open]);

  const insert = (node: () => LexicalNode) => {
    editor.update(() => {
      if (pending?.selection) $setSelection(pending.selection.clone());
      $insertNodes([node()]);
    });
    editor.focus();
  };

  if (mode !== 'edit') return <>{children}</>;
  const numberOf = (id: string) => numbering?.numberOf.get(id) ?? null;
  const idOf = (n: number) => numbering?.order[n - 1] ?? null;
  const reportNumberOf = (id: string) => report.numbers?.get(id) ?? null;
  const reportIdOf = (n: number) => {
    for (const [id, number] of report.numbers ?? []) if (number === n) return id;
    return null;
  };
  const existing = pending?.footnoteKey ? editor.read(() => $getNodeByKey(pending.footnoteKey!)) : null;
  const existingNote = $isFootnoteNode(existing) ? editor.read(() => existing.getNote()) : '';
  const footnoteParagraph = pending?.footnoteKey ? numbering?.owner.get(pending.footnoteKey) : selected;

  return (
    <>
      {writing ? <Toolbar disabled={!writing} onFootnote={() => open('footnote')} onReference={() => open('reference')} /> : null}
      {children}
      <FootnoteList store={store} lang={lang} editable={writing} onEdit={(key) => open('footnote', key)} />
      {pending?.kind === 'footnote' && writing ? (
        <FootnoteDialog
          // Opened again once the report's numbers arrive, so that a paragraph outside this text shows by its number, never its id.
          key={report.numbers ? 'report' : 'draft'}
          number={pending.footnoteKey ? (numbering?.labels.get(pending.footnoteKey) ?? null) : null}
          initial={toEditableNote(existingNote, numberOf, { lang, reportNumberOf })}
          inParagraph={footnoteParagraph ? numberOf(footnoteParagraph) : selectedNumber}
          inReportParagraph={footnoteParagraph ? reportNumberOf(footnoteParagraph) : null}
          lang={lang}
          resolve={(n) => idOf(n) !== null}
          resolveInReport={(n) => reportIdOf(n) !== null}
          onSave={(editable) => {
            const { note, unknown } = fromEditableNote(editable, idOf, reportIdOf);
            if (unknown.length > 0) return unknown;
            if (pending.footnoteKey) {
              editor.update(() => {
                const node = $getNodeByKey(pending.footnoteKey!);
                if ($isFootnoteNode(node)) node.setNote(note);
              });
            } else insert(() => $createFootnoteNode(note));
            return [];
          }}
          onRemove={
            pending.footnoteKey
              ? () => {
                  editor.update(() => $getNodeByKey(pending.footnoteKey!)?.remove());
                  setPending(null);
                }
              : undefined
          }
          onClose={() => setPending(null)}
        />
      ) : null}
      {pending?.kind === 'reference' && writing && reading ? (
        <CrossRefDialog
          units={reading.units}
          inParagraph={selectedNumber}
          lang={lang}
          onInsert={(target) => insert(() => $createCrossRefNode(target))}
          onClose={() => setPending(null)}
        />
      ) : null}
    </>
  );
}

/** The footnotes, numbered, under the text; the pen-holder edits them from here too. */
function FootnoteList({ store, lang, editable, onEdit }: { store: DraftStore; lang: Lang; editable: boolean; onEdit: (key: string) => void }) {
  const { t } = useTranslation();
  const { reading } = useDraft(store);
  const notes = reading?.numbering.footnotes ?? [];
  if (notes.length === 0) return null;
  return (
    <section className="draft-footnotes" aria-label={t('text.footnotes')} lang={lang} dir={direction(lang)} data-testid="draft-footnotes">
      <ol>
        {notes.map((f) => (
          <li key={f.key} data-testid="footnote">
            <span className="footnote-number">{reading?.numbering.labels.get(f.key)}</span>{' '}
            <span dir="auto" data-testid="footnote-words">
              {f.text}
            </span>
            {f.refs.some((r) => r.inReport) ? (
              <small className="hint" data-testid="footnote-in-report">
                {' '}
                {t('text.footnoteInReport', {
                  numbers: f.refs
                    .filter((r) => r.inReport)
                    .map((r) => formatInteger(r.number!, lang))
                    .join(t('errorDetail.separator')),
                })}
              </small>
            ) : null}
            {f.refs.some((r) => r.number === null) ? <small className="hint"> {t('text.footnoteElsewhere')}</small> : null}
            {editable ? (
              <button type="button" className="link-button" onClick={() => onEdit(f.key)}>
                {t('text.editFootnote')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
