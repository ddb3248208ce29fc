import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  currentSpeaker,
  floorRemainingMs,
  floorTurns,
  formatDuration,
  nextAct,
  pendingRulings,
  type NextAct,
  type Lang,
  type MeetingState,
  type SpeakerEntry,
} from '@gavel/shared';
import { Countdown } from '../../components/Countdown';
import { ErrorText } from '../../components/ErrorText';
import { speakerLabel } from '../../components/speakerLabel';
import type { CommandRunner } from '../../components/useCommand';
import { useWordsText } from '../../components/Words';

/** The chair's floor: who speaks, the clock, and the one next act with the words to say. */
export function FloorPanel({ state, now, runner }: { state: MeetingState; now: number; runner: CommandRunner }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const meetingLang = state.info.language;
  // What the chair reads out is in the meeting's language, whatever the console's: its strings loaded if need be.
  const { t: tMeeting } = useTranslation(undefined, { lng: meetingLang });
  const { run, busy, error } = runner;
  const itemId = state.agenda.currentItemId;
  const current = currentSpeaker(state);
  const act = itemId ? nextAct(state, itemId) : null;
  const label = (entry: SpeakerEntry, l: Lang = lang) => speakerLabel(state, entry, l);

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
          {current.entry.delegationId ? <NameSpeaker state={state} entry={current.entry} runner={runner} /> : null}
          {floorTurns(current.floor.interrupted).map((held) => (
            <p key={held.entryId} className="floor-held" data-testid="floor-held" dir="auto">
              {t('day.held', {
                name: label(state.speakers.entries[held.entryId]),
                time: formatDuration(Math.max(0, floorRemainingMs(held, now)), lang),
              })}
            </p>
          ))}
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
            className={`primary big${act?.kind === 'point_of_order' ? ' point-of-order' : ''}`}
            disabled={busy || !act}
            data-testid="next-speaker"
            data-act={act?.kind ?? 'none'}
            onClick={() => void run({ type: 'speakers.next', itemId, expectedCurrent: current?.entry.id ?? null })}
          >
            {act ? actLabel(act, label, t) : t('floor.noNext')} <kbd>N</kbd>
          </button>
          {act ? (
            <p className="say" lang={meetingLang} dir="auto">
              {actWords(act, (e) => label(e, meetingLang), (key, name) => tMeeting(key, { name }))}
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorText error={error} />
      <Rulings state={state} runner={runner} />
    </section>
  );
}

/**
 * Who speaks for the delegation, recorded with one click: its registered
 * persons as buttons, or a name typed; the log (and, for a panellist, the report) keeps it.
 */
function NameSpeaker({ state, entry, runner }: { state: MeetingState; entry: SpeakerEntry; runner: CommandRunner }) {
  const { t } = useTranslation();
  const words = useWordsText();
  const [typed, setTyped] = useState('');
  const persons = Object.values(state.persons)
    .filter((p) => p.delegationId === entry.delegationId)
    .sort((a, b) => a.name.localeCompare(b.name));
  const name = (personId: string | null, speakerName: string | null) =>
    void runner.run({ type: 'speakers.name', entryId: entry.id, personId, speakerName });
  return (
    <div className="name-speaker" role="group" aria-labelledby="name-speaker-label" data-testid="name-speaker">
      <span id="name-speaker-label" className="muted">
        {t('day.speaker')}
      </span>
      {persons.map((p) => (
        <button
          key={p.id}
          type="button"
          className="small"
          aria-pressed={entry.personId === p.id}
          disabled={runner.busy}
          onClick={() => name(p.id, null)}
          dir="auto"
        >
          {[words(p.title), p.name].filter(Boolean).join(' ')}
        </button>
      ))}
      {entry.speakerName && !entry.personId ? (
        <strong dir="auto" data-testid="speaker-name">
          {entry.speakerName}
        </strong>
      ) : null}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          const input = e.currentTarget.querySelector('input');
          if (!typed.trim()) return;
          void runner.run({ type: 'speakers.name', entryId: entry.id, personId: null, speakerName: typed.trim() }).then((r) => {
            if (!r) return;
            setTyped('');
            // Back to the console's keys (N, P, E), which a focused field would swallow.
            input?.blur();
          });
        }}
      >
        <input
          aria-label={t('day.speakerTyped')}
          placeholder={t('day.speakerTyped')}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="speaker-typed"
        />
        <button type="submit" className="small" disabled={runner.busy || !typed.trim()}>
          {t('day.recordSpeaker')}
        </button>
      </form>
    </div>
  );
}

type T = (key: string, values?: Record<string, string>) => string;

/** What the big button does, in the chair's language: the same act as N (see nextAct). */
function actLabel(act: NextAct, label: (e: SpeakerEntry) => string, t: T): string {
  const name = label(act.entry);
  switch (act.kind) {
    case 'point_of_order':
      return act.holds ? t('day.pointOfOrderHolds', { name, held: label(act.holds) }) : t('day.pointOfOrder', { name });
    case 'give_back':
      return t('day.giveBack', { name });
    case 'next':
      return t('floor.nextIs', { name });
  }
}

/** What the chair says for that act, in the meeting's language. */
function actWords(act: NextAct, label: (e: SpeakerEntry) => string, say: (key: string, name: string) => string): string {
  const name = label(act.entry);
  if (act.kind === 'point_of_order') return say('day.sayPointOfOrder', name);
  if (act.kind === 'give_back') return say('day.sayGiveBack', name);
  return say(act.entry.kind === 'panellist' || !act.entry.delegationId ? 'floor.sayPanellist' : 'floor.say', name);
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
