import type { SessionInfo } from '@gavel/shared';

const KEY = 'gavel.session';

export interface StoredSession {
  token: string;
  session: SessionInfo;
}

/** The session of this browser tab's user; kept across reloads. */
export function loadSession(): StoredSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed = raw ? (JSON.parse(raw) as StoredSession) : null;
    return parsed?.token && parsed.session?.meetingId ? parsed : null;
  } catch {
    return null;
  }
}

export function saveSession(s: StoredSession | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}
