/**
 * The footnote and cross-reference dialogs of the pen-holder. Native
 * <dialog> elements opened modal: focus moves in, Escape closes, focus
 * returns where it was.
 */
import { useId, useState } from 'react';
import { Modal } from '../components/Modal';
import { useTranslation } from 'react-i18next';
import { crossRefNumber, crossRefWords, formatInteger, replaceEditableReferences, type Direction, type Lang } from '@gavel/shared';
import type { ParagraphUnit } from '@gavel/shared/editor/outline';

/** "paragraph 110 below", as seen from paragraph `from`. */
function wordsFrom(target: number, from: number | null, lang: Lang): string {
  const direction: Direction = from === null ? 'below' : target === from ? 'self' : target < from ? 'above' : 'below';
  return crossRefWords(target, direction, lang);
}

export function FootnoteDialog({
  number,
  initial,
  inParagraph,
  inReportParagraph,
  lang,
  resolve,
  resolveInReport,
  onSave,
  onRemove,
  onClose,
}: {
  /** The footnote's number, or null for a new one. */
  number: string | null;
  /** Its text as edited: references as [[number]]. */
  initial: string;
  /** The number of the paragraph the footnote is in, to say above or below. */
  inParagraph: number | null;
  /** Its number in the report, to say above or below for a paragraph of the report (`[[report 109]]`). */
  inReportParagraph: number | null;
  lang: Lang;
  /** Whether a paragraph has this number now. */
  resolve: (paragraphNumber: number) => boolean;
  /** Whether the report prints a paragraph with this number now. */
  resolveInReport: (reportNumber: number) => boolean;
  onSave: (editable: string) => string[];
  onRemove?: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [unknown, setUnknown] = useState<string[]>([]);
  const preview = replaceEditableReferences(text, ({ number, bare, report }) => {
    if (!(report ? resolveInReport(number) : resolve(number))) return null;
    return bare ? crossRefNumber(number, lang) : wordsFrom(number, report ? inReportParagraph : inParagraph, lang);
  });
  const hintId = useId();
  return (
    <Modal title={number ? t('text.footnoteTitle', { number }) : t('text.newFootnote')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const missing = onSave(text.trim());
          setUnknown(missing);
          if (missing.length === 0) onClose();
        }}
      >
        <div className="field">
          <label htmlFor={`${hintId}-text`}>{t('text.footnoteText')}</label>
          <textarea
            id={`${hintId}-text`}
            rows={4}
            value={text}
            dir="auto"
            lang={lang}
            aria-describedby={hintId}
            autoFocus
            required
            maxLength={4000}
            onChange={(e) => setText(e.target.value)}
            data-testid="footnote-text"
          />
          <p id={hintId} className="hint">
            {t('text.footnoteHint')}
          </p>
        </div>
        <p className="muted">{t('text.preview')}</p>
        <p className="draft-preview" dir="auto" lang={lang}>
          {preview || '—'}
        </p>
        {unknown.length > 0 ? (
          <p className="error" role="alert">
            {t('text.unknownParagraphs', { numbers: unknown.join(', ') })}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit" className="primary" data-testid="footnote-save">
            {t('text.save')}
          </button>
          {onRemove ? (
            <button type="button" className="danger" onClick={onRemove}>
              {t('text.removeFootnote')}
            </button>
          ) : null}
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function CrossRefDialog({
  units,
  inParagraph,
  lang,
  onInsert,
  onClose,
}: {
  units: ParagraphUnit[];
  inParagraph: number | null;
  lang: Lang;
  onInsert: (paragraphId: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const numbered = units.filter((u) => u.number !== null);
  const [target, setTarget] = useState(numbered[0]?.id ?? '');
  const chosen = numbered.find((u) => u.id === target);
  const selectId = useId();
  return (
    <Modal title={t('text.referenceTitle')} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (target) onInsert(target);
          onClose();
        }}
      >
        <div className="field">
          <label htmlFor={selectId}>{t('text.pickParagraph')}</label>
          <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)} autoFocus data-testid="reference-target">
            {numbered.map((u) => (
              <option key={u.id} value={u.id}>
                {formatInteger(u.number!, lang)}. {u.text.slice(0, 80)}
              </option>
            ))}
          </select>
        </div>
        <p className="muted">{t('text.preview')}</p>
        <p className="draft-preview" lang={lang} dir="auto">
          {chosen ? wordsFrom(chosen.number!, inParagraph, lang) : '—'}
        </p>
        <div className="actions">
          <button type="submit" className="primary" disabled={!chosen} data-testid="reference-insert">
            {t('text.insert')}
          </button>
          <button type="button" onClick={onClose}>
            {t('actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
