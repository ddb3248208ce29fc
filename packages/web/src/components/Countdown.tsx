import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { floorRemainingMs, formatDuration, type FloorTurn, type Lang } from '@gavel/shared';

/** Where the clock stands, for its colour: plenty, last minute, over. */
export function clockPhase(remainingMs: number): 'ok' | 'warning' | 'over' {
  if (remainingMs < 0) return 'over';
  return remainingMs <= 60_000 ? 'warning' : 'ok';
}

/**
 * The speaking clock. Overruns count up in red and are never cut off; the
 * last minute and the end of time are announced to screen readers once.
 */
export function Countdown({ turn, now, lang, size = 'normal' }: { turn: FloorTurn; now: number; lang?: Lang; size?: 'normal' | 'huge' }) {
  // In a language other than the user's (the room screen's), the strings are those of that language, loaded if need be.
  const { t, i18n } = useTranslation(undefined, lang ? { lng: lang } : undefined);
  const l = lang ?? (i18n.language as Lang);
  const remaining = floorRemainingMs(turn, now);
  const phase = clockPhase(remaining);
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef<{ entryId: string; phase: string }>({ entryId: '', phase: 'ok' });

  useEffect(() => {
    const last = announced.current;
    if (last.entryId !== turn.entryId) {
      announced.current = { entryId: turn.entryId, phase };
      return;
    }
    if (phase !== last.phase) {
      announced.current = { entryId: turn.entryId, phase };
      if (phase === 'warning') setAnnouncement(t('floor.oneMinute'));
      if (phase === 'over') setAnnouncement(t('floor.timeUp'));
    }
  }, [phase, turn.entryId, t, l]);

  return (
    <div className={`countdown countdown-${phase} countdown-${size}`} data-testid="countdown" data-remaining-ms={Math.round(remaining)}>
      <span className="countdown-time" dir="ltr">
        {remaining < 0 ? '+' : ''}
        {/* A countdown shows the second it is in: 2:59.4 left reads 3:00. */}
        {formatDuration(remaining >= 0 ? Math.ceil(remaining / 1000) * 1000 : remaining, l)}
      </span>
      <span className="countdown-caption">
        {turn.pausedAt ? t('floor.paused') : remaining < 0 ? t('floor.over') : t('floor.left')}
      </span>
      <span className="visually-hidden" aria-live="assertive">
        {announcement}
      </span>
    </div>
  );
}
