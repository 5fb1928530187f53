import { PAYMENT_METHODS } from '../catalog/domains/payment-methods';
import type { Transaction } from '../engine/types';
import { createdAtMs } from '../transactions/created-at';
import { mulberry32, normaliseSeed } from './prng';
import { DEFAULT_TRAFFIC_MIX, LOCAL_CURRENCY, type Shares, type TrafficMix } from './traffic-mix';

export interface GenerateOptions {
  /** Same seed, same transactions. Default 1. */
  seed?: number;
  /** Overrides of DEFAULT_TRAFFIC_MIX, field by field. */
  mix?: Partial<TrafficMix>;
}

const METHOD_TYPE = new Map(PAYMENT_METHODS.map((m) => [m.code, m.type]));
const WALLET_CARD_METHODS = new Set(['apple_pay', 'google_pay', 'samsung_pay']);
const BIN_PREFIX: Record<string, string> = {
  visa: '4', mastercard: '5', amex: '37', discover: '6011', cartes_bancaires: '4', elo: '6362', jcb: '35', unionpay: '62',
};
const ISSUERS = ['First National', 'Union Savings', 'Metro Bank', 'Crédit Coopératif', 'Sparkasse', 'Atlas Bank'];
const EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'gmx.de', 'orange.fr', 'company.example'];
const SEGMENTS = ['new', 'returning', 'returning', 'loyal', 'vip'];
const DAY_MS = 86_400_000;

/**
 * Synthetic transactions, lazily: memory stays flat for any count. Deterministic for a seed; ids are
 * distinct. Field choices follow the mix; amounts are log-normal; wallets carry a device-token card.
 */
export function* generateTransactions(count: number, options: GenerateOptions = {}): Generator<Transaction> {
  const seed = normaliseSeed(options.seed ?? 1);
  const mix = resolveMix(options.mix);
  const random = mulberry32(seed);
  const pick = {
    country: table(mix.countries, DEFAULT_TRAFFIC_MIX.countries),
    currency: table(mix.currencies, DEFAULT_TRAFFIC_MIX.currencies),
    method: table(mix.payment_methods, DEFAULT_TRAFFIC_MIX.payment_methods),
    brand: table(mix.card_brands, DEFAULT_TRAFFIC_MIX.card_brands),
    cardType: table(mix.card_types, DEFAULT_TRAFFIC_MIX.card_types),
    channel: table(mix.channels, DEFAULT_TRAFFIC_MIX.channels),
  };
  const start = windowStart(mix.start);
  const startMs = Number.isNaN(start) ? windowStart(DEFAULT_TRAFFIC_MIX.start) : start;
  const spanMs = Math.max(0, finiteOr(mix.days, DEFAULT_TRAFFIC_MIX.days)) * DAY_MS;
  const { median, spread, min, max } = mix.amount;
  const total = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const prefix = `${mix.id_prefix}${seed}_`;
  const clock = new IsoClock();

  for (let i = 0; i < total; i++) {
    const country = pick.country(random());
    const local = LOCAL_CURRENCY[country];
    const currency = local !== undefined && random() < mix.local_currency_share ? local : pick.currency(random());
    const method = pick.method(random());
    const setup = random() < mix.setup_share;
    const mit = random() < mix.mit_share;
    const tx: Transaction = {
      id: prefix + i,
      amount: setup ? 0 : logNormalAmount(random, median, spread, min, max),
      currency,
      payment_method: method,
      payment_method_type: METHOD_TYPE.get(method) ?? 'card',
      initiator: mit ? 'mit' : 'cit',
      phase: setup ? 'setup' : 'charge',
      recurring: mit,
      capture_method: random() < 0.9 ? 'automatic' : 'manual',
      channel: mit ? 'web' : pick.channel(random()),
      customer: {
        country,
        ip_country: random() < 0.93 ? country : pick.country(random()),
        segment: SEGMENTS[Math.floor(random() * SEGMENTS.length)],
        risk_score: random() < mix.high_risk_share ? 90 + Math.floor(random() * 11) : Math.floor(random() * random() * 90),
        email_domain: EMAIL_DOMAINS[Math.floor(random() * EMAIL_DOMAINS.length)],
      },
      billing: { country },
      created_at: clock.format(startMs + Math.floor(random() * spanMs)),
    };
    if (method === 'card' || WALLET_CARD_METHODS.has(method)) tx.card = syntheticCard(random, pick, country, method, mix);
    yield tx;
  }
}

