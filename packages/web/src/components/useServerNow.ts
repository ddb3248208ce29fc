import { useEffect, useState } from 'react';
import { useMeeting } from '../api/MeetingContext';

/**
 * The server's time now, as this browser best knows it, ticking: every screen
 * computes the same countdown from the same absolute end time.
 */
export function useServerNow(tickMs = 250): number {
  const { clockOffsetMs } = useMeeting();
  const [now, setNow] = useState(() => Date.now() + clockOffsetMs);
  useEffect(() => {
    setNow(Date.now() + clockOffsetMs);
    const timer = setInterval(() => setNow(Date.now() + clockOffsetMs), tickMs);
    return () => clearInterval(timer);
  }, [clockOffsetMs, tickMs]);
  return now;
}
