/**
 * The chair reads a paragraph (or a range, a subsection, a section) for
 * adoption and records the outcome: adopted; agreed ad referendum; no
 * consensus, the paragraph dropped or kept with a footnote pointing to the
 * paragraph that explains the disagreement; deferred. What stands in the way
 * of consensus is shown before the gavel, and the server's refusal says why
 * and whose it is.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '@gavel/shared';
import { ADOPTION_OUTCOMES, type AdoptionOutcome, type FootnoteTarget } from '@gavel/shared/amendments/commands';
import { consensusBlockers } from '@gavel/shared/amendments/consensus';
import { useCommand } from '../../components/useCommand';
import { fetchReport } from '../report/exports';
import { paragraphsInScope } from '../text/glance';
import { footnoteChoices, typedFootnoteNumber, type FootnoteChoiceGroup } from './footnoteTargets';
import { paragraphRange } from './present';
import { BlockerList, RefusalText } from './RefusalText';
import type { Negotiation } from './useNegotiation';

type Scope = 'paragraph' | 'range' | 'subsection' | 'section';

export function AdoptionPanel({ n, paragraphId }: { n: Negotiation; paragraphId: string }) {
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  const id = useId();
  const [scope, setScope] = useState<Scope>('paragraph');
  const [rangeTo, setRangeTo] = useState('');
  const [outcome, setOutcome] = useState<AdoptionOutcome>('adopted');
  const [disposition, setDisposition] = useState<'keep' | 'drop'>('keep');
  const [footnoteTo, setFootnoteTo] = useState<'none' | 'paragraph' | 'words'>('none');
  const [footnoteParagraph, setFootnoteParagraph] = useState('');
  const [footnoteWords, setFootnoteWords] = useState('');
  const [footnoteText, setFootnoteText] = useState('');
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);
  /** The report's paragraphs to point the footnote at (null while loading; 'failed': this text's own, as the draft numbers them). */
  const [choices, setChoices] = useState<FootnoteChoiceGroup[] | 'failed' | null>(null);
  const wantsReport = outcome === 'no_consensus' && disposition === 'keep' && footnoteTo === 'paragraph';
  useEffect(() => {
    if (!wantsReport) return;
    const abort = new AbortController();
    fetchReport(n.state.id, n.docLang, abort.signal).then(
      (report) => setChoices(footnoteChoices(report, [paragraphId])),
      () => {
        if (!abort.signal.aborted) setChoices('failed');
      },
    );
    return () => abort.abort();
  }, [wantsReport, n.state.id, n.state.seq, n.docLang, paragraphId]);

  const reading = n.snapshot.reading;
  const numbered = (reading?.units ?? []).filter((u) => u.number !== null);
  const label = (pid: string) => {
    const x = n.numberOf(pid);
    return x === null ? t('amendments.paragraphUnnumbered') : formatInteger(x, n.docLang);
  };
  const ids =
    scope === 'range'
      ? rangeTo
        ? paragraphRange(n.order, paragraphId, rangeTo)
        : [paragraphId]
      : scope === 'paragraph' || !reading
        ? [paragraphId]
        : paragraphsInScope(reading.items, paragraphId, scope);
  const numbersOf = Object.fromEntries(ids.map((p) => [p, n.numberOf(p)]));
  const blockers = outcome === 'adopted' || outcome === 'agreed_ad_ref' ? consensusBlockers(n.state, n.doc, ids, numbersOf) : [];
  const which =
    ids.length === 1
      ? t('amendments.paragraphNumber', { number: label(ids[0]) })
      : t('adoption.paragraphsRange', { from: label(ids[0]), to: label(ids.at(-1)!), count: ids.length });

  const typed = outcome === 'no_consensus' && disposition === 'keep' ? typedFootnoteNumber(footnoteTo, footnoteWords, footnoteText) : null;

  const footnote = (): { target: FootnoteTarget; text?: string } | undefined => {
    if (outcome !== 'no_consensus' || disposition !== 'keep' || footnoteTo === 'none') return undefined;
    const target: FootnoteTarget | null =
      footnoteTo === 'paragraph'
        ? footnoteParagraph
          ? (JSON.parse(footnoteParagraph) as FootnoteTarget)
          : null
        : footnoteWords.trim()
          ? { text: footnoteWords.trim() }
          : null;
    if (!target) return undefined;
    return { target, ...(footnoteText.trim() ? { text: footnoteText.trim() } : {}) };
  };

  return (
    <details className="adoption-panel" data-testid="adoption-panel">
      <summary>{t('adoption.readForAdoption')}</summary>
      <form
        className="stack-s"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          const f = footnote();
          void runner
            .run({
              type: 'adoption.decide',
              doc: n.doc,
              paragraphIds: ids,
              outcome,
              ...(outcome === 'no_consensus' ? { disposition } : {}),
              ...(f ? { footnote: f } : {}),
              ...(note.trim() ? { note: note.trim() } : {}),
            })
            .then((r) => {
              if (r) {
                setDone(t('adoption.recorded', { outcome: t(`adoption.outcomes.${outcome}`), which }));
                setNote('');
              }
            });
        }}
      >
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-scope`}>{t('adoption.scope')}</label>
            <select id={`${id}-scope`} value={scope} onChange={(e) => setScope(e.target.value as Scope)} data-testid="adoption-scope">
              <option value="paragraph">{t('paragraphs.scopeParagraph')}</option>
              <option value="range">{t('adoption.scopeRange')}</option>
              <option value="subsection">{t('paragraphs.scopeSubsection')}</option>
              <option value="section">{t('paragraphs.scopeSection')}</option>
            </select>
          </div>
          {scope === 'range' ? (
            <div className="field">
              <label htmlFor={`${id}-to`}>{t('adoption.rangeTo')}</label>
              <select id={`${id}-to`} value={rangeTo} onChange={(e) => setRangeTo(e.target.value)} data-testid="adoption-range-to">
                <option value="">—</option>
                {numbered.map((u) => (
                  <option key={u.id} value={u.id}>
                    {formatInteger(u.number!, n.docLang)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <p className="muted">{t('adoption.reading', { which })}</p>

        <fieldset>
          <legend>{t('adoption.outcome')}</legend>
          {ADOPTION_OUTCOMES.map((o) => (
            <label key={o} className="inline">
              <input type="radio" name={`${id}-outcome`} value={o} checked={outcome === o} onChange={() => setOutcome(o)} data-testid={`adoption-outcome-${o}`} />
              <span>{t(`adoption.outcomes.${o}`)}</span>
            </label>
          ))}
        </fieldset>

        {outcome === 'no_consensus' ? (
          <fieldset>
            <legend>{t('adoption.disposition')}</legend>
            <label className="inline">
              <input type="radio" name={`${id}-disp`} checked={disposition === 'keep'} onChange={() => setDisposition('keep')} />
              <span>{t('adoption.keep')}</span>
            </label>
            <label className="inline">
              <input type="radio" name={`${id}-disp`} checked={disposition === 'drop'} onChange={() => setDisposition('drop')} />
              <span>{t('adoption.drop')}</span>
            </label>
            {disposition === 'keep' ? (
              <div className="stack-s footnote-target">
                <div className="field">
                  <label htmlFor={`${id}-fn`}>{t('adoption.footnote')}</label>
                  <select id={`${id}-fn`} value={footnoteTo} onChange={(e) => setFootnoteTo(e.target.value as typeof footnoteTo)} data-testid="adoption-footnote">
                    <option value="none">{t('adoption.footnoteNone')}</option>
                    <option value="paragraph">{t('adoption.footnoteParagraph')}</option>
                    <option value="words">{t('adoption.footnoteWords')}</option>
                  </select>
                </div>
                {footnoteTo === 'paragraph' ? (
                  <div className="field">
                    <label htmlFor={`${id}-fnp`}>{t('adoption.footnoteTarget')}</label>
                    <select
                      id={`${id}-fnp`}
                      value={footnoteParagraph}
                      onChange={(e) => setFootnoteParagraph(e.target.value)}
                      required
                      disabled={choices === null}
                      data-testid="adoption-footnote-paragraph"
                      lang={n.docLang}
                      dir="auto"
                    >
                      <option value="">—</option>
                      {choices === 'failed'
                        ? numbered.map((u) => (
                            <option key={u.id} value={JSON.stringify({ paragraphId: u.id })}>
                              {n.snapshot.reading?.numbering.labels.get(u.key) ?? formatInteger(u.number!, n.docLang)} {u.text.slice(0, 60)}
                            </option>
                          ))
                        : (choices ?? []).map((g) => (
                            <optgroup key={g.chapter} label={g.label}>
                              {g.choices.map((c) => (
                                <option key={c.value} value={c.value}>
                                  {c.label}
                                </option>
                              ))}
                            </optgroup>
                          ))}
                    </select>
                    {choices === 'failed' ? <small className="hint">{t('adoption.footnoteDraftOnly')}</small> : null}
                  </div>
                ) : null}
                {footnoteTo === 'words' ? (
                  <div className="field">
                    <label htmlFor={`${id}-fnw`}>{t('adoption.footnoteWordsLabel')}</label>
                    <input
                      id={`${id}-fnw`}
                      value={footnoteWords}
                      required
                      maxLength={300}
                      onChange={(e) => setFootnoteWords(e.target.value)}
                      lang={n.docLang}
                      dir="auto"
                      placeholder={t('adoption.footnoteWordsPlaceholder')}
                      aria-invalid={typed?.field === 'words'}
                    />
                    {typed?.field === 'words' ? (
                      <p className="error" role="alert" data-testid="footnote-typed">
                        {t('adoption.footnoteTypedWords', { typed: typed.typed })}
                      </p>
                    ) : null}
                  </div>
                ) : null}
                {footnoteTo !== 'none' ? (
                  <div className="field">
                    <label htmlFor={`${id}-fnt`}>
                      {t('adoption.footnoteText')} <span className="muted">({t('actions.optional')})</span>
                    </label>
                    <input
                      id={`${id}-fnt`}
                      value={footnoteText}
                      maxLength={1000}
                      onChange={(e) => setFootnoteText(e.target.value)}
                      lang={n.docLang}
                      dir="auto"
                      aria-describedby={`${id}-fnh`}
                      aria-invalid={typed?.field === 'text'}
                      data-testid="adoption-footnote-text"
                    />
                    <small id={`${id}-fnh`} className="hint">
                      {t('adoption.footnoteTextHint')}
                    </small>
                    {typed?.field === 'text' ? (
                      <p className="error" role="alert" data-testid="footnote-typed">
                        {t('adoption.footnoteTyped', { typed: typed.typed })}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </div>
            ) : null}
          </fieldset>
        ) : null}

        <div className="field">
          <label htmlFor={`${id}-note`}>
            {t('amendments.decisionNote')} <span className="muted">({t('actions.optional')})</span>
          </label>
          <input id={`${id}-note`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} dir="auto" />
        </div>

        {blockers.length && !runner.error ? (
          <div className="notice blockers-notice" data-testid="adoption-blockers">
            <p>{t('adoption.blockedNow')}</p>
            <BlockerList n={n} blockers={blockers} />
          </div>
        ) : null}
        <button type="submit" className="primary" disabled={runner.busy || ids.length === 0 || typed !== null} data-testid="adoption-record">
          {t('adoption.record', { outcome: t(`adoption.outcomes.${outcome}`) })}
        </button>
        {done ? (
          <p className="success" role="status">
            {done}
          </p>
        ) : null}
        <RefusalText error={runner.error} n={n} />
      </form>
    </details>
  );
}
