import type { SchemeDocument } from '@/lib/scheme/schema';

/** EUR goes to `eur_leaf`, the rest to Stripe; the key order is deliberately not alphabetical. */
export function routingDocument(name: string, eurProcessor: string): SchemeDocument {
  return {
    format: 'switchyard.scheme/v1',
    name,
    start: 'is_eur',
    nodes: {
      is_eur: { type: 'condition', rules: [{ attribute: 'currency', operator: 'eq', value: 'EUR' }], then: 'eur_leaf', else: 'other' },
      eur_leaf: { type: 'strategy', strategy: 'direct', processors: [eurProcessor] },
      other: { type: 'strategy', strategy: 'direct', processors: ['proc_stripe'] },
    },
    layout: { is_eur: { x: 0, y: 0 }, eur_leaf: { x: -100, y: 120 }, other: { x: 100, y: 120 } },
  };
}