function syntheticCard(
  random: () => number,
  pick: { brand: (u: number) => string; cardType: (u: number) => string },
  country: string,
  method: string,
  mix: TrafficMix,
): Record<string, unknown> {
  const brand = pick.brand(random());
  const prefix = BIN_PREFIX[brand] ?? '9';
  const bin = prefix + String(Math.floor(random() * 1e8)).padStart(8, '0').slice(prefix.length);
  const wallet = WALLET_CARD_METHODS.has(method);
  const tokenised = wallet || random() < mix.network_token_share;
  const card: Record<string, unknown> = {
    brand,
    type: pick.cardType(random()),
    bin: bin.slice(0, 6),
    extended_bin: bin,
    issuer_country: country,
    issuer_bank: ISSUERS[Math.floor(random() * ISSUERS.length)],
    product: random() < 0.9 ? 'consumer' : 'business',
    tokenised,
  };
  if (tokenised) card.token_type = wallet ? 'device_token' : 'network_token';
  if (wallet) card.wallet = method;
  return card;
}

/**
 * ISO 8601 timestamps without a Date per call: the "YYYY-MM-DDT" prefix is cached per day, the time
 * part is built from two-digit strings. Same text as Date#toISOString with milliseconds dropped.
 */
class IsoClock {
  private readonly dayPrefixes = new Map<number, string>();

  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    let prefix = this.dayPrefixes.get(day);
    if (prefix === undefined) {
      prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
      this.dayPrefixes.set(day, prefix);
    }
    const seconds = Math.floor((ms - day * DAY_MS) / 1000);
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return `${prefix}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[seconds % 60]}Z`;
  }
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/**
 * The window's start: what created_at accepts, or a date alone meaning midnight UTC; NaN otherwise.
 * Never read in the host's zone.
 */
function windowStart(start: unknown): number {
  return typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start) ? createdAtMs(`${start}T00:00:00Z`) : createdAtMs(start);
}

/** A full mix: defaults overridden field by field; nonsense numbers fall back to the defaults. */
export function resolveMix(overrides: Partial<TrafficMix> = {}): TrafficMix {
  const d = DEFAULT_TRAFFIC_MIX;
  const m = { ...d, ...overrides };
  const share = (value: number, fallback: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback);
  const amount = { ...d.amount, ...overrides.amount };
  const minAmount = Math.max(0, finiteOr(amount.min, d.amount.min));
  const median = finiteOr(amount.median, d.amount.median);
  return {
    ...m,
    local_currency_share: share(m.local_currency_share, d.local_currency_share),
    mit_share: share(m.mit_share, d.mit_share),
    setup_share: share(m.setup_share, d.setup_share),
    network_token_share: share(m.network_token_share, d.network_token_share),
    high_risk_share: share(m.high_risk_share, d.high_risk_share),
    amount: {
      median: median > 0 ? median : d.amount.median,
      spread: Math.max(0, finiteOr(amount.spread, d.amount.spread)),
      min: minAmount,
      max: Math.max(minAmount, finiteOr(amount.max, d.amount.max)),
    },
  };
}

/** A weighted picker over `shares`: u in [0, 1) → key. Falls back when no weight is positive. */
function table(shares: Shares, fallback: Shares): (u: number) => string {
  let entries = Object.entries(shares).filter(([, w]) => Number.isFinite(w) && w > 0);
  if (entries.length === 0) entries = Object.entries(fallback);
  const keys = entries.map(([k]) => k);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  const bounds: number[] = [];
  let acc = 0;
  for (const [, w] of entries) bounds.push((acc += w / total));
  const last = keys.length - 1;
  return (u) => {
    for (let i = 0; i < last; i++) if (u < (bounds[i] as number)) return keys[i] as string;
    return keys[last] as string;
  };
}

/** exp(N(ln median, spread²)) via Box–Muller, rounded to cents and clamped. */
function logNormalAmount(random: () => number, median: number, spread: number, min: number, max: number): number {
  const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const value = median * Math.exp(spread * normal);
  return Math.round(Math.min(max, Math.max(min, value)) * 100) / 100;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}
