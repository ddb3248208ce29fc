import { z } from 'zod';
import { DomainError } from '../core/errors';
import { COMMAND_SCHEMAS, type Command, type CommandType } from './commands';

/** The readable part of a zod error: where, and what is wrong. */
export function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** Parses untrusted input with a schema, or throws invalid_command naming every problem. */
export function parseOrFail<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = zodIssues(parsed.error);
    const first = issues[0];
    throw new DomainError(
      'invalid_command',
      `invalid ${what}${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}`,
      issues,
    );
  }
  return parsed.data;
}

/**
 * Reads a command from untrusted input: an object with a known `type` and
 * exactly the fields that command takes.
 */
export function parseCommand(input: unknown): Command {
  const type = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type !== 'string' || !Object.hasOwn(COMMAND_SCHEMAS, type)) {
    throw new DomainError('unknown_command', `unknown command type ${JSON.stringify(type ?? null)}`);
  }
  return parseOrFail(COMMAND_SCHEMAS[type as CommandType], input, `${type} command`) as Command;
}
