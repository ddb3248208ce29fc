import { useCallback, useState } from 'react';
import type { Command, IssuedCode, LedgerEvent } from '@gavel/shared';
import { ApiError } from '../api/http';
import { useConnection } from '../api/MeetingContext';

export interface CommandRunner {
  run: (command: Command) => Promise<{ events: LedgerEvent[]; issuedCodes: IssuedCode[] } | undefined>;
  busy: boolean;
  error: ApiError | null;
  clearError: () => void;
}

/** Sends commands for a form or a button, keeping its busy state and last error. */
export function useCommand(): CommandRunner {
  const connection = useConnection();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(
    async (command: Command) => {
      setBusy(true);
      setError(null);
      try {
        return await connection.send(command);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError('internal', String(e)));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [connection],
  );
  return { run, busy, error, clearError: () => setError(null) };
}
