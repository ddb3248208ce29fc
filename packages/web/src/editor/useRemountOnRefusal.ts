import { useCallback, useState } from 'react';
import type { DocRefusal } from '@gavel/shared';

/**
 * When the server refuses a change, the editor's copy of the text has
 * diverged: Lexical 0.52 does not rebind on reload, so the editor is
 * remounted (a new `epoch` as its key) with a fresh provider and copy, and
 * the refusal is kept to tell the user.
 */
export function useRemountOnRefusal(): {
  epoch: number;
  refusal: DocRefusal | null;
  onDiverged: (r: DocRefusal) => void;
  dismiss: () => void;
} {
  const [epoch, setEpoch] = useState(0);
  const [refusal, setRefusal] = useState<DocRefusal | null>(null);
  const onDiverged = useCallback((r: DocRefusal) => {
    setRefusal(r);
    setEpoch((e) => e + 1);
  }, []);
  return { epoch, refusal, onDiverged, dismiss: () => setRefusal(null) };
}
