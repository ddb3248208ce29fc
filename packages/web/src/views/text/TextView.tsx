/**
 * The negotiated text, for everyone: the text live with its numbers and
 * statuses in the margin, status at a glance with jumps, the selected
 * paragraph with its history; for the chair and the secretariat the pen and
 * the statuses; for the secretariat the import of its draft.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { can, canImportText, type Actor, type MeetingState, type SessionInfo } from '@gavel/shared';
import { DraftEditor } from '../../editor/DraftEditor';
import { DraftStore } from '../../editor/store';
import { MeetingHeader } from '../MeetingHeader';
import { ImportPanel, PenPanel, SelectedParagraph, StatusGlance } from './ParagraphPanels';

const DOC = 'recommendations';

export function TextView({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const { t } = useTranslation();
  const store = useMemo(() => new DraftStore(), []);
  const docLang = state.info.language;
  const actor: Actor = { role: session.role, name: session.name, delegationId: session.delegationId, codeId: session.codeId };
  const steers = can(actor, { type: 'pen.takeBack' }, state);
  return (
    <div className="view text-view">
      <MeetingHeader state={state} />
      <div className="text-layout">
        <div className="text-main">
          <h2 className="text-title">{t('text.docRecommendations')}</h2>
          <DraftEditor docName={DOC} state={state} lang={docLang} mode="edit" store={store} userName={session.name} />
        </div>
        <aside className="text-side" aria-label={t('text.sidePanel')}>
          <SelectedParagraph store={store} state={state} docName={DOC} docLang={docLang} actor={actor} />
          <StatusGlance store={store} state={state} docName={DOC} docLang={docLang} />
          {steers || state.pen.holder ? <PenPanel state={state} actor={actor} /> : null}
          {canImportText(actor, state, DOC) ? <ImportPanel state={state} docName={DOC} /> : null}
        </aside>
      </div>
    </div>
  );
}
