import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentSpeaker, formatAgendaLabel, nextAct, type Lang, type MeetingState } from '@gavel/shared';
import { useCommand } from '../../components/useCommand';
import { useServerNow } from '../../components/useServerNow';
import { speakerLabel } from '../../components/speakerLabel';
import { MeetingHeader } from '../MeetingHeader';
import { AgendaPanel } from './AgendaPanel';
import { FloorPanel } from './FloorPanel';
import { QueuePanel } from './QueuePanel';
import { ReadingPanel } from './ReadingPanel';
import { ScreenControl } from './ScreenControl';
import { SpeakingTimeChart } from '../../components/SpeakingTimeChart';
import { useMeeting } from '../../api/MeetingContext';
import { NegotiationConsole } from '../amendments/NegotiationConsole';
import { formatInteger, pendingAmendments } from '@gavel/shared';
import { Words } from '../../components/Words';

const SOUND_KEY = 'gavel.chair.sound';

/**
 * The chair's console: the current item, the floor with its clock, the list,
 * and the next act one key away (N next speaker, P pause/resume, E end).
 */
export function ChairConsole({ state }: { state: MeetingState }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useServerNow();
  const runner = useCommand();
  const screenRunner = useCommand();
  const [tab, setTab] = useState<'floor' | 'time' | 'amendments' | 'reading'>('floor');
  const { session } = useMeeting();
  const pending = pendingAmendments(state, 'recommendations').length;
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) === 'on');
  const itemId = state.agenda.currentItemId;
  const item = itemId ? state.agenda.items[itemId] : undefined;
  const pointsOfOrder = itemId
    ? (state.speakers.lists[itemId]?.queue ?? []).map((id) => state.speakers.entries[id]).filter((e) => e.kind === 'point_of_order')
    : [];

  useKeyboardShortcuts(state, runner);
  useChime(sound, pointsOfOrder.map((e) => e.id));

  return (
    <div className="view chair-console">
      <MeetingHeader state={state} />
      {pointsOfOrder.length > 0 ? (
        <p className="alert-point-of-order" role="alert" data-testid="point-of-order-alert">
          {t('console.pointOfOrderAlert', { name: pointsOfOrder.map((e) => speakerLabel(state, e, lang)).join(', ') })}
        </p>
      ) : null}
      <ScreenControl state={state} runner={screenRunner} />
      <div className="current-item" aria-live="polite">
        <span className="muted">{t('console.currentItem')}</span>{' '}
        {item ? (
          <strong dir="auto">
            {t('console.item', { label: formatAgendaLabel(item.path, lang) })}: <Words value={item.title} />
          </strong>
        ) : (
          <span>{t('console.noCurrentItem')}</span>
        )}
      </div>
      <div className="console-grid">
        <AgendaPanel state={state} />
        <div className="stack">
          <div role="tablist" className="tabs" aria-label={t('views.chair')}>
            {(['floor', 'time', 'amendments', 'reading'] as const).map((k) => (
              <button key={k} role="tab" aria-selected={tab === k} className={tab === k ? 'active' : undefined} onClick={() => setTab(k)} data-testid={`console-tab-${k}`}>
                {k === 'floor' ? t('console.tabFloor') : k === 'time' ? t('console.tabTime') : k === 'reading' ? t('day.reading') : t('amendments.tab')}
                {k === 'amendments' && pending > 0 ? <span className="tab-count">{formatInteger(pending, lang)}</span> : null}
              </button>
            ))}
          </div>
          {tab === 'floor' ? (
            <>
              <FloorPanel state={state} now={now} runner={runner} />
              {itemId ? <QueuePanel state={state} itemId={itemId} now={now} runner={runner} /> : null}
            </>
          ) : tab === 'time' ? (
            <SpeakingTimeChart state={state} />
          ) : !session ? null : tab === 'reading' ? (
            <ReadingPanel state={state} session={session} />
          ) : (
            <NegotiationConsole state={state} session={session} />
          )}
          <p className="muted shortcuts">
            {t('console.shortcuts')}{' '}
            <label className="inline">
              <input
                type="checkbox"
                checked={sound}
                onChange={(e) => {
                  setSound(e.target.checked);
                  localStorage.setItem(SOUND_KEY, e.target.checked ? 'on' : 'off');
                }}
              />{' '}
              ♪ {t('kinds.point_of_order')}
            </label>
          </p>
        </div>
      </div>
    </div>
  );
}

/** N, P and E act on the floor unless the chair is typing somewhere. */
function useKeyboardShortcuts(state: MeetingState, runner: ReturnType<typeof useCommand>) {
  const latest = useRef({ state, runner });
  latest.current = { state, runner };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      const { state: s, runner: r } = latest.current;
      if (r.busy) return;
      const current = currentSpeaker(s);
      const key = e.key.toLowerCase();
      if (key === 'n' && s.agenda.currentItemId && nextAct(s, s.agenda.currentItemId)) {
        e.preventDefault();
        void r.run({ type: 'speakers.next', itemId: s.agenda.currentItemId, expectedCurrent: current?.entry.id ?? null });
      } else if (key === 'p' && current) {
        e.preventDefault();
        void r.run({ type: current.floor.pausedAt ? 'floor.resume' : 'floor.pause', entryId: current.entry.id });
      } else if (key === 'e' && current) {
        e.preventDefault();
        void r.run({ type: 'floor.end', expectedCurrent: current.entry.id });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** A short chime when a new point of order arrives, if the chair asked for sound. */
function useChime(enabled: boolean, pointOfOrderIds: string[]) {
  const seen = useRef(new Set(pointOfOrderIds));
  const key = pointOfOrderIds.join(',');
  useEffect(() => {
    const fresh = pointOfOrderIds.filter((id) => !seen.current.has(id));
    pointOfOrderIds.forEach((id) => seen.current.add(id));
    if (!enabled || fresh.length === 0) return;
    try {
      const audio = new AudioContext();
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.2, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.6);
      tone.connect(gain).connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.6);
    } catch {
      // No audio on this device: the banner is there all the same.
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, enabled]);
}
