/**
 * The page's first script, inlined into index.html by the build
 * (vite.config.ts, inlineBoot) and run while the app's scripts download. On a
 * phone's slow line that download is the longest wait, and the app would
 * only then ask for its dictionary and, some round trips later, for the
 * meeting's state over its socket. Here both are asked for at once:
 *
 * - the user's dictionary, as a module preload that the app's import of it
 *   then finds ready;
 * - the meeting's state, over HTTP with the session this browser keeps,
 *   which the app's connection shows (takePrefetchedState) while its socket
 *   comes up, then brings up to date with a resume from its seq.
 *
 * It is compiled on its own: it must import nothing heavy.
 */
import type { Lang, MeetingState } from '@gavel/shared';
import { loadSession } from '../api/session';
import { initialLanguage } from '../i18n/language';

interface Prefetched {
  token: string;
  state: Promise<MeetingState | null>;
}

declare global {
  interface Window {
    __gavelPrefetched?: Prefetched;
  }
}

/** Starts the downloads; `dictionaries` maps each language to its chunk's address in this build. */
export function prefetch(dictionaries: Partial<Record<Lang, string>>): void {
  const href = dictionaries[initialLanguage()];
  if (href) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    // As Vite's own preloads and the import itself, so that the browser reuses this download.
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
  const stored = loadSession();
  if (!stored) return;
  const state = fetch(`/api/meetings/${encodeURIComponent(stored.session.meetingId)}/state`, {
    headers: { authorization: `Bearer ${stored.token}` },
  })
    .then((res) => (res.ok ? (res.json() as Promise<{ state?: MeetingState }>) : null))
    .then((body) => body?.state ?? null)
    .catch(() => null);
  window.__gavelPrefetched = { token: stored.token, state };
}

/**
 * The state fetched by the page's first script for this session, once: a later
 * connection (another sign-in, say) asks the server itself. Null if there is none;
 * resolves to null if it failed (a revoked session, no network): the socket then decides.
 */
export function takePrefetchedState(token: string): Promise<MeetingState | null> | null {
  const prefetched = window.__gavelPrefetched;
  delete window.__gavelPrefetched;
  return prefetched?.token === token ? prefetched.state : null;
}
