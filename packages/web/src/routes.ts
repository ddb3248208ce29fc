import { useEffect, useState } from 'react';
import type { Role } from '@gavel/shared';

export const VIEWS = ['setup', 'chair', 'delegation', 'text', 'report', 'public', 'screen'] as const;
export type View = (typeof VIEWS)[number];

/** Which views each role may open; the first is where it lands. The server checks every action anyway. */
export const VIEWS_FOR_ROLE: Record<Role, readonly View[]> = {
  secretariat: ['setup', 'chair', 'text', 'report', 'public', 'screen'],
  chair: ['chair', 'text', 'report', 'public', 'screen'],
  delegate: ['delegation', 'text', 'public', 'screen'],
  viewer: ['public', 'text', 'screen'],
};

function viewFromPath(): string {
  return location.pathname.replace(/^\/+/, '').split('/')[0] ?? '';
}

/** The view named in the address bar, if the role may open it. */
export function useView(role: Role): [View, (v: View) => void] {
  const [path, setPath] = useState(viewFromPath);
  useEffect(() => {
    const onPop = () => setPath(viewFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const allowed = VIEWS_FOR_ROLE[role];
  const view = (allowed as readonly string[]).includes(path) ? (path as View) : allowed[0];
  const go = (v: View) => {
    history.pushState(null, '', `/${v}`);
    setPath(v);
  };
  return [view, go];
}
