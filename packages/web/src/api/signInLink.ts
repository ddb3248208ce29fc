/**
 * The link on an access-code slip (issue 15): /?meeting=<id>#code=<code>.
 * The code rides in the fragment, which the browser sends to no server and
 * puts in no Referer; it is read once, when the app starts, and taken out of
 * the address bar and the history entry at once, so that neither a reload,
 * a bookmark nor a shoulder sees it again.
 */
export interface SignInLink {
  meetingId: string;
  code: string;
}

/** What a code can be (server/auth/secrets.ts makes "K7QF-M2XD-9PRT"; people may type spaces). */
const CODE = /^[A-Za-z0-9][A-Za-z0-9 -]{0,62}$/;

function read(): SignInLink | null {
  if (!location.hash.startsWith('#')) return null;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const raw = fragment.get('code');
  if (raw === null) return null;
  history.replaceState(history.state, '', location.pathname + location.search);
  const code = raw.trim();
  if (!CODE.test(code)) return null;
  return { meetingId: new URLSearchParams(location.search).get('meeting') ?? '', code };
}

const link = read();

/** The code (and meeting) the page was opened with, if it came from a slip. */
export function signInLink(): SignInLink | null {
  return link;
}
