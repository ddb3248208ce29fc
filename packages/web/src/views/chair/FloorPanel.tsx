import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentSpeaker,
  nextSpeakerEntry,
  pendingRulings,
  type Lang,
  type MeetingState,
  type SpeakerEntry,
} from '@gavel/shared';
import { Countdown } from '../../components/Countdown';
import { ErrorText } from '../../components/ErrorText';
import { speakerLabel } from '../../components/speakerLabel';
import type { CommandRunner } from '../../components/useCommand';

/** The chair's floor: who speaks, the clock, and the one next act with the words to say. */
export function FloorPanel({ state, now, runner }: { state: MeetingState; now: number; runner: CommandRunner }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const meetingLang = state.info.language;
  const { run, busy, error } = runner;
  const itemId = state.agenda.currentItemId;
  const current = currentSpeaker(state);
  const next = itemId ? nextSpeakerEntry(state, itemId) : null;
  const nextName = next ? speakerLabel(state, next, meetingLang) : '';

  return (
    <section className={`card floor-panel${current?.entry.kind === 'point_of_order' ? ' point-of-order' : ''}`} aria-labelledby="floor-heading">
      <h2 id="floor-heading">{t('floor.title')}</h2>
      {current ? (
        <div className="floor-current" data-testid="floor-current">
          <p className="floor-speaker" dir="auto">
            {speakerLabel(state, current.entry, lang)}
            <span className={`kind-badge kind-${current.entry.kind}`}>{t(`kinds.${current.entry.kind}`)}</span>
          </p>
          {current.entry.onBehalfOf ? (
            <p className="muted" dir="auto">
              {t('speakers.groupBadge', { group: current.entry.onBehalfOf })}
            </p>
          ) : null}
          <Countdown turn={current.floor} now={now} size="huge" />
          {current.floor.interrupted ? (
            <p className="muted">
              {t('floor.interrupted', { name: speakerLabel(state, state.speakers.entries[current.floor.interrupted.entryId], lang) })}
            </p>
          ) : null}
          <div className="floor-controls">
            {current.floor.pausedAt ? (
              <button type="button" disabled={busy} onClick={() => void run({ type: 'floor.resume', entryId: current.entry.id })}>
                {t('floor.resume')} <kbd>P</kbd>
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => void run({ type: 'floor.pause', entryId: current.entry.id })}>
                {t('floor.pause')} <kbd>P</kbd>
              </button>
            )}
            <button type="button" disabled={busy} onClick={() => void run({ type: 'floor.end', expectedCurrent: current.entry.id })}>
              {t('floor.end')} <kbd>E</kbd>
            </button>
          </div>
        </div>
      ) : (
        <p className="muted">{t('floor.nobody')}</p>
      )}
      {itemId ? (
        <div className="floor-next">
          <button
            type="button"
            className="primary big"
            disabled={busy || !next}
            data-testid="next-speaker"
            onClick={() => void run({ type: 'speakers.next', itemId, expectedCurrent: current?.entry.id ?? null })}
          >
            {next ? t('floor.nextIs', { name: speakerLabel(state, next, lang) }) : t('floor.noNext')} <kbd>N</kbd>
          </button>
          {next ? (
            <p className="say" lang={meetingLang} dir="auto">
              {next.kind === 'panellist' || !next.delegationId
                ? t('floor.sayPanellist', { name: nextName, lng: meetingLang })
                : t('floor.say', { name: nextName, lng: meetingLang })}
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={error} />
      <Rulings state={state} runner={runner} />
    </section>
  );
}

function Rulings({ state, runner }: { state: MeetingState; runner: CommandRunner }) {
  const { t } = useTranslation();
  const pending = pendingRulings(state);
  if (pending.length === 0) return null;
  return (
    <div className="rulings" role="region" aria-labelledby="rulings-heading">
      <h3 id="rulings-heading">{t('speakers.rulingTitle')}</h3>
      {pending.map((entry) => (
        <RulingForm key={entry.id} entry={entry} state={state} runner={runner} />
      ))}
    </div>
  );
}

function RulingForm({ entry, state, runner }: { entry: SpeakerEntry; state: MeetingState; runner: CommandRunner }) {
  const { t, i18n } = useTranslation();
  const [ruling, setRuling] = useState('');
  return (
    <form
      className="ruling"
      onSubmit={(e) => {
        e.preventDefault();
        if (ruling.trim()) void runner.run({ type: 'speakers.rule', entryId: entry.id, ruling }).then((r) => r && setRuling(''));
      }}
    >
      <label>
        <span dir="auto">
          {t('speakers.ruling')}: {speakerLabel(state, entry, i18n.language as Lang)}
        </span>
        <textarea rows={2} value={ruling} onChange={(e) => setRuling(e.target.value)} />
      </label>
      <button type="submit" disabled={runner.busy || !ruling.trim()}>
        {t('speakers.recordRuling')}
      </button>
    </form>
  );
}
