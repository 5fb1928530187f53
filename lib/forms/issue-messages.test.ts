import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inWords, issueMessage, labelFromPath } from './issue-messages';
import { ProcessorRegistrationSchema } from '../processors/registration';
import { PROCESSOR_FIELD_WORDS } from '../processors/field-words';
import { ProcessorRouteInputSchema } from '../routes/schema';
import { ROUTE_FIELD_WORDS } from '../routes/field-words';
import { FilterInputSchema } from '../filters/schema';
import { FILTER_FIELD_WORDS } from '../filters/field-words';

const processor = {
  id: 'proc_acme',
  name: 'Acme',
  provider: 'acme',
  status: 'active',
  approval_rate: 0.9,
  fees: { percent: 1, fixed: 0.1 },
};

function messages(schema: z.ZodType, input: unknown, words = {}): Record<string, string> {
  const result = schema.safeParse(input, inWords(words));
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('validation messages in the field’s words', () => {
  it('speaks percent for an approval rate stored as a fraction', () => {
    expect(messages(ProcessorRegistrationSchema, { ...processor, approval_rate: 1.5 }, PROCESSOR_FIELD_WORDS)).toEqual({
      approval_rate: 'Approval rate must be at most 100%.',
    });
    expect(messages(ProcessorRegistrationSchema, { ...processor, approval_rate: -0.1 }, PROCESSOR_FIELD_WORDS)).toEqual({
      approval_rate: 'Approval rate cannot be negative.',
    });
    expect(messages(ProcessorRegistrationSchema, { ...processor, approval_rate: Number('abc') }, PROCESSOR_FIELD_WORDS)).toEqual({
      approval_rate: 'Approval rate must be a number of percent, e.g. 90.',
    });
  });

  it('names fees by their label and unit', () => {
    expect(messages(ProcessorRegistrationSchema, { ...processor, fees: { percent: 101, fixed: -1 } }, PROCESSOR_FIELD_WORDS)).toEqual({
      'fees.percent': 'Fee must be at most 100%.',
      'fees.fixed': 'Fixed fee cannot be negative.',
    });
  });

  it('keeps the messages schemas wrote themselves', () => {
    const out = messages(ProcessorRegistrationSchema, { ...processor, name: ' ', currencies: ['EURO'] }, PROCESSOR_FIELD_WORDS);
    expect(out).toEqual({ name: 'Name is required', 'currencies.0': 'not a known ISO 4217 currency code' });
  });

  it('words enums, unknown fields and missing values', () => {
    const out = messages(ProcessorRegistrationSchema, { ...processor, status: 'sleeping', colour: 'red', provider: undefined }, PROCESSOR_FIELD_WORDS);
    expect(out).toEqual({
      status: 'Status must be one of "active", "down" or "disabled".',
      provider: 'Provider is required.',
      '': 'Unknown field "colour".',
    });
  });

  it('words list sizes and list items in routes and filters', () => {
    expect(messages(ProcessorRouteInputSchema, { name: 'R', processors: Array(51).fill('p').map((p, i) => `${p}${i}`) }, ROUTE_FIELD_WORDS)).toEqual({
      processors: 'The route can hold at most 50 entries.',
    });
    expect(messages(FilterInputSchema, { name: 'F', match: 'some', rules: [{ attribute: 'amount', operator: 'bigger', value: 1 }] }, FILTER_FIELD_WORDS)).toEqual({
      match: 'Match must be either "all" or "any".',
      'rules.0': 'Rule is not valid here.',
    });
  });

  it('falls back to a label made from the path', () => {
    expect(labelFromPath(['fees', 'fee_fixed'])).toBe('Fee fixed');
    expect(labelFromPath(['items', 3])).toBe('Items');
    expect(labelFromPath([])).toBe('This value');
    expect(issueMessage({ code: 'too_big', origin: 'number', maximum: 10, inclusive: false, path: ['max_attempts'] })).toBe('Max attempts must be less than 10.');
    expect(issueMessage({ code: 'too_small', origin: 'string', minimum: 3, path: ['code'] })).toBe('Code needs at least 3 characters.');
    expect(issueMessage({ code: 'invalid_type', expected: 'int', input: 1.5, path: ['count'] })).toBe('Count must be a whole number.');
    expect(issueMessage({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true, path: ['x'] }, { label: 'Weight', unit: 'percent' })).toBe('Weight must be at least 1%.');
  });

  it('never shows the validator’s own phrasing for the common codes', () => {
    const schema = z.strictObject({ n: z.number().min(0).max(1), s: z.string().min(1), l: z.array(z.string()).min(2), i: z.number().int() });
    const out = messages(schema, { n: 2, s: '', l: [], i: 1.5, x: 1 });
    for (const message of Object.values(out)) expect(message).not.toMatch(/expected|Too (big|small)|Invalid input/);
    expect(Object.keys(out).sort()).toEqual(['', 'i', 'l', 'n', 's']);
  });
});
