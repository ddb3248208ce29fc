import type { AccessCode } from '../access/commands';
import type { AgendaState, Opening } from '../agenda/model';
import type { MeetingInfo } from '../meeting/info';
import type { Delegation, Person } from '../participants/model';
import type { Floor, SpeakersState, Statement } from '../speakers/model';
import type { SpeakingRules } from '../speakers/rules';
import type { PenState } from '../draft/pen';
import type { ParagraphsState } from '../draft/paragraphs';
import type { ScreenState } from '../screen/screen';
import type { NegotiationState } from '../amendments/model';
import type { ReportState } from '../report/record';

/**
 * A meeting as its ledger says it is now. Built by `evolve` from the events,
 * the same way on the server and in every browser. Plain JSON throughout.
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
  /** Set when the chair opens the meeting. */
  opening: Opening | null;
  agenda: AgendaState;
  /** The rules of procedure for the floor: precedence, speaking times, rights of reply, the day's end. */
  rules: SpeakingRules;
  /** One speakers' list per agenda item, and every request made. */
  speakers: SpeakersState;
  /** Who has the floor now, with the clock; null when nobody has. */
  floor: Floor | null;
  /** Every statement heard, in the order they started (the report lists speakers in this order). */
  statements: Statement[];
  /** Who may write the negotiated texts: the chair and the secretariat, or the one code they handed the pen to. */
  pen: PenState;
  /** The status of each paragraph of the negotiated texts, by document and paragraph id (draft/paragraphs.ts). */
  paragraphs: ParagraphsState;
  /** What the main room screen shows: the speakers, a paragraph of the text, or a message. */
  screen: ScreenState;
  /** The room's other screens, by name (/screen?screen=2). */
  screens: Record<string, ScreenState>;
  /**
   * The negotiation of the texts (amendments/model.ts): amendments (drafts
   * known only by their sponsor and id until tabled), brackets with who
   * proposed and who holds them, objections to paragraphs, reservations and
   * explanations of position, and which categories may amend and object.
   * Paragraph statuses stay in `paragraphs`.
   */
  negotiation: NegotiationState;
  /** The report's layout (the secretariat's choices) and its adoption by the working group (report/record.ts). */
  report: ReportState;
}
