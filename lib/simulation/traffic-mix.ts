/**
 * What synthetic traffic looks like").
 * Shares are relative weights (they need not sum to 1). Defaults sketch a European-led global
 * e-commerce merchant.
 */
export type Shares = Record<string, number>;

export interface TrafficMix {
  /** Card issuer country (and customer country) shares. */
  countries: Shares;
  /** Probability that a payment is in the country's own currency (when LOCAL_CURRENCY knows it). */
  local_currency_share: number;
  /** Currency shares for the other payments. */
  currencies: Shares;
  payment_methods: Shares;
  card_brands: Shares;
  card_types: Shares;
  channels: Shares;
  /** Share of merchant-initiated payments (the rest are customer-initiated). */
  mit_share: number;
  /** Share of setup payments (saving a method without a charge, amount 0). */
  setup_share: number;
  /** Share of card payments using a network token. */
  network_token_share: number;
  /** Share of payments with customer.risk_score of 90 or more. */
  high_risk_share: number;
  /** Charge amounts, in major units: log-normal around `median`, clamped to [min, max], 2 decimals. */
  amount: { median: number; spread: number; min: number; max: number };
  /** created_at is uniform over `days` days from `start`. */
  start: string;
  days: number;
  /** Ids are `${id_prefix}${seed}_${index}`, distinct within a run. */
  id_prefix: string;
}

export const DEFAULT_TRAFFIC_MIX: TrafficMix = {
  countries: { DE: 18, FR: 14, GB: 14, NL: 7, ES: 6, IT: 6, US: 16, CA: 3, BR: 6, AU: 2, SE: 2, PL: 2, IN: 2, JP: 2 },
  local_currency_share: 0.85,
  currencies: { EUR: 45, USD: 35, GBP: 15, BRL: 5 },
  payment_methods: { card: 68, apple_pay: 10, google_pay: 6, paypal: 5, sepa_debit: 4, ideal: 3, klarna: 2, pix: 2 },
  card_brands: { visa: 55, mastercard: 33, amex: 7, discover: 2, cartes_bancaires: 2, elo: 1 },
  card_types: { credit: 48, debit: 47, prepaid: 5 },
  channels: { web: 62, app: 33, moto: 5 },
  mit_share: 0.15,
  setup_share: 0.05,
  network_token_share: 0.2,
  high_risk_share: 0.02,
  amount: { median: 45, spread: 1, min: 0.5, max: 5000 },
  start: '2025-01-01T00:00:00Z',
  days: 30,
  id_prefix: 'tx_syn_',
};

/** Each country's own currency, for the countries a mix usually names. */
export const LOCAL_CURRENCY: Readonly<Record<string, string>> = {
  AT: 'EUR', BE: 'EUR', DE: 'EUR', ES: 'EUR', FI: 'EUR', FR: 'EUR', IE: 'EUR', IT: 'EUR', LU: 'EUR', NL: 'EUR',
  PT: 'EUR', GR: 'EUR', GB: 'GBP', CH: 'CHF', SE: 'SEK', DK: 'DKK', NO: 'NOK', PL: 'PLN', CZ: 'CZK', US: 'USD',
  CA: 'CAD', MX: 'MXN', BR: 'BRL', AR: 'ARS', AU: 'AUD', NZ: 'NZD', JP: 'JPY', CN: 'CNY', IN: 'INR', SG: 'SGD',
  HK: 'HKD', AE: 'AED', ZA: 'ZAR', TR: 'TRY',
};
