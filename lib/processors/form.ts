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
    fees: { percent: number(form, 'fee_percent') ?? 0, fixed: number(form, 'fee_fixed') ?? 0, ...feesByCurrency(form) },
  };
}

/** The form's per-currency fixed fees (repeated currency / amount pairs); rows left empty are dropped. */
function feesByCurrency(form: FormData): { fixed_by_currency?: Record<string, number> } {
  const currencies = form.getAll('fee_currency').map(String);
  const amounts = form.getAll('fee_currency_fixed').map(String);
  const entries = currencies
    .map((currency, i) => [currency.trim().toUpperCase(), (amounts[i] ?? '').trim()] as const)
    .filter(([currency, amount]) => currency !== '' || amount !== '')
    // An amount without a currency is kept under "" so the schema names it instead of it vanishing.
    .map(([currency, amount]) => [currency, amount === '' ? Number.NaN : Number(amount)] as const);
  return entries.length === 0 ? {} : { fixed_by_currency: Object.fromEntries(entries) };
}
