import type { Role } from '../access/roles';
import type { CommandFacts } from '../amendments/facts';

/**
 * Who did it, as the server stamps it from the session. Never read from a
 * command's payload.
 */
export interface Actor {
  role: Role | 'admin';
  name: string;
  /** Set for delegates: the delegation they speak for. */
  delegationId?: string;
  /** The access code the session was opened with. */
  codeId?: string;
}

/** What a pure `decide` may use from the outside world: passed in, never read. */
export interface DecideContext {
  /** Server time, ISO 8601. */
  now: string;
  /** Makes a fresh id with the given prefix. */
  newId: (prefix: string) => string;
  /**
   * What the server read of the texts (Yjs) for this command: the paragraphs
   * of a text and their words, an amendment's draft (amendments/facts.ts).
   * Only the negotiation commands need it.
   */
  facts?: CommandFacts;
}
