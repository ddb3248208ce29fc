/**
 * A delegation drafting its amendment: the draft's own editor (private to
 * the delegation, co-drafted live by its members), a preview of the tracked
 * changes the others will see once it is tabled, and the sponsor's acts:
 * table it (or table the changes as a revision), withdraw it.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import { trackChanges } from '@gavel/shared/editor/merge';
import { sameRich } from '@gavel/shared/editor/rich';
import { latestVersion, type Amendment } from '@gavel/shared/amendments/model';
import type { AmendmentKind, Place } from '@gavel/shared/amendments/commands';
import { negotiationApi } from '../../api/negotiation';
import { useCommand } from '../../components/useCommand';
import { AmendmentEditor, type DraftContent } from './AmendmentEditor';
import { kindLabel, placeWords } from './AmendmentCard';
import { RefusalText } from './RefusalText';
import { TrackedText } from './TrackedText';
import type { Negotiation } from './useNegotiation';

/** What a draft amends: known to the browser that started it, and kept with the draft's text by the server. */
export interface DraftTarget {
  kind: AmendmentKind;
  paragraphId?: string;
  place?: Place;
}

/** What an amendment amends: public once tabled; for a draft, asked of the server (the draft's own record), once. */
export function useDraftTarget(meetingId: string, a: Amendment): DraftTarget | null {
  const known = a.kind && a.target ? ('paragraphId' in a.target ? { kind: a.kind, paragraphId: a.target.paragraphId } : { kind: a.kind, place: a.target.place }) : null;
  const [asked, setAsked] = useState<DraftTarget | null>(() => draftTargets.get(a.id) ?? null);
  useEffect(() => {
    if (known || draftTargets.has(a.id)) return;
    let live = true;
    negotiationApi.draft(meetingId, a.id).then(
      (d) => {
        if (!d.meta) return;
        const target: DraftTarget = { kind: d.meta.kind, ...(d.meta.paragraphId ? { paragraphId: d.meta.paragraphId } : {}), ...(d.meta.place ? { place: d.meta.place } : {}) };
        draftTargets.set(a.id, target);
        if (live) setAsked(target);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [meetingId, a.id, known]);
  return known ?? asked;
}

/** Draft targets already asked for, by amendment id (they never change). */
const draftTargets = new Map<string, DraftTarget>();

/** Notes what a draft this browser just started amends, so that its workspace need not ask. */
export function rememberTarget(amendmentId: string, target: DraftTarget): void {
  draftTargets.set(amendmentId, target);
}

export function DraftWorkspace({ n, amendment: a, onClose }: { n: Negotiation; amendment: Amendment; onClose: () => void }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const [draft, setDraft] = useState<DraftContent>({ content: null, problem: null });
  const [note, setNote] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const id = useId();
  const onContent = useCallback((d: DraftContent) => setDraft(d), []);
  const target = useDraftTarget(n.state.id, a);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened from a paragraph further down: bring it into view, and the keyboard with it.
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, []);
  const tabled = a.status === 'tabled';
  const editable = a.status === 'drafting' || a.status === 'tabled';
  const v = latestVersion(a);
  const current = target?.paragraphId ? n.content(target.paragraphId) : null;
  const number = target?.paragraphId ? n.numberOf(target.paragraphId) : null;
  const isDelete = target?.kind === 'delete';

  const title = target
    ? `${kindLabel(t, target)}${number !== null && target.kind !== 'insert' ? ` — ${t('amendments.toParagraph', { number: formatInteger(number, n.docLang) })}` : ''}${target.place ? ` — ${placeWords(t, n, target.place)}` : ''}`
    : t('amendments.yourDraft');

  const preview =
    draft.content && !isDelete
      ? target?.kind === 'insert' || !current
        ? trackChanges({ inlines: [] }, { inlines: [] }, draft.content)
        : trackChanges(current, current, draft.content)
      : null;
  const unchanged = !isDelete && draft.content && current && sameRich(draft.content, current);
  const sameAsTabled = tabled && v?.proposed && draft.content && sameRich(draft.content, v.proposed);

  return (
    <section className="panel draft-workspace" aria-labelledby={`${id}-title`} data-testid="draft-workspace" data-amendment={a.id}>
      <div className="panel-head">
        <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose} data-testid="draft-close">
          {t('actions.close')}
        </button>
      </div>
      <p className={tabled ? 'muted' : 'private-notice'} data-testid="draft-privacy">
        {tabled ? t('amendments.tabledPrivateRevision', { number: formatInteger(v?.version ?? 1, n.lang) }) : t('amendments.nothingPublic')}
      </p>

      {isDelete ? (
        <p>{t('amendments.deleteExplained')}</p>
      ) : (
        <AmendmentEditor
          meetingId={n.state.id}
          amendmentId={a.id}
          lang={n.docLang}
          userName={n.actor.name}
          editable={editable}
          onContent={onContent}
          label={t('amendments.editorLabel')}
        />
      )}
      {draft.problem ? (
        <p className="error" role="alert">
          {t('amendments.draftProblem')} <span className="error-detail">{draft.problem}</span>
        </p>
      ) : null}

      {preview ? (
        <div className="draft-preview-block">
          <h3>{t('amendments.previewTitle')}</h3>
          <p className="amendment-text" lang={n.docLang} dir="auto" data-testid="draft-preview">
            <TrackedText parts={preview} sponsor={n.nameOf(a.sponsor)} colour={n.colourOf(a.sponsor)} c={n.numbers(target?.kind === 'insert' ? null : (target?.paragraphId ?? null))} colourOf={n.colourOf} />
          </p>
          {unchanged ? <p className="hint">{t('amendments.unchangedHint')}</p> : null}
        </div>
      ) : null}

      {editable ? (
        <form
          className="stack-s"
          onSubmit={(e) => {
            e.preventDefault();
            const payload = { amendmentId: a.id, ...(note.trim() ? { note: note.trim() } : {}) };
            void runner.run(tabled ? { type: 'amendment.revise', ...payload } : { type: 'amendment.table', ...payload }).then((r) => r && setNote(''));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-note`}>
              {t('amendments.tableNote')} <span className="muted">({t('actions.optional')})</span>
            </label>
            <input id={`${id}-note`} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} dir="auto" data-testid="table-note" />
          </div>
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={runner.busy || (!isDelete && (!draft.content || !!draft.problem || !!unchanged || (!!sameAsTabled && !note.trim())))}
              data-testid={tabled ? 'amendment-revise-table' : 'amendment-table'}
            >
              {tabled ? t('amendments.tableRevision') : t('amendments.table')}
            </button>
            {withdrawing ? null : (
              <button type="button" className="danger" onClick={() => setWithdrawing(true)} data-testid="draft-withdraw">
                {tabled ? t('amendments.withdraw') : t('amendments.discard')}
              </button>
            )}
          </div>
          {withdrawing ? (
            <div className="actions" role="group" aria-label={t('amendments.withdraw')}>
              <span>{tabled ? t('amendments.withdrawConfirm') : t('amendments.discardConfirm')}</span>
              <button
                type="button"
                className="danger"
                disabled={runner.busy}
                onClick={() => void runner.run({ type: 'amendment.withdraw', amendmentId: a.id }).then((r) => r && onClose())}
                data-testid="draft-withdraw-confirm"
              >
                {t('actions.confirm')}
              </button>
              <button type="button" onClick={() => setWithdrawing(false)}>
                {t('actions.cancel')}
              </button>
            </div>
          ) : null}
          <RefusalText error={runner.error} n={n} />
        </form>
      ) : null}
    </section>
  );
}
