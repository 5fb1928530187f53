import type { SchemeDocument } from './schema';
import type { Processor } from '../processors/schema';

/**
 * A realistic scheme and the processors it routes to, shared by tests, docs, the seed data and the
 * editor's "new from example". It extends the example of docs/scheme-format.md to 13 nodes and uses every strategy.
 * It compiles without errors against EXAMPLE_PROCESSORS; its one warning is on purpose:
 * proc_braintree is `down`, so `us_priority` falls through to proc_worldpay.
 */

const EU_COUNTRIES = ['AT', 'BE', 'DE', 'ES', 'FI', 'FR', 'IE', 'IT', 'LU', 'NL', 'PT'];

export const EXAMPLE_SCHEME: SchemeDocument = {
  format: 'switchyard.scheme/v1',
  name: 'EU cards first',
  description: 'Blocks risky payments, keeps setups on one processor, prefers local acquiring where it exists.',
  start: 'risk_check',
  nodes: {
    risk_check: {
      type: 'condition',
      label: 'Risk score 90 or more',
      rules: [{ attribute: 'customer.risk_score', operator: 'gte', value: 90 }],
      then: 'blocked_risk',
      else: 'is_setup',
    },
    blocked_risk: { type: 'strategy', strategy: 'blank', label: 'Refuse', reason: 'risk score too high' },
    is_setup: {
      type: 'condition',
      label: 'Card setup (no charge)',
      rules: [{ attribute: 'phase', operator: 'eq', value: 'setup' }],
      then: 'setup_direct',
      else: 'is_eu',
    },
    setup_direct: {
      type: 'strategy',
      strategy: 'direct',
      label: 'Vault on Stripe',
      processors: ['proc_stripe'],
      modifiers: { three_ds: 'required' },
    },
    is_eu: {
      type: 'condition',
      label: 'EU issuer, over 100',
      match: 'all',
      rules: [
        { attribute: 'card.issuer_country', operator: 'in', value: EU_COUNTRIES },
        { attribute: 'amount', operator: 'gt', value: 100 },
      ],
      then: 'eu_priority',
      else: 'is_gb',
    },
    eu_priority: {
      type: 'strategy',
      strategy: 'priority',
      label: 'Adyen EU, then Stripe',
      processors: ['proc_adyen_eu', 'proc_stripe'],
      cascade: { max_attempts: 2, on: ['soft_decline', 'processor_error'] },
      modifiers: { three_ds: 'required' },
    },
    is_gb: {
      type: 'condition',
      label: 'GB issuer',
      rules: [{ attribute: 'card.issuer_country', operator: 'eq', value: 'GB' }],
      then: 'gb_split',
      else: 'is_brl',
    },
    gb_split: {
      type: 'strategy',
      strategy: 'weight',
      label: '70/30 Stripe/Checkout',
      processors: [
        { processor: 'proc_stripe', weight: 70 },
        { processor: 'proc_checkout', weight: 30 },
      ],
      cascade: { max_attempts: 2, on: ['soft_decline', 'timeout'] },
    },
    is_brl: {
      type: 'condition',
      label: 'Paid in BRL',
      rules: [{ attribute: 'currency', operator: 'eq', value: 'BRL' }],
      then: 'br_local',
      else: 'is_wallet',
    },
    br_local: {
      type: 'strategy',
      strategy: 'priority',
      label: 'Local acquirer first',
      processors: ['proc_cielo_br', 'proc_stripe'],
      cascade: { max_attempts: 2, on: ['processor_error', 'timeout'] },
    },
    is_wallet: {
      type: 'condition',
      label: 'Wallet or network token',
      match: 'any',
      rules: [
        { attribute: 'payment_method', operator: 'in', value: ['apple_pay', 'google_pay'] },
        { attribute: 'card.tokenised', operator: 'eq', value: true },
      ],
      then: 'wallet_random',
      else: 'us_priority',
    },
    wallet_random: {
      type: 'strategy',
      strategy: 'random',
      label: 'Spread wallets',
      processors: ['proc_stripe', 'proc_checkout'],
      modifiers: { three_ds: 'skip' },
    },
    us_priority: {
      type: 'strategy',
      strategy: 'priority',
      label: 'Everything else',
      processors: ['proc_braintree', 'proc_worldpay', 'proc_stripe'],
      cascade: { max_attempts: 3, on: ['soft_decline', 'processor_error', 'timeout'] },
    },
  },
  // The editor's top-to-bottom auto layout, with the node sizes it draws.
  layout: {
    risk_check: { x: 268, y: 12 },
    blocked_risk: { x: 12, y: 188 },
    is_setup: { x: 320, y: 188 },
    setup_direct: { x: 64, y: 380 },
    is_eu: { x: 372, y: 380 },
    eu_priority: { x: 116, y: 607 },
    is_gb: { x: 424, y: 618 },
    gb_split: { x: 168, y: 816 },
    is_brl: { x: 476, y: 827 },
    br_local: { x: 220, y: 1009 },
    is_wallet: { x: 528, y: 1009 },
    wallet_random: { x: 272, y: 1220 },
    us_priority: { x: 580, y: 1220 },
  },
};

