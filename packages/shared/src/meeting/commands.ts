import { z } from 'zod';
import { MeetingInfoPatchSchema } from './info';

export const meetingCommands = [
  z.object({ type: z.literal('meeting.update'), changes: MeetingInfoPatchSchema }).strict(),
] as const;
