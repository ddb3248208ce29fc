/**
 * The story of a paragraph has its own address, /story/<text>/<paragraph id>,
 * so that it can be bookmarked, shared with a colleague and opened in a new
 * tab. Pure parsing here; the shell shows the page (App.tsx).
 */
import { useEffect, useState } from 'react';
import { DOC_NAME, PARAGRAPH_ID } from '@gavel/shared';

export interface StoryAddress {
  doc: string;
  paragraphId: string;
}

export function storyFromPath(pathname: string): StoryAddress | null {
  const m = /^\/story\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  let doc: string;
  let paragraphId: string;
  try {
    doc = decodeURIComponent(m[1]);
    paragraphId = decodeURIComponent(m[2]);
  } catch {
    return null;
  }
  return DOC_NAME.test(doc) && PARAGRAPH_ID.test(paragraphId) ? { doc, paragraphId } : null;
}

export function storyPath(doc: string, paragraphId: string): string {
  return `/story/${encodeURIComponent(doc)}/${encodeURIComponent(paragraphId)}`;
}

/** Opens the story page (in this tab, with the back button leading back). */
export function openStory(doc: string, paragraphId: string): void {
  history.pushState(null, '', storyPath(doc, paragraphId));
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The story named in the address bar, if any (read at each render: the shell's own navigation re-renders it). */
export function useStoryAddress(): StoryAddress | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    const onPop = () => setTick((x) => x + 1);
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return storyFromPath(location.pathname);
}
