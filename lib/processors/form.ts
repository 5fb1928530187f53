import { list, number, text } from '@/lib/forms/form-data';

/**
 * The processor form's fields as the registration schema expects them. Approval rate is typed as a
 * percentage by people and stored as a probability.
 */
export function processorFromForm(form: FormData): Record<string, unknown> {
  const approvalPercent = number(form, 'approval_rate');
  return {
    id: text(form, 'id'),
    name: text(form, 'name'),
    provider: text(form, 'provider'),
    status: text(form, 'status'),
    currencies: list(form, 'currencies'),
    payment_methods: list(form, 'payment_methods'),
    countries: list(form, 'countries'),
    approval_rate: approvalPercent === undefined ? undefined : approvalPercent / 100,
    fees: { percent: number(form, 'fee_percent') ?? 0, fixed: number(form, 'fee_fixed') ?? 0 },
  };
}
