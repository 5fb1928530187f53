import type { Processor } from '../../lib/processors/schema';
import type { AttributeRule, ConditionNode, SchemeDocument, SchemeNode } from '../../lib/scheme/schema';
import type { Transaction } from '../../lib/engine/types';

/**
 * Benchmark workload: seeded, realistic routing trees of a given size and distinct transactions.
 * Conditions route on amount, currency, countries, brand, method, risk, tokenisation, CIT/MIT and
 * phase; every strategy appears at the leaves. Bench-only code.
 */

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'BRL', 'CHF', 'SEK', 'PLN', 'JPY'];
const COUNTRIES = ['DE', 'FR', 'NL', 'ES', 'IT', 'GB', 'US', 'CA', 'BR', 'SE', 'PL', 'CH', 'JP', 'AU', 'IE'];
const BRANDS = ['visa', 'mastercard', 'amex', 'discover', 'jcb'];
const METHODS = ['card', 'card', 'card', 'card', 'apple_pay', 'google_pay', 'sepa_debit', 'paypal'];

export const PROCESSORS: Processor[] = [
  ['proc_stripe', 'active', [], [], []],
  ['proc_adyen', 'active', ['EUR', 'GBP', 'CHF', 'SEK', 'PLN'], [], ['DE', 'FR', 'NL', 'ES', 'IT', 'GB', 'SE', 'PL', 'CH', 'IE']],
  ['proc_checkout', 'active', ['EUR', 'GBP', 'USD'], ['card', 'apple_pay', 'google_pay'], []],
  ['proc_worldpay', 'active', ['USD', 'GBP', 'EUR'], ['card'], ['US', 'CA', 'GB', 'IE']],
  ['proc_braintree', 'down', ['USD'], [], ['US', 'CA']],
  ['proc_cielo', 'active', ['BRL'], ['card'], ['BR']],
  ['proc_paypal', 'active', [], ['paypal'], []],
  ['proc_nuvei', 'active', [], [], []],
].map(([id, status, currencies, payment_methods, countries], i) => ({
  id: id as string, status: status as Processor['status'], currencies: currencies as string[],
  payment_methods: payment_methods as string[], countries: countries as string[], approval_rate: 0.9,
  fees: { percent: 2, fixed: 0.2 }, created_at: new Date(Date.UTC(2022, i, 1)).toISOString(),
}));
const PROCESSOR_IDS = PROCESSORS.map((p) => p.id);

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}
function some<T>(random: () => number, list: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(random() * (max - min + 1));
  const shuffled = [...list].sort(() => random() - 0.5);
  return shuffled.slice(0, Math.min(n, list.length));
}

function randomRule(random: () => number): AttributeRule {
  const r = random();
  if (r < 0.18) return { attribute: 'amount', operator: pick(random, ['gt', 'gte', 'lt', 'lte'] as const), value: Math.round(10 ** (1 + random() * 3)) };
  if (r < 0.24) {
    const lo = Math.round(random() * 500);
    return { attribute: 'amount', operator: 'between', value: [lo, lo + Math.round(random() * 2000)] };
  }
  if (r < 0.36) return random() < 0.5
    ? { attribute: 'currency', operator: 'eq', value: pick(random, CURRENCIES) }
    : { attribute: 'currency', operator: pick(random, ['in', 'not_in'] as const), value: some(random, CURRENCIES, 2, 4) };
  if (r < 0.54) return random() < 0.3
    ? { attribute: 'card.issuer_country', operator: pick(random, ['eq', 'neq'] as const), value: pick(random, COUNTRIES) }
    : { attribute: 'card.issuer_country', operator: pick(random, ['in', 'not_in'] as const), value: some(random, COUNTRIES, 2, 8) };
  if (r < 0.64) return random() < 0.5
    ? { attribute: 'card.brand', operator: 'eq', value: pick(random, BRANDS) }
    : { attribute: 'card.brand', operator: 'in', value: some(random, BRANDS, 2, 3) };
  if (r < 0.74) return { attribute: 'payment_method', operator: 'in', value: some(random, ['card', 'apple_pay', 'google_pay', 'sepa_debit', 'paypal'], 1, 3) };
  if (r < 0.82) return { attribute: 'customer.risk_score', operator: 'gte', value: Math.round(random() * 100) };
  if (r < 0.88) return { attribute: 'card.tokenised', operator: 'eq', value: random() < 0.5 };
  if (r < 0.94) return { attribute: 'initiator', operator: 'eq', value: pick(random, ['cit', 'mit']) };
  return { attribute: 'customer.country', operator: 'neq', value: pick(random, COUNTRIES) };
}

