/**
 * What the editor knows of the text after each change (its outline, numbers
 * and paragraphs), for the React around it: the side panel, the footnote
 * list, the reference picker. An external store rather than React state so
 * that a keystroke re-renders only what reads it.
 */
import { useSyncExternalStore } from 'react';
import type { DraftReading } from '@gavel/shared/editor/outline';

export interface DraftSnapshot {
  reading: DraftReading | null;
  /** The paragraph the user is on (clicked, or caret in it). */
  selected: string | null;
}

export class DraftStore {
  private snapshot: DraftSnapshot = { reading: null, selected: null };
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get = (): DraftSnapshot => this.snapshot;

  set(patch: Partial<DraftSnapshot>): void {
    if (Object.entries(patch).every(([k, v]) => this.snapshot[k as keyof DraftSnapshot] === v)) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }
}

export function useDraft(store: DraftStore): DraftSnapshot {
  return useSyncExternalStore(store.subscribe, store.get);
}
