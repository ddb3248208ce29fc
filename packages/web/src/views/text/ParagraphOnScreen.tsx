/**
 * One paragraph of the negotiated text, large, live, for the room screen:
 * every keystroke of the pen-holder shows, with the cursor. Under its
 * section and subsection headings, with its number, status and footnotes.
 *
 * `<ParagraphOnScreen state={state} paragraphId={id} lang={state.info.language} />`
 * The text's own words are in the document's language; `lang` words the rest.
 */
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { direction, paragraphStatus, type Lang, type MeetingState } from '@gavel/shared';
import { useConnection } from '../../api/MeetingContext';
import { DraftEditor } from '../../editor/DraftEditor';
import { DraftStore, useDraft } from '../../editor/store';

const DOC = 'recommendations';

export function ParagraphOnScreen({ state, paragraphId, lang }: { state: MeetingState; paragraphId: string; lang: Lang }) {
  const { t } = useTranslation(undefined, { lng: lang });
  const store = useMemo(() => new DraftStore(), []);
  const { reading } = useDraft(store);
  const session = useConnection().getSnapshot().session;
  const status = paragraphStatus(state, DOC, paragraphId);
  const notes = reading?.numbering.footnotes.filter((f) => f.paragraphId === paragraphId) ?? [];
  const present = reading ? reading.units.some((u) => u.id === paragraphId) : true;
  useEffect(() => store.set({ selected: paragraphId }), [store, paragraphId]);
  return (
    <section className={`paragraph-on-screen pstatus-${status}`} lang={lang} dir={direction(lang)} data-testid="paragraph-on-screen">
      <p className="room-caption">
        <span className={`status-badge pstatus-${status}`}>{t(`paragraphs.statuses.${status}`)}</span>
      </p>
      {present ? null : <p className="room-waiting">{t('text.paragraphGone')}</p>}
      <DraftEditor docName={DOC} state={state} lang={state.info.language} mode="screen" store={store} focus={paragraphId} userName={session?.name ?? ''} />
      {notes.length > 0 ? (
        <ol className="screen-footnotes" lang={state.info.language} dir={direction(state.info.language)}>
          {notes.map((f) => (
            <li key={f.key}>
              <span className="footnote-number">{reading?.numbering.labels.get(f.key)}</span> <span dir="auto">{f.text}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
