import type { AccessCode } from '../access/commands';
import type { AgendaEvent } from '../agenda/events';
import type { Actor } from '../core/context';
import type { MeetingInfoInput, MeetingInfoPatch } from '../meeting/info';
import type { Localized } from '../core/localized';
import type { Category } from '../participants/categories';
import type { Delegation, Person, PersonFunction } from '../participants/model';
import type { Lang } from '../languages';
import type { SpeakersEvent } from '../speakers/events';
import type { PenEvent } from '../draft/pen';
import type { ParagraphEvent } from '../draft/paragraphs';
import type { ScreenEvent } from '../screen/screen';
import type { AmendmentEvent } from '../amendments/events';
import type { ReportEvent } from '../report/record';

/** What a command decided; the server wraps it into a ledger event. */
export type DomainEvent =
  /** Words as strings (in the meeting's language) before issue 13, per language since: see legacy.ts. */
  | { type: 'MeetingCreated'; payload: { meetingId: string; info: MeetingInfoInput } }
  | { type: 'MeetingDetailsChanged'; payload: { changes: MeetingInfoPatch } }
  | { type: 'DelegationRegistered'; payload: { delegation: Omit<Delegation, 'registeredAt'> } }
  | {
      type: 'DelegationUpdated';
      payload: { delegationId: string; category?: Category; names?: Partial<Record<Lang, string>> };
    }
  | { type: 'DelegationRemoved'; payload: { delegationId: string } }
  | { type: 'PersonRegistered'; payload: { person: Omit<Person, 'registeredAt'> } }
  | {
      type: 'PersonUpdated';
      payload: { personId: string; name?: string; title?: Localized; function?: PersonFunction };
    }
  | { type: 'PersonRemoved'; payload: { personId: string } }
  | { type: 'AccessCodeIssued'; payload: { code: Omit<AccessCode, 'issuedAt' | 'revokedAt'> } }
  | { type: 'AccessCodeRevoked'; payload: { codeId: string } }
  | AgendaEvent
  | SpeakersEvent
  | PenEvent
  | ScreenEvent
  | ParagraphEvent
  | AmendmentEvent
  | ReportEvent;

export type EventType = DomainEvent['type'];

/**
 * An event as the ledger keeps it: numbered, stamped by the server with the
 * actor and the time, and chained to the one before by its hash.
 */
export type LedgerEvent<E extends DomainEvent = DomainEvent> = E & {
  meetingId: string;
  seq: number;
  at: string;
  actor: Actor;
  prevHash: string;
  hash: string;
  /**
   * On events that fix words (an adoption, a decision applied to a text):
   * each text's head (its last update's seq and hash) when it was decided.
   */
  anchors?: Record<string, { seq: number; hash: string }>;
};
