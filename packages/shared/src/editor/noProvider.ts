import type { Provider } from '@lexical/yjs';

/**
 * What @lexical/yjs asks of a provider, for an editor bound to a Y.Doc that
 * shares no cursor and no presence: the server's headless editors and the
 * browser's live readers of a text.
 */
export const NO_PROVIDER = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => undefined,
    off: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  },
  connect: () => undefined,
  disconnect: () => undefined,
  on: () => undefined,
  off: () => undefined,
} as unknown as Provider;
