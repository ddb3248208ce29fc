/**
 * A delegation's amendment, drafted in its own private Y.Doc
 * (`amendment:<id>`) over the meeting's socket, with the same nodes as the
 * text: members of the sponsoring delegation type together and see each
 * other's cursors; nobody else can open it until it is tabled (the server
 * checks at every message). Once tabled the draft is read-only here.
 *
 * No HistoryPlugin: CollaborationPlugin brings Yjs's undo manager. The
 * server seeds the draft from the paragraph's text when the amendment is
 * started (shouldBootstrap false).
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
import { direction, type DocRefusal, type Lang } from '@gavel/shared';
import { $readDraftParagraph } from '@gavel/shared/editor/content';
import type { RichParagraph } from '@gavel/shared/editor/rich';
import { useConnection } from '../../api/MeetingContext';
import { draftApi } from '../../api/drafts';
import { EditablePlugin, ParagraphIdPlugin } from '../../editor/plugins';
import { SocketIoYjsProvider, type ProviderStatus } from '../../editor/provider';
import { useRemountOnRefusal } from '../../editor/useRemountOnRefusal';
import { collaborativeEditorConfig } from '../../editor/config';

export interface DraftContent {
  content: RichParagraph | null;
  problem: string | null;
}

export interface AmendmentEditorProps {
  meetingId: string;
  amendmentId: string;
  /** The text's language: the draft's direction and numbers. */
  lang: Lang;
  /** Shown on this user's cursor to the co-drafters (the server puts the signed-in name in its place). */
  userName: string;
  /** False once tabled: what the delegation tabled is what everyone sees. */
  editable: boolean;
  /** The draft's words as they read now, at every change, and what keeps it from being tabled (two paragraphs, say). */
  onContent?: (draft: DraftContent) => void;
  /** Accessible name of the editing area. */
  label: string;
}

/** Remounts with a fresh copy when the server refused a change (the copy here had diverged). */
export function AmendmentEditor(props: AmendmentEditorProps) {
  const { t } = useTranslation();
  const { epoch, refusal, onDiverged, dismiss } = useRemountOnRefusal();
  return (
    <>
      {refusal ? (
        <p className="notice" role="alert">
          {t('text.refused', { message: refusal.message })}{' '}
          <button type="button" onClick={dismiss}>
            {t('actions.close')}
          </button>
        </p>
      ) : null}
      <Instance key={epoch} {...props} onDiverged={onDiverged} />
    </>
  );
}

function Instance({ meetingId, amendmentId, lang, userName, editable, onContent, label, onDiverged }: AmendmentEditorProps & { onDiverged: (r: DocRefusal) => void }) {
  const { t } = useTranslation();
  const connection = useConnection();
  const docName = `amendment:${amendmentId}`;
  const containerRef = useRef<HTMLDivElement>(null);
  const [canWrite, setCanWrite] = useState(false);
  const [status, setStatus] = useState<ProviderStatus>('connecting');
  const [saved, setSaved] = useState(true);
  const [failed, setFailed] = useState<string | null>(null);

  const providerFactory = useCallback(
    (id: string, docMap: Map<string, Doc>) => {
      const provider = new SocketIoYjsProvider(connection.socket, id, { presence: true });
      docMap.set(id, provider.doc);
      provider.on('writable', setCanWrite);
      provider.on('status', ({ status: s }) => {
        setStatus(s);
        setCanWrite(provider.canWrite);
      });
      provider.on('saved', setSaved);
      provider.on('error', (e) => setFailed(e.message));
      // A draft the server has not seeded yet asks for its first paragraph; the server makes it, never a client.
      provider.on('sync', (synced) => {
        if (synced && provider.doc.get('root', XmlText).length === 0) void draftApi.start(meetingId, id).catch(() => undefined);
      });
      provider.on('refused', (r) => {
        if (r.reason !== 'internal') onDiverged(r);
      });
      return provider;
    },
    [connection, meetingId, onDiverged],
  );

  const initialConfig = useMemo(() => collaborativeEditorConfig(docName, 'amendment editor'), [docName]);
  const writing = editable && canWrite;

  return (
    <LexicalCollaboration>
      <LexicalComposer initialConfig={initialConfig}>
        <div className="draft-status" aria-live="polite" data-testid="amendment-status">
          {failed ? (
            <span className="error">{failed}</span>
          ) : status !== 'connected' ? (
            <span className="status status-offline">{t('text.connecting')}</span>
          ) : writing ? (
            <span className="pen-you">{saved ? t('amendments.draftSaved') : t('text.saving')}</span>
          ) : editable ? (
            <span className="pen-other">{t('amendments.draftReadOnly')}</span>
          ) : null}
        </div>
        <div className="draft-editor amendment-editor" ref={containerRef} lang={lang} dir={direction(lang)}>
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="draft-content amendment-content"
                aria-label={label}
                aria-readonly={!writing}
                aria-multiline="true"
                data-testid="amendment-content"
                data-writable={String(writing)}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <ListPlugin />
        <CollaborationPlugin id={docName} providerFactory={providerFactory} shouldBootstrap={false} username={userName} cursorsContainerRef={containerRef} />
        <EditablePlugin editable={writing} />
        <ParagraphIdPlugin active={writing} />
        {onContent ? <ContentPlugin onContent={onContent} /> : null}
      </LexicalComposer>
    </LexicalCollaboration>
  );
}

/** Reports the draft's words after every change, for the preview of its tracked changes. */
function ContentPlugin({ onContent }: { onContent: (draft: DraftContent) => void }) {
  const [editor] = useLexicalComposerContext();
  const latest = useRef(onContent);
  latest.current = onContent;
  useEffect(() => {
    const run = () => latest.current(editor.getEditorState().read(() => $readDraftParagraph()));
    run();
    return editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      run();
    });
  }, [editor]);
  return null;
}
