import type { Actor } from '../core/context';
import type { Command } from '../domain/commands';
import type { MeetingState } from '../domain/state';
import { DELEGATION_FUNCTIONS } from '../participants/model';

/**
 * The one permission check. The server runs it before every command, whether
 * it came over HTTP or socket.io; the web app runs it only to hide what would
 * be refused.
 *
 * Returns null when allowed, or why not.
 */
export function denial(actor: Actor, command: Command, state: MeetingState): string | null {
  if (actor.role === 'admin' || actor.role === 'secretariat') return null;
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
    default:
      return `only the secretariat may ${command.type}`;
  }
}

export function can(actor: Actor, command: Command, state: MeetingState): boolean {
  return denial(actor, command, state) === null;
}
