import type { Fees } from './schema';

/** The fixed fee a processor charges for a payment in `currency`: that currency's own, else the default. */
export function fixedFeeIn(fees: Fees, currency: string): number {
  const own = fees.fixed_by_currency;
  return own !== undefined && Object.hasOwn(own, currency) ? own[currency]! : fees.fixed;
}

/** The fee of one approved attempt: percent of the amount plus the fixed fee in the payment's currency. */
export function attemptFee(fees: Fees, amount: number, currency: string): number {
  return (fees.percent * amount) / 100 + fixedFeeIn(fees, currency);
}

/** Fees in a few words for lists: "1.4% + 0.25 (USD 0.3, JPY 40)". */
export function feesInWords(fees: Fees): string {
  const own = Object.entries(fees.fixed_by_currency ?? {}).map(([currency, fixed]) => `${currency} ${fixed}`);
  return `${fees.percent}% + ${fees.fixed}${own.length > 0 ? ` (${own.join(', ')})` : ''}`;
}