function randomStrategy(random: () => number): SchemeNode {
  const r = random();
  if (r < 0.05) return { type: 'strategy', strategy: 'blank', reason: 'not accepted' };
  if (r < 0.2) return { type: 'strategy', strategy: 'direct', processors: [pick(random, PROCESSOR_IDS)] };
  if (r < 0.6) return {
    type: 'strategy', strategy: 'priority', processors: some(random, PROCESSOR_IDS, 2, 4),
    cascade: { max_attempts: 2, on: ['soft_decline', 'processor_error'] }, modifiers: { three_ds: 'required' },
  };
  if (r < 0.85) {
    const ids = some(random, PROCESSOR_IDS, 2, 3);
    const first = 100 - 20 * (ids.length - 1);
    return { type: 'strategy', strategy: 'weight', processors: ids.map((processor, i) => ({ processor, weight: i === 0 ? first : 20 })),
      cascade: { max_attempts: 2, on: ['soft_decline'] } };
  }
  return { type: 'strategy', strategy: 'random', processors: some(random, PROCESSOR_IDS, 2, 4) };
}

/** A tree of about `size` nodes (conditions + leaves, size odd), with uneven splits like real schemes. */
export function generateScheme(size: number, seed: number): SchemeDocument {
  const random = mulberry32(seed);
  const nodes: Record<string, SchemeNode> = {};
  let counter = 0;
  // Iterative, so 10,000-node trees cannot overflow the stack.
  const start = `n${counter++}`;
  const work: { id: string; size: number }[] = [{ id: start, size: Math.max(1, size | 1) }];
  while (work.length > 0) {
    const { id, size: n } = work.pop()!;
    if (n <= 1) {
      nodes[id] = randomStrategy(random);
      continue;
    }
    const inner = n - 1;
    // Split the remaining nodes unevenly (odd sizes on both sides).
    let left = 1 + 2 * Math.floor(random() * ((inner - 1) / 2 + 1) * 0.8 + (inner - 1) / 2 * 0.1);
    left = Math.min(Math.max(1, left | 1), inner - 1);
    const right = inner - left;
    const yes = `n${counter++}`;
    const no = `n${counter++}`;
    const rules = Array.from({ length: 1 + Math.floor(random() * random() * 3) }, () => randomRule(random));
    const condition: ConditionNode = { type: 'condition', match: random() < 0.8 ? 'all' : 'any', rules, then: yes, else: no };
    nodes[id] = condition;
    work.push({ id: yes, size: left }, { id: no, size: right });
  }
  return { format: 'switchyard.scheme/v1', name: `bench ${size}`, start, nodes };
}

export function generateTransactions(count: number, seed: number): Transaction[] {
  const random = mulberry32(seed);
  const txs: Transaction[] = [];
  for (let i = 0; i < count; i++) {
    const method = pick(random, METHODS);
    const country = pick(random, COUNTRIES);
    const tx: Transaction = {
      id: `tx_${seed}_${i}`,
      amount: Math.round(Math.exp(random() * 8.5) * 100) / 100,
      currency: random() < 0.7 ? pick(random, CURRENCIES.slice(0, 3)) : pick(random, CURRENCIES),
      payment_method: method,
      initiator: random() < 0.8 ? 'cit' : 'mit',
      phase: random() < 0.95 ? 'charge' : 'setup',
      customer: { country: random() < 0.9 ? country : pick(random, COUNTRIES), risk_score: Math.floor(random() * 100) },
      created_at: new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 365 * 86_400_000)).toISOString(),
    };
    if (method === 'card' || method === 'apple_pay' || method === 'google_pay') {
      tx.card = { brand: pick(random, BRANDS), issuer_country: country, type: random() < 0.6 ? 'credit' : 'debit', tokenised: method !== 'card' || random() < 0.3 };
    }
    txs.push(tx);
  }
  return txs;
}
