import 'server-only';
import type { Processor } from '@/lib/processors/schema';

/** A processor's fields as table columns (bookkeeping columns aside). */
export function toColumns(p: Omit<Processor, 'id' | 'created_at'> & { name: string; provider: string }) {
  return {
    name: p.name,
    provider: p.provider,
    status: p.status,
    currencies: p.currencies,
    paymentMethods: p.payment_methods,
    countries: p.countries,
    approvalRate: p.approval_rate,
    failureMix: p.failure_mix ?? null,
    feePercent: p.fees.percent,
    feeFixed: p.fees.fixed,
    feeFixedByCurrency: p.fees.fixed_by_currency && Object.keys(p.fees.fixed_by_currency).length > 0 ? p.fees.fixed_by_currency : null,
  };
}
