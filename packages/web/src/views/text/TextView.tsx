/**
 * The negotiated text, for everyone: the text live with its numbers and
 * statuses in the margin, status at a glance with jumps, the selected
 * paragraph with its history; for the chair and the secretariat the pen and
 * the statuses; for the secretariat the import of its draft. Beside the
 * selected paragraph, its negotiation (amendments as tracked changes,
 * brackets, objections, positions, adoption: views/amendments/); above the
 * text, the delegation's draft amendment while it writes it.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, canImportText, type Actor, type MeetingState, type SessionInfo } from '@gavel/shared';
import { DraftEditor } from '../../editor/DraftEditor';
import { DraftStore, useDraft } from '../../editor/store';
import { MyAmendments, OpenDraft } from '../amendments/MyAmendments';
import { NegotiationGlance } from '../amendments/NegotiationGlance';
import { ParagraphNegotiation } from '../amendments/ParagraphNegotiation';
import { useNegotiation } from '../amendments/useNegotiation';
import { MeetingHeader } from '../MeetingHeader';
import { ImportPanel, jumpTo, PenPanel, SelectedParagraph, StatusGlance } from './ParagraphPanels';

const DOC = 'recommendations';

export function TextView({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const { t } = useTranslation();
  const store = useMemo(() => new DraftStore(), []);
  const docLang = state.info.language;
  const actor: Actor = { role: session.role, name: session.name, delegationId: session.delegationId, codeId: session.codeId };
  const steers = can(actor, { type: 'pen.takeBack' }, state);
  // The delegation's draft open in the workspace above the text.
  const [draft, setDraft] = useState<string | null>(null);
  useOpenAtParagraph(store);
  return (
    <div className="view text-view">
      <MeetingHeader state={state} />
      <div className="text-layout">
        <div className="text-main">
          <DraftAbove state={state} session={session} open={draft} onClose={() => setDraft(null)} />
          <h2 className="text-title">{t('text.docRecommendations')}</h2>
          <DraftEditor docName={DOC} state={state} lang={docLang} mode="edit" store={store} userName={session.name} />
        </div>
        <aside className="text-side" aria-label={t('text.sidePanel')}>
          <SelectedParagraph store={store} state={state} docName={DOC} docLang={docLang} actor={actor} />
          <NegotiationBeside state={state} session={session} store={store} open={draft} onOpen={setDraft} />
          <StatusGlance store={store} state={state} docName={DOC} docLang={docLang} />
          <GlanceBeside state={state} session={session} store={store} />
          {steers || state.pen.holder ? <PenPanel state={state} actor={actor} /> : null}
          {canImportText(actor, state, DOC) ? <ImportPanel state={state} docName={DOC} /> : null}
        </aside>
      </div>
    </div>
  );
}

/**
 * Opens the text at a paragraph named in the address (/text?p=<id>: the
 * report's link from a paragraph to where it was negotiated), once the text
 * has loaded far enough to have it.
 */
function useOpenAtParagraph(store: DraftStore): void {
  useEffect(() => {
    const wanted = new URLSearchParams(location.search).get('p');
    if (!wanted) return;
    const tryJump = () => {
      if (!store.get().reading?.units.some((u) => u.id === wanted)) return false;
      // After the editor has drawn the paragraph.
      requestAnimationFrame(() => jumpTo(store, wanted));
      return true;
    };
    if (tryJump()) return;
    const unsubscribe = store.subscribe(() => {
      if (tryJump()) unsubscribe();
    });
    return unsubscribe;
  }, [store]);
}

// The negotiation reads the text live (every keystroke): in components of their own, so that the editor is not re-rendered with them.

/** The delegation's draft being written, above the text. */
function DraftAbove({ state, session, open, onClose }: { state: MeetingState; session: SessionInfo; open: string | null; onClose: () => void }) {
  const n = useNegotiation(state, session, DOC);
  return <OpenDraft n={n} open={open} onClose={onClose} />;
}

/** The negotiation on the paragraph selected in the text, and the delegation's own amendments. */
function NegotiationBeside({
  state,
  session,
  store,
  open,
  onOpen,
}: {
  state: MeetingState;
  session: SessionInfo;
  store: DraftStore;
  open: string | null;
  onOpen: (amendmentId: string | null) => void;
}) {
  const n = useNegotiation(state, session, DOC);
  const { selected } = useDraft(store);
  return (
    <>
      {/* Keyed by the paragraph: a refusal, a half-typed reason or an open form belongs to the paragraph it was about. */}
      {selected ? <ParagraphNegotiation key={selected} n={n} paragraphId={selected} onOpenDraft={onOpen} /> : null}
      {n.mine ? <MyAmendments n={n} open={open} onOpen={onOpen} /> : null}
    </>
  );
}

function GlanceBeside({ state, session, store }: { state: MeetingState; session: SessionInfo; store: DraftStore }) {
  const n = useNegotiation(state, session, DOC);
  return <NegotiationGlance n={n} store={store} />;
}
