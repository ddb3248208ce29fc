import { z } from 'zod';
import { id, m49, names, text } from '../core/schema';
import { optionalLocalizedSchema } from '../core/localized';
import { CATEGORIES, STATE_CATEGORIES } from './categories';
import { PERSON_FUNCTIONS } from './model';


/** A State from the built-in UN list, or any entity typed in with its names. */
export const DelegationInputSchema = z.union([
  z.object({ category: z.enum(STATE_CATEGORIES), m49 }).strict(),
  z.object({ category: z.enum(CATEGORIES), names }).strict(),
]);
export type DelegationInput = z.infer<typeof DelegationInputSchema>;

export const MAX_BULK_DELEGATIONS = 500;

export const participantCommands = [
  z.object({ type: z.literal('delegation.register'), delegation: DelegationInputSchema }).strict(),
  z
    .object({
      type: z.literal('delegation.registerMany'),
      delegations: z.array(DelegationInputSchema).min(1).max(MAX_BULK_DELEGATIONS),
    })
    .strict(),
  z
    .object({
      type: z.literal('delegation.update'),
      delegationId: id,
      category: z.enum(CATEGORIES).optional(),
      names: names.optional(),
    })
    .strict(),
  z.object({ type: z.literal('delegation.remove'), delegationId: id }).strict(),
  z
    .object({
      type: z.literal('person.register'),
      name: text(200),
      title: optionalLocalizedSchema(40).default(''),
      names: optionalLocalizedSchema(200).optional(),
      function: z.enum(PERSON_FUNCTIONS),
      delegationId: id.optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('person.update'),
      personId: id,
      name: text(200).optional(),
      title: optionalLocalizedSchema(40).optional(),
      names: optionalLocalizedSchema(200).optional(),
      function: z.enum(PERSON_FUNCTIONS).optional(),
    })
    .strict(),
  z.object({ type: z.literal('person.remove'), personId: id }).strict(),
] as const;
