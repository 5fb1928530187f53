import { z } from 'zod';
import { COUNTRY_CODES, CURRENCY_CODES, PAYMENT_METHODS } from '../catalog/domains';

/**
 * A processor (PSP account) as the engine, the CLI's p.json, the forms and the API see it.
 * Empty currency / method / country lists mean "all".
 */
export const PROCESSOR_STATUSES = ['active', 'down', 'disabled'] as const;
export type ProcessorStatus = (typeof PROCESSOR_STATUSES)[number];

export const OUTCOME_CATEGORIES = ['approved', 'soft_decline', 'hard_decline', 'processor_error', 'timeout'] as const;
export type OutcomeCategory = (typeof OUTCOME_CATEGORIES)[number];

export const ProcessorIdFormat = z
  .string()
  // An empty id is "required", not "must look like …": the format check waits for a first character.
  .min(1, { abort: true })
  .regex(/^proc_[a-z0-9_]{1,60}$/, 'must look like proc_ followed by lower-case letters, digits or _');

/** An upper-cased ISO code that must be one of `known` (ISO 4217 currencies, ISO 3166 countries). */
const isoCode = (known: readonly string[], what: string) => {
  const set = new Set(known);
  return z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .refine((s) => set.has(s), { message: `not a known ${what} code` });
};
const paymentMethodCodes = new Set(PAYMENT_METHODS.map((m) => m.code));
const paymentMethod = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .refine((s) => paymentMethodCodes.has(s), { message: 'not a known payment method' });

/** How a declined or failed attempt splits between failure categories; shares of the non-approved part. */
export const FailureMixSchema = z.strictObject({
  soft_decline: z.number().min(0),
  hard_decline: z.number().min(0),
  processor_error: z.number().min(0),
  timeout: z.number().min(0),
});
export type FailureMix = z.infer<typeof FailureMixSchema>;
export const DEFAULT_FAILURE_MIX: FailureMix = { soft_decline: 0.6, hard_decline: 0.25, processor_error: 0.1, timeout: 0.05 };

const knownCurrencies = new Set(CURRENCY_CODES);

/**
 * What a processor charges per approved attempt: a percentage of the amount plus a fixed fee in the
 * payment's currency — its own for the currencies in `fixed_by_currency`, else the default `fixed`.
 */
export const FeesSchema = z.strictObject({
  percent: z.number().min(0).max(100),
  fixed: z.number().min(0),
  fixed_by_currency: z
    .record(z.string(), z.number().min(0))
    .superRefine((fees, ctx) => {
      const codes = Object.keys(fees);
      if (codes.length > 200) ctx.addIssue({ code: 'custom', message: 'at most 200 currencies', path: [] });
      for (const code of codes) {
        if (!knownCurrencies.has(code)) ctx.addIssue({ code: 'custom', message: `"${code.slice(0, 12)}" is not a known ISO 4217 currency code (upper-case, e.g. EUR)`, path: [code] });
      }
    })
    .optional(),
});
export type Fees = z.output<typeof FeesSchema>;

export const ProcessorSchema = z.strictObject({
  id: ProcessorIdFormat,
  name: z.string().min(1).max(120).optional(),
  provider: z.string().min(1).max(60).optional(),
  status: z.enum(PROCESSOR_STATUSES),
  currencies: z.array(isoCode(CURRENCY_CODES, 'ISO 4217 currency')).max(200).default([]),
  payment_methods: z.array(paymentMethod).max(50).default([]),
  countries: z.array(isoCode(COUNTRY_CODES, 'ISO 3166 country')).max(300).default([]),
  /** Probability (0..1) that an attempt is approved; simulations draw outcomes from it. */
  approval_rate: z.number().min(0).max(1).default(0.9),
  failure_mix: FailureMixSchema.optional(),
  fees: FeesSchema.default({ percent: 0, fixed: 0 }),
  created_at: z.string().default('1970-01-01T00:00:00Z'),
});
export type ProcessorInput = z.input<typeof ProcessorSchema>;
export type Processor = z.output<typeof ProcessorSchema>;

export const ProcessorListSchema = z.array(ProcessorSchema).max(10_000);
