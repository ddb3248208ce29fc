import { startTransition, useEffect, useState } from 'react';

/**
 * False on a view's first render, true right after it is on the screen. What
 * lies below the fold renders then, as an interruptible update, so that on a
 * phone the first screen (the floor) does not wait for a long list, and a tap
 * on it is handled between the pieces of the rest.
 */
export function useAfterFirstRender(): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => startTransition(() => setAfter(true)), []);
  return after;
}
