import type { Transaction } from '@/lib/engine/types';

/** Ready-made transactions for trying a scheme: one per common situation ops staff ask about. */
export const SAMPLE_TRANSACTIONS: { name: string; transaction: Transaction }[] = [
  {
    name: 'German Visa card, €250',
    transaction: {
      id: 'tx_sample_de', amount: 250, currency: 'EUR', payment_method: 'card', initiator: 'cit', phase: 'charge',
      card: { brand: 'visa', type: 'credit', bin: '411111', issuer_country: 'DE' },
      customer: { country: 'DE', ip_country: 'DE', risk_score: 12 }, created_at: '2026-11-20T10:15:00Z',
    },
  },
  {
    name: 'UK Mastercard, £40',
    transaction: {
      id: 'tx_sample_gb', amount: 40, currency: 'GBP', payment_method: 'card', initiator: 'cit', phase: 'charge',
      card: { brand: 'mastercard', type: 'debit', bin: '522222', issuer_country: 'GB' },
      customer: { country: 'GB', risk_score: 30 }, created_at: '2026-11-21T19:40:00Z',
    },
  },
  {
    name: 'Brazilian Pix, R$120',
    transaction: { id: 'tx_sample_br', amount: 120, currency: 'BRL', payment_method: 'pix', customer: { country: 'BR', risk_score: 20 } },
  },
  {
    name: 'High-risk US card, $900',
    transaction: {
      id: 'tx_sample_risk', amount: 900, currency: 'USD', payment_method: 'card',
      card: { brand: 'amex', issuer_country: 'US' }, customer: { country: 'US', risk_score: 95 },
    },
  },
];
