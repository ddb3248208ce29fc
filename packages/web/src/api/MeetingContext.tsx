import { createContext, useContext, useSyncExternalStore } from 'react';
import type { MeetingConnection, Snapshot } from './connection';

export const MeetingContext = createContext<MeetingConnection | null>(null);

export function useConnection(): MeetingConnection {
  const connection = useContext(MeetingContext);
  if (!connection) throw new Error('useConnection outside a meeting');
  return connection;
}

/** The live meeting: re-renders whenever an event arrives. */
export function useMeeting(): Snapshot {
  const connection = useConnection();
  return useSyncExternalStore(connection.subscribe, connection.getSnapshot);
}
