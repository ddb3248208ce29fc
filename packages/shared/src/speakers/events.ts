import type { SpeakingRules } from './rules';
import type { SpeakerEntry, StatementFacts, WithdrawReason } from './model';

/** The fields of a request fixed when it is made; the rest is bookkeeping done by `evolve`. */
export type NewSpeakerEntry = Pick<
  SpeakerEntry,
  'id' | 'itemId' | 'kind' | 'delegationId' | 'personId' | 'speakerName' | 'onBehalfOf' | 'replyNumber'
>;

/** A statement as recorded when it ends; corrections come later, as their own events. */
export interface RecordedStatement extends StatementFacts {
  statementId: string;
  entryId: string;
  allowedMs: number;
  pausedMs: number;
}

export type SpeakersEvent =
  | { type: 'SpeakerInscribed'; payload: { entry: NewSpeakerEntry } }
  | { type: 'SpeakerWithdrawn'; payload: { entryId: string; reason: WithdrawReason } }
  | { type: 'SpeakerMoved'; payload: { entryId: string; before: string | null } }
  | { type: 'SpeakersListClosed'; payload: { itemId: string } }
  | { type: 'SpeakersListReopened'; payload: { itemId: string } }
  | { type: 'SpeakerTimeSet'; payload: { entryId: string; allowedMs: number | null } }
  /** `interrupting`: a point of order; the speaker keeps the statement, paused, and gets the floor back after. */
  | { type: 'FloorGiven'; payload: { entryId: string; itemId: string; allowedMs: number; interrupting: boolean } }
  | { type: 'FloorPaused'; payload: { entryId: string } }
  | { type: 'FloorResumed'; payload: { entryId: string } }
  /** Ends a statement: the floor is free, or back with the speaker a point of order interrupted. */
  | { type: 'StatementRecorded'; payload: { statement: RecordedStatement } }
  | { type: 'SpeakerNamed'; payload: { entryId: string; personId: string | null; speakerName: string | null } }
  | { type: 'PointOfOrderRuled'; payload: { entryId: string; ruling: string } }
  | {
      type: 'StatementCorrected';
      payload: { correctionId: string; statementId: string; changes: Partial<StatementFacts>; note: string };
    }
  /** Statements entered from the secretariat's notes, with the times they were made (speakers/entered.ts). */
  | { type: 'StatementsEntered'; payload: { statements: RecordedStatement[]; note: string } }
  /** The whole new rules, so that replay never depends on how a patch merges. */
  | { type: 'RulesChanged'; payload: { rules: SpeakingRules } };

export const SPEAKERS_EVENT_TYPES = [
  'SpeakerInscribed',
  'SpeakerWithdrawn',
  'SpeakerMoved',
  'SpeakersListClosed',
  'SpeakersListReopened',
  'SpeakerTimeSet',
  'FloorGiven',
  'FloorPaused',
  'FloorResumed',
  'StatementRecorded',
  'SpeakerNamed',
  'PointOfOrderRuled',
  'StatementCorrected',
  'StatementsEntered',
  'RulesChanged',
] as const satisfies readonly SpeakersEvent['type'][];

type Missing = Exclude<SpeakersEvent['type'], (typeof SPEAKERS_EVENT_TYPES)[number]>;
const _complete: Missing extends never ? true : Missing = true;
void _complete;

export function isSpeakersEvent<E extends { type: string }>(e: E): e is Extract<E, SpeakersEvent> {
  return (SPEAKERS_EVENT_TYPES as readonly string[]).includes(e.type);
}
