import { z } from 'zod';
import { accessCommands } from '../access/commands';
import { agendaCommands } from '../agenda/commands';
import { meetingCommands } from '../meeting/commands';
import { participantCommands } from '../participants/commands';
import { speakersCommands } from '../speakers/commands';
import { penCommands } from '../draft/pen';
import { paragraphCommands } from '../draft/paragraphs';
import { screenCommands } from '../screen/screen';
import { amendmentCommands } from '../amendments/commands';
import { reportCommands } from '../report/record';

const ALL = [...meetingCommands, ...participantCommands, ...accessCommands, ...agendaCommands, ...speakersCommands, ...penCommands, ...paragraphCommands, ...screenCommands, ...amendmentCommands, ...reportCommands] as const;

/** Every command a participant can send, told apart by `type`. */
export const CommandSchema = z.discriminatedUnion('type', ALL);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;

export const COMMAND_SCHEMAS: Record<CommandType, z.ZodType> = Object.fromEntries(
  ALL.map((schema) => [schema.shape.type.value, schema]),
) as unknown as Record<CommandType, z.ZodType>;

export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];
