import type { AccessCode } from '../access/commands';
import type { MeetingInfo } from '../meeting/info';
import type { Delegation, Person } from '../participants/model';

/**
 * A meeting as its ledger says it is now. Built by `evolve` from the events,
 * the same way on the server and in every browser.
 */
export interface MeetingState {
  id: string;
  /** Sequence number of the last event applied. */
  seq: number;
  createdAt: string;
  info: MeetingInfo;
  /** By id, in order of registration. */
  delegations: Record<string, Delegation>;
  persons: Record<string, Person>;
  codes: Record<string, AccessCode>;
}
