import type { Actor } from '../core/context';
import type { Command, CommandType } from '../domain/commands';
import type { MeetingState } from '../domain/state';
import { DELEGATION_FUNCTIONS } from '../participants/model';
import { parseDocName } from '../protocol/yjs';
import { isAmendmentCommand } from '../amendments/commands';
import { amendmentDenial, canReadAmendmentDraft, canWriteAmendmentDraft } from '../amendments/policy';

/**
 * What the chair may do: run the meeting (open it, adopt and amend the
 * agenda, take up items), keep the speakers' lists and the floor, rule on
 * points of order. Drafting the agenda, setting the rules and correcting the
 * record stay with the secretariat.
 */
const CHAIR_COMMANDS: ReadonlySet<CommandType> = new Set<CommandType>([
  'meeting.open',
  'agenda.adopt',
  'agenda.amend',
  'agenda.takeUp',
  'agenda.suspend',
  'agenda.resume',
  'agenda.close',
  'speakers.request',
  'speakers.withdraw',
  'speakers.remove',
  'speakers.move',
  'speakers.close',
  'speakers.reopen',
  'speakers.setTime',
  'speakers.name',
  'speakers.next',
  'speakers.rule',
  'floor.give',
  'floor.end',
  'floor.pause',
  'floor.resume',
  'pen.hand',
  'pen.takeBack',
  // The status of paragraphs, and reopening an adopted one (with a reason).
  'paragraph.setStatus',
  'paragraph.reopen',
  'screen.show',
  'screen.message',
  // The working group adopts its report when the chair gavels it; reopening the record of it takes a reason.
  // Laying the report out (report.configure) stays with the secretariat, which writes it.
  'report.adopt',
  'report.reopen',
]);

/**
 * The one permission check. The server runs it before every command, whether
 * it came over HTTP or socket.io; the web app runs it only to hide what would
 * be refused.
 *
 * The secretariat may do everything: it sets the meeting up and, in the
 * room, often keeps the speakers' list and the clock for the chair (the
 * ledger records who did what). Viewers may do nothing.
 *
 * Returns null when allowed, or why not.
 */
export function denial(actor: Actor, command: Command, state: MeetingState): string | null {
  // The negotiation has rules of its own for every role (amendments/policy.ts): a delegation's draft is private, even from the secretariat.
  if (isAmendmentCommand(command)) return amendmentDenial(actor, command, state);
  if (actor.role === 'admin' || actor.role === 'secretariat') return null;
  if (actor.role === 'chair' && CHAIR_COMMANDS.has(command.type)) return null;
  switch (command.type) {
    case 'person.register':
      return actor.role === 'delegate' &&
        command.delegationId !== undefined &&
        command.delegationId === actor.delegationId &&
        DELEGATION_FUNCTIONS.includes(command.function)
        ? null
        : 'only the secretariat registers persons, except a delegation its own members';
    case 'person.update':
    case 'person.remove': {
      const person = state.persons[command.personId];
      const own = actor.role === 'delegate' && person !== undefined && person.delegationId === actor.delegationId;
      const keepsFunction =
        command.type === 'person.remove' || command.function === undefined || DELEGATION_FUNCTIONS.includes(command.function);
      return own && keepsFunction ? null : 'a delegation may change only its own members';
    }
    case 'speakers.request': {
      if (actor.role !== 'delegate' || !actor.delegationId) return 'only delegations, the chair and the secretariat ask for the floor';
      if (command.delegationId !== undefined && command.delegationId !== actor.delegationId) {
        return 'a delegation asks for the floor only for itself';
      }
      if (command.kind === 'panellist') return 'panellists are inscribed by the chair or the secretariat';
      const person = command.personId ? state.persons[command.personId] : undefined;
      if (command.personId && person?.delegationId !== actor.delegationId) return 'a delegation names only its own members as speakers';
      return null;
    }
    case 'speakers.withdraw': {
      const entry = state.speakers.entries[command.entryId];
      return actor.role === 'delegate' && actor.delegationId !== undefined && entry?.delegationId === actor.delegationId
        ? null
        : 'a delegation withdraws only its own requests for the floor';
    }
    case 'floor.give':
    case 'speakers.next':
      return 'only the chair (or the secretariat) gives the floor';
    default:
      if (actor.role === 'chair') return `the chair may not ${command.type}; ask the secretariat`;
      return CHAIR_COMMANDS.has(command.type) ? `only the chair or the secretariat may ${command.type}` : `only the secretariat may ${command.type}`;
  }
}

export function can(actor: Actor, command: Command, state: MeetingState): boolean {
  return denial(actor, command, state) === null;
}

/** Who may print access-code slips: whoever may issue codes (a slip shows a code its maker holds in clear). */
export function canPrintCodeSlips(actor: Actor, state: MeetingState): boolean {
  return can(actor, { type: 'access.issue', role: 'viewer', label: '' }, state);
}

/**
 * Who may write the negotiated texts now: whoever holds the pen. With no
 * holder, the chair and the secretariat (any of their sessions); with one,
 * only sessions opened with the holder's access code. The administrator is
 * not a participant and never writes. The Yjs server asks at every update,
 * so a move of the pen takes effect on the next keystroke.
 */
export function canWriteText(actor: Actor, state: MeetingState): boolean {
  if (actor.role === 'admin') return false;
  const holder = state.pen?.holder ?? null;
  if (!holder) return actor.role === 'chair' || actor.role === 'secretariat';
  return actor.codeId !== undefined && actor.codeId === holder.codeId;
}

/**
 * Who may see a document (join it and receive its updates). The shared texts
 * are open to every participant of the meeting (the caller checks that the
 * session belongs to it); a summary only for an item on the agenda. An
 * amendment's draft is private to the sponsoring delegation (and, for one
 * started from the floor, the chair and the secretariat who typed it):
 * amendments/policy.ts.
 */
export function canReadDoc(actor: Actor, state: MeetingState, docName: string): boolean {
  const ref = parseDocName(docName);
  if (!ref) return false;
  switch (ref.kind) {
    case 'recommendations':
    case 'introduction':
    case 'adoption':
    case 'addition':
      return true;
    case 'summary':
      return state.agenda.items[ref.itemId] !== undefined;
    case 'amendment':
      return canReadAmendmentDraft(actor, state, ref.amendmentId);
  }
}

/**
 * Who may write a document: for the negotiated text the pen-holder
 * (`canWriteText`); for the report's written parts (introduction, additions to
 * III, summaries of the deliberations, adoption) the secretariat, which writes the report
 * whoever holds the pen of the recommendations; for an amendment's draft,
 * whoever may see it while it is a draft or tabled (amendments/policy.ts).
 */
export function canWriteDoc(actor: Actor, state: MeetingState, docName: string): boolean {
  if (!canReadDoc(actor, state, docName)) return false;
  const ref = parseDocName(docName)!;
  switch (ref.kind) {
    case 'amendment':
      return canWriteAmendmentDraft(actor, state, ref.amendmentId);
    case 'recommendations':
      return canWriteText(actor, state);
    default:
      return actor.role === 'secretariat';
  }
}

/**
 * Who may replace a text with an imported draft (a trusted edit the server
 * makes): the secretariat, which prepares the drafts before the meeting.
 */
export function canImportText(actor: Actor, state: MeetingState, docName: string): boolean {
  return actor.role === 'secretariat' && canReadDoc(actor, state, docName);
}
