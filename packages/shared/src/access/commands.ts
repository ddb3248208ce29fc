import { z } from 'zod';
import { id, optionalText } from '../core/schema';
import { ROLES } from './roles';

export const accessCommands = [
  z
    .object({
      type: z.literal('access.issue'),
      role: z.enum(ROLES),
      delegationId: id.optional(),
      label: optionalText(100).default(''),
    })
    .strict(),
  z.object({ type: z.literal('access.revoke'), codeId: id }).strict(),
  /** Revokes a code and issues a new one for the same role and delegation. */
  z.object({ type: z.literal('access.reissue'), codeId: id }).strict(),
] as const;

export interface AccessCode {
  id: string;
  role: (typeof ROLES)[number];
  delegationId?: string;
  label: string;
  issuedAt: string;
  revokedAt?: string;
}
