import type { FieldWordsByPath } from '../forms/issue-messages';

/** How the processor fields are named and measured in messages (the form's labels and units). */
export const PROCESSOR_FIELD_WORDS: FieldWordsByPath = {
  id: { label: 'Id' },
  name: { label: 'Name' },
  provider: { label: 'Provider' },
  status: { label: 'Status' },
  currencies: { label: 'Currencies' },
  'currencies.*': { label: 'Currency' },
  payment_methods: { label: 'Payment methods' },
  'payment_methods.*': { label: 'Payment method' },
  countries: { label: 'Countries' },
  'countries.*': { label: 'Country' },
  approval_rate: { label: 'Approval rate', unit: 'fraction_percent' },
  'fees.percent': { label: 'Fee', unit: 'percent' },
  'fees.fixed': { label: 'Fixed fee', unit: 'amount' },
  'fees.fixed_by_currency': { label: 'Fixed fee per currency' },
  'failure_mix.soft_decline': { label: 'Soft-decline share', unit: 'fraction_percent' },
  'failure_mix.hard_decline': { label: 'Hard-decline share', unit: 'fraction_percent' },
  'failure_mix.processor_error': { label: 'Processor-error share', unit: 'fraction_percent' },
  'failure_mix.timeout': { label: 'Timeout share', unit: 'fraction_percent' },
};
