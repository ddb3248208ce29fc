/**
 * The chair's "Amendments" tab: what is before the group, paragraph by
 * paragraph in text order (amendments pending, open brackets, standing
 * objections), and for the paragraph chosen its words now, the amendments
 * as tracked changes with the chair's decisions, brackets to lift,
 * objections, positions, and reading it (or a range) for adoption.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, formatInteger, type MeetingState, type SessionInfo } from '@gavel/shared';
import { useCommand } from '../../components/useCommand';
import { ParagraphNegotiation } from './ParagraphNegotiation';
import { negotiationAgenda } from './present';
import { RichWords } from './TrackedText';
import { useNegotiation, type Negotiation } from './useNegotiation';

export function NegotiationConsole({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const n = useNegotiation(state, session);
  const { t } = useTranslation(undefined, { lng: n.lang });
  const agenda = negotiationAgenda(state.negotiation, n.doc, n.order);
  const [chosen, setChosen] = useState<string | null>(null);
  const id = useId();
  // Until the chair picks one: the first paragraph with something pending; it stays chosen once decided.
  const first = agenda[0]?.paragraphId ?? null;
  useEffect(() => {
    if (chosen === null && first !== null) setChosen(first);
  }, [chosen, first]);
  const paragraphId = chosen ?? first;
  const numbered = (n.snapshot.reading?.units ?? []).filter((u) => u.number !== null);
  const label = (pid: string) => {
    const x = n.numberOf(pid);
    return x === null ? t('amendments.paragraphUnnumberedLabel') : t('amendments.paragraphLabel', { number: formatInteger(x, n.docLang) });
  };

  return (
    <div className="negotiation-console" data-testid="negotiation-console">
      <section className="panel negotiation-agenda" aria-labelledby={`${id}-agenda`}>
        <h2 id={`${id}-agenda`}>{t('amendments.beforeTheGroup')}</h2>
        {agenda.length === 0 ? <p className="muted">{t('amendments.nothingPending')}</p> : null}
        <ul className="agenda-paragraphs">
          {agenda.map((p) => (
            <li key={p.paragraphId}>
              <button
                type="button"
                className="agenda-paragraph"
                aria-current={p.paragraphId === paragraphId ? 'true' : undefined}
                onClick={() => setChosen(p.paragraphId)}
                data-testid="agenda-paragraph"
              >
                <strong>{label(p.paragraphId)}</strong>
                <span className="agenda-counts">
                  {p.amendments.length ? <span className="count-chip amendments">{t('amendments.countAmendments', { count: p.amendments.length, n: formatInteger(p.amendments.length, n.lang) })}</span> : null}
                  {p.brackets ? <span className="count-chip brackets">{t('amendments.countBrackets', { count: p.brackets, n: formatInteger(p.brackets, n.lang) })}</span> : null}
                  {p.objections ? <span className="count-chip objections">{t('amendments.countObjections', { count: p.objections, n: formatInteger(p.objections, n.lang) })}</span> : null}
                </span>
              </button>
            </li>
          ))}
        </ul>
        <div className="field">
          <label htmlFor={`${id}-pick`}>{t('amendments.anyParagraph')}</label>
          <select id={`${id}-pick`} value={paragraphId ?? ''} onChange={(e) => setChosen(e.target.value || null)} data-testid="console-paragraph">
            <option value="">—</option>
            {numbered.map((u) => (
              <option key={u.id} value={u.id}>
                {n.snapshot.reading?.numbering.labels.get(u.key) ?? formatInteger(u.number!, n.docLang)} {u.text.slice(0, 60)}
              </option>
            ))}
          </select>
        </div>
      </section>
      {paragraphId ? <ChosenParagraph n={n} paragraphId={paragraphId} /> : null}
    </div>
  );
}

function ChosenParagraph({ n, paragraphId }: { n: Negotiation; paragraphId: string }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const content = n.content(paragraphId);
  const onScreen = n.state.screen.mode === 'text' && n.state.screen.paragraphId === paragraphId;
  const mayShow = can(n.actor, { type: 'screen.show', mode: 'text', paragraphId }, n.state);
  useEffect(() => runner.clearError(), [paragraphId]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div className="stack chosen-paragraph">
      <section className="panel paragraph-now" aria-label={t('amendments.readsNow')}>
        <p className="muted">{t('amendments.readsNow')}</p>
        <p className="paragraph-words" lang={n.docLang} dir="auto" data-testid="paragraph-now">
          {content ? <RichWords paragraph={content} c={n.numbers(paragraphId)} colourOf={n.colourOf} /> : n.loaded ? t('amendments.paragraphGone') : t('app.loading')}
        </p>
        {mayShow ? (
          onScreen ? (
            <p className="muted">{t('room.shown')}</p>
          ) : (
            <button type="button" disabled={runner.busy} onClick={() => void runner.run({ type: 'screen.show', mode: 'text', paragraphId })}>
              {t('room.showParagraph')}
            </button>
          )
        ) : null}
      </section>
      <ParagraphNegotiation n={n} paragraphId={paragraphId} />
    </div>
  );
}
