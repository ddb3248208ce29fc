import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  currentSpeaker,
  delegationName,
  formatDuration,
  formatInteger,
  type Lang,
  type MeetingState,
  type QueueLine,
  type SessionInfo,
  speakerDelegationName,
  speakersQueue,
  type SpeakerKind,
} from '@gavel/shared';
import { Countdown } from '../../components/Countdown';
import { CurrentItemCard } from '../../components/CurrentItemCard';
import { NextSpeakers } from '../../components/NextSpeakers';
import { ErrorText } from '../../components/ErrorText';
import { ParticipantList } from '../../components/ParticipantList';
import { useCommand } from '../../components/useCommand';
import { useServerNow } from '../../components/useServerNow';
import { useAfterFirstRender } from '../../components/useAfterFirstRender';
import { MeetingHeader } from '../MeetingHeader';
import { whyMovedBack, type PlaceChange } from './placeChange';

// The negotiation (amendments, tracked changes, the text's numbers) comes after
// the floor on the page and loads after it, so that asking for the floor never waits for it.
const DelegationNegotiation = lazy(() => import('../amendments/DelegationNegotiation').then((m) => ({ default: m.DelegationNegotiation })));

/**
 * A delegation's own view, built for a phone as much as a laptop: the one big
 * action (ask for the floor), its place on the list, and the clock when it speaks.
 */
export function DelegationView({ state, session }: { state: MeetingState; session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const now = useServerNow();
  const mine = session.delegationId ? state.delegations[session.delegationId] : undefined;
  const itemId = state.agenda.currentItemId;
  const current = currentSpeaker(state);
  const speakingNow = current !== null && current.entry.delegationId === session.delegationId;
  // The negotiation and the participants come after the floor on the page, and a moment after it.
  const belowTheFold = useAfterFirstRender();

  return (
    <div className="view delegation-view">
      <MeetingHeader state={state} />
      {mine ? (
        <p className="lead" data-testid="my-delegation">
          {t('shell.youRepresent', { name: delegationName(mine, lang) })}
        </p>
      ) : null}
      {speakingNow && current ? (
        <section className="you-have-floor" role="alert" data-testid="you-have-floor">
          <p className="you-have-floor-title">{t('floor.youHaveFloor')}</p>
          <Countdown turn={current.floor} now={now} size="huge" />
        </section>
      ) : null}
      <CurrentItemCard state={state} now={now} hideSpeakerOf={session.delegationId} />
      {itemId && session.delegationId ? (
        <AskForFloor state={state} itemId={itemId} delegationId={session.delegationId} now={now} />
      ) : (
        <p className="muted">{t('delegationView.waitingItem')}</p>
      )}
      {itemId ? <NextSpeakers state={state} itemId={itemId} now={now} highlight={session.delegationId} /> : null}
      {belowTheFold ? (
        <>
          <Suspense fallback={null}>
            <DelegationNegotiation state={state} session={session} />
          </Suspense>
          <ParticipantList state={state} highlight={session.delegationId} />
        </>
      ) : null}
    </div>
  );
}

function AskForFloor({ state, itemId, delegationId, now }: { state: MeetingState; itemId: string; delegationId: string; now: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Lang;
  const { run, busy, error } = useCommand();
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const queue = speakersQueue(state, itemId, now);
  const places = queue.filter((l) => l.entry.delegationId === delegationId);
  const moved = usePlaceChange(queue, places);
  const closed = state.speakers.lists[itemId]?.closed ?? false;
  const ask = (kind: SpeakerKind) =>
    void run({ type: 'speakers.request', itemId, kind, ...(onBehalfOf.trim() ? { onBehalfOf: onBehalfOf.trim() } : {}) });

  return (
    <section className="card ask-floor" aria-labelledby="ask-heading">
      <h2 id="ask-heading" className="visually-hidden">
        {t('delegationView.askFloor')}
      </h2>
      {places.length === 0 ? <p className="muted">{t('delegationView.noRequest')}</p> : null}
      <ul className="my-places" aria-live="polite">
        {places.map((p) => (
          <li key={p.entry.id} data-testid="my-place">
            <span>
              <span className={`kind-badge kind-${p.entry.kind}`}>{t(`kinds.${p.entry.kind}`)}</span>{' '}
              <strong>{t('delegationView.yourPlace', { position: formatInteger(p.position, lang) })}</strong>{' '}
              <span className="muted" data-testid="my-wait">
                {t('delegationView.estimate', { time: formatDuration(p.waitMs, lang) })}
              </span>
            </span>
            <button type="button" disabled={busy} onClick={() => void run({ type: 'speakers.withdraw', entryId: p.entry.id })}>
              {t('speakers.withdraw')}
            </button>
          </li>
        ))}
      </ul>
      <p className="place-change" role="status" data-testid="place-change" hidden={!moved}>
        {moved ? placeChangeText(moved, state, lang, t) : null}
      </p>
      {closed ? <p className="notice">{t('delegationView.listClosed')}</p> : null}
      <button type="button" className="primary huge-button" disabled={busy || closed} onClick={() => ask('statement')} data-testid="ask-floor">
        {t('delegationView.askFloor')}
      </button>
      <div className="row ask-secondary">
        <button type="button" className="point-of-order-button" disabled={busy} onClick={() => ask('point_of_order')}>
          {t('delegationView.pointOfOrder')}
        </button>
        <button type="button" disabled={busy} onClick={() => ask('right_of_reply')}>
          {t('delegationView.rightOfReply')}
        </button>
      </div>
      <details>
        <summary>{t('delegationView.more')}</summary>
        <label className="field">
          <span>{t('speakers.onBehalfOf')}</span>
          <input value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)} placeholder={t('speakers.onBehalfHint')} />
        </label>
      </details>
      <ErrorText error={error} />
    </section>
  );
}

/** The last time one of the delegation's requests went back on the list, and why; cleared when it has none. */
function usePlaceChange(queue: QueueLine[], places: QueueLine[]): PlaceChange | null {
  const order = queue.map((l) => l.entry.id);
  const seen = useRef<string[]>(order);
  const [moved, setMoved] = useState<PlaceChange | null>(null);
  const key = order.join(' ');
  useEffect(() => {
    const before = seen.current;
    seen.current = order;
    if (places.length === 0) return setMoved(null);
    const why = places.map((p) => whyMovedBack(before, queue, p.entry.id)).find((w) => w !== null);
    if (why) setMoved(why);
    // Only a change of order counts, not the clock's ticks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return moved;
}

function placeChangeText(moved: PlaceChange, state: MeetingState, lang: Lang, t: TFunction): string {
  const position = formatInteger(moved.position, lang);
  if (moved.kind === 'reordered') return t('placeMoved.reordered', { position });
  const name = speakerDelegationName(state, moved.entry, lang) ?? moved.entry.speakerName ?? '';
  if (moved.kind === 'point_of_order') return t('placeMoved.pointOfOrder', { position, name });
  const category = moved.entry.kind === 'panellist' ? t('kinds.panellist') : moved.category ? t(`category.${moved.category}`) : '';
  return t('placeMoved.precedence', { position, name, category });
}
