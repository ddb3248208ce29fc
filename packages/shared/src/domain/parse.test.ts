import { describe, expect, it } from 'vitest';
import { DomainError } from '../core/errors';
import { COMMAND_SCHEMAS, COMMAND_TYPES } from './commands';
import { parseCommand } from './parse';

function errorOf(input: unknown): DomainError {
  try {
    parseCommand(input);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error(`parsed: ${JSON.stringify(input)}`);
}

describe('parseCommand', () => {
  it('knows every command type by its schema', () => {
    expect(COMMAND_TYPES.length).toBeGreaterThanOrEqual(11);
    expect(new Set(COMMAND_TYPES).size).toBe(COMMAND_TYPES.length);
    for (const type of COMMAND_TYPES) expect(COMMAND_SCHEMAS[type]).toBeDefined();
  });

  it('reads a valid command and applies defaults', () => {
    expect(parseCommand({ type: 'person.register', name: '  Kari  ', function: 'chair' })).toEqual({
      type: 'person.register',
      name: 'Kari',
      title: '',
      function: 'chair',
    });
  });

  it.each([
    ['no type', { delegationId: 'd_abcdef' }],
    ['an unknown type', { type: 'meeting.delete' }],
    ['a type that is not a string', { type: 42 }],
    ['an inherited property as type', { type: 'toString' }],
    ['__proto__ as type', { type: '__proto__' }],
    ['constructor as type', { type: 'constructor' }],
    ['null', null],
    ['a string', 'delegation.register'],
    ['an array', [{ type: 'delegation.register' }]],
  ])('refuses %s as unknown_command', (_what, input) => {
    expect(errorOf(input).code).toBe('unknown_command');
  });

  it('refuses unknown fields, at the top and nested, naming them', () => {
    const top = errorOf({ type: 'access.revoke', codeId: 'c_abcdef', actor: { role: 'secretariat' } });
    expect(top.code).toBe('invalid_command');
    expect(JSON.stringify(top.details)).toContain('actor');
    const nested = errorOf({ type: 'delegation.register', delegation: { category: 'state_party', m49: '578', extra: 1 } });
    expect(nested.code).toBe('invalid_command');
    const deep = errorOf({ type: 'meeting.update', changes: { chair: { name: 'X', role: 'admin' } } });
    expect(deep.code).toBe('invalid_command');
  });

  it.each([
    ['a number for m49', { type: 'delegation.register', delegation: { category: 'state_party', m49: 578 } }],
    ['an unknown category', { type: 'delegation.register', delegation: { category: 'friend', m49: '578' } }],
    ['an ngo picked from the State list', { type: 'delegation.register', delegation: { category: 'ngo', m49: '578' } }],
    ['a malformed id', { type: 'delegation.remove', delegationId: '../../etc' }],
    ['an empty bulk list', { type: 'delegation.registerMany', delegations: [] }],
    ['a bulk list that is not a list', { type: 'delegation.registerMany', delegations: 'all' }],
    ['a name of spaces', { type: 'person.register', name: '   ', function: 'chair' }],
    ['an unknown function', { type: 'person.register', name: 'X', function: 'king' }],
    ['an unknown role', { type: 'access.issue', role: 'admin' }],
    ['a date not as YYYY-MM-DD', { type: 'meeting.update', changes: { startDate: '27/01/2010' } }],
    ['an unknown language', { type: 'meeting.update', changes: { language: 'de' } }],
    ['names in no language', { type: 'delegation.register', delegation: { category: 'ngo', names: {} } }],
    ['a name in an unknown language', { type: 'delegation.register', delegation: { category: 'ngo', names: { de: 'X' } } }],
    ['a too long name', { type: 'person.register', name: 'x'.repeat(201), function: 'chair' }],
    ['more than 500 delegations', { type: 'delegation.registerMany', delegations: Array(501).fill({ category: 'ngo', names: { en: 'X' } }) }],
  ])('refuses %s as invalid_command with where and what', (_what, input) => {
    const error = errorOf(input);
    expect(error.code).toBe('invalid_command');
    expect(error.message).toMatch(/^invalid /);
    expect(Array.isArray(error.details) && error.details.length).toBeTruthy();
  });
});
