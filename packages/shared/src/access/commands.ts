import { z } from 'zod';
import { id, optionalText } from '../core/schema';
import { ROLES } from './roles';

/** Whom a code is for: its role, its delegation (delegates), a label. */
const codeFor = {
  role: z.enum(ROLES),
  delegationId: id.optional(),
  label: optionalText(100).default(''),
};

/** More codes than any meeting has delegations (the largest treaty bodies seat about 200). */
export const MAX_CODES_AT_ONCE = 500;

export const accessCommands = [
  z.object({ type: z.literal('access.issue'), ...codeFor }).strict(),
  /** Codes for many at once (every delegation, the chair, the public), in one ledger entry: one answer to print slips from. */
  z
    .object({
      type: z.literal('access.issueMany'),
      codes: z.array(z.object(codeFor).strict()).min(1).max(MAX_CODES_AT_ONCE),
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
