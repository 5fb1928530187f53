import { z } from 'zod';
import { FilterIdSchema, RuleSchema } from '../scheme/schema';

/**
 * A shared filter as created or edited: a name, how its rules join (all = AND, any = OR) and the rules
 * themselves, in the scheme format's rule shape (attribute rules or references to other filters).
 * The catalog check of each rule is separate (rules.ts): it needs the account's custom attributes.
 */
export const FILTER_MATCHES = ['all', 'any'] as const;
export const MAX_FILTER_RULES = 100;

export const FilterInputSchema = z.strictObject({
  id: FilterIdSchema.optional().describe('flt_… ; generated when omitted.'),
  name: z.string().trim().min(1, 'Name is required').max(120),
  match: z.enum(FILTER_MATCHES).default('all'),
  rules: z.array(RuleSchema).min(1, 'A filter needs at least one rule').max(MAX_FILTER_RULES),
});

export const FilterPatchSchema = FilterInputSchema.omit({ id: true }).partial();
