import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger, isOpenForReading, nextToRead, paragraphStatus, type MeetingState, type SessionInfo } from '@gavel/shared';
import type { AdoptionOutcome } from '@gavel/shared/amendments/commands';
import { consensusBlockers } from '@gavel/shared/amendments/consensus';
import { useCommand } from '../../components/useCommand';
import { BlockerList, RefusalText } from '../amendments/RefusalText';
import { RichWords } from '../amendments/TrackedText';
import { useNegotiation } from '../amendments/useNegotiation';

/** One key per decision, as the chair gavels it. */
const KEYS: readonly [string, AdoptionOutcome][] = [
  ['a', 'adopted'],
  ['r', 'agreed_ad_ref'],
  ['d', 'deferred'],
  ['x', 'no_consensus'],
];

/**
 * Reading the text for adoption, paragraph by paragraph: the paragraph read
 * is the one on the main room screen; each decision is one key, and the
 * chair moves on to the next paragraph still open (deferred ones come back
 * after the last). Without consensus a paragraph is kept, marked so; the
 * footnote and the other choices are in the Amendments tab's full form.
 */
export function ReadingPanel({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const n = useNegotiation(state, session);
  const { t } = useTranslation(undefined, { lng: n.lang });
  const runner = useCommand();
  // Agreed ad referendum during this reading: not read again in it (those agreed before are, to be adopted).
  const [settled, setSettled] = useState<ReadonlySet<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const numbered = n.order.filter((id) => n.numberOf(id) !== null);
  const isOpen = (id: string) => isOpenForReading(paragraphStatus(state, n.doc, id), settled.has(id));
  const onScreen = state.screen.mode === 'text' ? state.screen.paragraphId : null;
  const current = onScreen !== null && numbered.includes(onScreen) ? onScreen : null;
  const label = (id: string) => t('amendments.paragraphLabel', { number: formatInteger(n.numberOf(id) ?? 0, n.docLang) });
  const show = (paragraphId: string) => runner.run({ type: 'screen.show', mode: 'text', paragraphId });

  // The reading puts its paragraph on the room screen: the first open one when the screen shows none of the text.
  const first = n.loaded ? nextToRead(numbered, isOpen, null) : null;
  const started = useRef(false);
  useEffect(() => {
    if (current !== null || first === null || started.current) return;
    started.current = true;
    void show(first);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [current, first]);

  const decide = async (outcome: AdoptionOutcome) => {
    if (current === null || runner.busy) return;
    setDone(null);
    const decided = await runner.run({
      type: 'adoption.decide',
      doc: n.doc,
      paragraphIds: [current],
      outcome,
      ...(outcome === 'no_consensus' ? { disposition: 'keep' as const } : {}),
    });
    if (!decided) return;
    if (outcome === 'agreed_ad_ref') setSettled(new Set([...settled, current]));
    setDone(t('adoption.recorded', { outcome: t(`adoption.outcomes.${outcome}`), which: label(current) }));
    // This render's state predates the decision: the paragraph just decided stays open only if deferred.
    const next = nextToRead(numbered, (id) => (id === current ? outcome === 'deferred' : isOpen(id)), current);
    if (next !== null && next !== current) await show(next);
  };

  const latest = useRef(decide);
  latest.current = decide;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const outcome = KEYS.find(([key]) => key === e.key.toLowerCase())?.[1];
      if (!outcome) return;
      e.preventDefault();
      void latest.current(outcome);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const at = current === null ? -1 : numbered.indexOf(current);
  const content = current ? n.content(current) : null;
  const blockers = current ? consensusBlockers(n.state, n.doc, [current], { [current]: n.numberOf(current) }) : [];
  const status = current ? paragraphStatus(state, n.doc, current) : null;

  return (
    <section className="card reading-panel" aria-labelledby="reading-heading" data-testid="reading-panel">
      <h2 id="reading-heading">{t('day.reading')}</h2>
      {current === null || first === null ? (
        <p className="muted">{!n.loaded ? t('app.loading') : numbered.length === 0 ? t('day.readingEmpty') : t('day.readingDone')}</p>
      ) : (
        <>
          <p className="reading-where" aria-live="polite">
            <strong data-testid="reading-number">{label(current)}</strong>{' '}
            <span className={`status-badge pstatus-${status}`}>{t(`paragraphs.statuses.${status}`)}</span>
          </p>
          <div className="reading-words" lang={n.docLang} dir="auto" data-testid="reading-words">
            {content ? <RichWords paragraph={content} c={n.numbers(current)} colourOf={n.colourOf} /> : null}
          </div>
          {blockers.length > 0 ? (
            <div className="notice blockers-notice">
              <p>{t('adoption.blockedNow')}</p>
              <BlockerList n={n} blockers={blockers} />
            </div>
          ) : null}
          <div className="reading-actions" role="group" aria-label={t('adoption.outcome')}>
            {KEYS.map(([key, outcome]) => (
              <button
                key={outcome}
                type="button"
                className={outcome === 'adopted' ? 'primary' : undefined}
                disabled={runner.busy}
                onClick={() => void decide(outcome)}
                data-testid={`reading-${outcome}`}
                aria-keyshortcuts={key.toUpperCase()}
              >
                {t(`adoption.outcomes.${outcome}`)} <kbd>{key.toUpperCase()}</kbd>
              </button>
            ))}
          </div>
          <div className="reading-nav">
            <button type="button" disabled={runner.busy || at <= 0} onClick={() => void show(numbered[at - 1])}>
              {t('day.readingPrevious')}
            </button>
            <button type="button" disabled={runner.busy || at >= numbered.length - 1} onClick={() => void show(numbered[at + 1])}>
              {t('day.readingNext')}
            </button>
          </div>
        </>
      )}
      {done ? (
        <p className="success" role="status" data-testid="reading-done">
          {done}
        </p>
      ) : null}
      <RefusalText error={runner.error} n={n} />
      <p className="muted shortcuts">{t('day.readingKeys')}</p>
    </section>
  );
}