export const EXAMPLE_PROCESSORS: Processor[] = [
  {
    id: 'proc_stripe',
    name: 'Stripe (global)',
    provider: 'stripe',
    status: 'active',
    currencies: [],
    payment_methods: ['card', 'apple_pay', 'google_pay'],
    countries: [],
    approval_rate: 0.9,
    fees: { percent: 2.9, fixed: 0.3 },
    created_at: '2023-03-01T10:00:00Z',
  },
  {
    id: 'proc_adyen_eu',
    name: 'Adyen EU',
    provider: 'adyen',
    status: 'active',
    currencies: ['EUR', 'GBP', 'CHF', 'SEK', 'DKK', 'PLN'],
    payment_methods: ['card', 'sepa_debit', 'ideal', 'apple_pay', 'google_pay'],
    countries: [...EU_COUNTRIES, 'GB', 'CH', 'SE', 'DK', 'PL'],
    approval_rate: 0.93,
    fees: { percent: 1.6, fixed: 0.11 },
    created_at: '2023-06-12T08:30:00Z',
  },
  {
    id: 'proc_checkout',
    name: 'Checkout.com',
    provider: 'checkout',
    status: 'active',
    currencies: ['EUR', 'GBP', 'USD'],
    payment_methods: ['card', 'apple_pay', 'google_pay'],
    countries: [],
    approval_rate: 0.91,
    fees: { percent: 1.9, fixed: 0.2 },
    created_at: '2023-09-04T12:00:00Z',
  },
  {
    id: 'proc_worldpay',
    name: 'Worldpay US/UK',
    provider: 'worldpay',
    status: 'active',
    currencies: ['USD', 'GBP', 'CAD', 'EUR'],
    payment_methods: ['card'],
    countries: ['US', 'CA', 'GB', 'IE'],
    approval_rate: 0.88,
    fees: { percent: 2.2, fixed: 0.25 },
    created_at: '2022-11-20T15:45:00Z',
  },
  {
    id: 'proc_braintree',
    name: 'Braintree',
    provider: 'braintree',
    status: 'down',
    currencies: ['USD', 'CAD', 'AUD'],
    payment_methods: ['card', 'paypal', 'apple_pay', 'google_pay'],
    countries: ['US', 'CA', 'AU'],
    approval_rate: 0.89,
    fees: { percent: 2.59, fixed: 0.49 },
    created_at: '2024-02-01T09:00:00Z',
  },
  {
    id: 'proc_cielo_br',
    name: 'Cielo (Brazil local acquiring)',
    provider: 'cielo',
    status: 'active',
    currencies: ['BRL'],
    payment_methods: ['card', 'pix', 'boleto'],
    countries: ['BR'],
    approval_rate: 0.86,
    fees: { percent: 1.4, fixed: 0.1 },
    created_at: '2024-05-10T13:00:00Z',
  },
];
