import type { DomainEntry } from './entry';

/** Card schemes (brands) as lower-case codes. */
export const CARD_BRANDS: readonly DomainEntry[] = [
  { code: 'visa', name: 'Visa' },
  { code: 'mastercard', name: 'Mastercard' },
  { code: 'amex', name: 'American Express' },
  { code: 'discover', name: 'Discover' },
  { code: 'diners', name: 'Diners Club' },
  { code: 'jcb', name: 'JCB' },
  { code: 'unionpay', name: 'UnionPay' },
  { code: 'maestro', name: 'Maestro' },
  { code: 'cartes_bancaires', name: 'Cartes Bancaires' },
  { code: 'bancontact', name: 'Bancontact' },
  { code: 'dankort', name: 'Dankort' },
  { code: 'eftpos_au', name: 'eftpos Australia' },
  { code: 'interac', name: 'Interac' },
  { code: 'elo', name: 'Elo' },
  { code: 'hipercard', name: 'Hipercard' },
  { code: 'rupay', name: 'RuPay' },
  { code: 'mir', name: 'Mir' },
  { code: 'troy', name: 'Troy' },
  { code: 'verve', name: 'Verve' },
  { code: 'uatp', name: 'UATP' },
];

/** Funding type of a card. */
export const CARD_TYPES: readonly DomainEntry[] = [
  { code: 'credit', name: 'Credit' },
  { code: 'debit', name: 'Debit' },
  { code: 'prepaid', name: 'Prepaid' },
  { code: 'deferred_debit', name: 'Deferred debit' },
  { code: 'charge', name: 'Charge card' },
];

/** Who the card is issued to; commercial cards carry higher interchange and often route differently. */
export const CARD_PRODUCTS: readonly DomainEntry[] = [
  { code: 'consumer', name: 'Consumer' },
  { code: 'commercial', name: 'Commercial' },
  { code: 'business', name: 'Business (small business)' },
  { code: 'corporate', name: 'Corporate' },
  { code: 'purchasing', name: 'Purchasing' },
  { code: 'fleet', name: 'Fleet' },
  { code: 'government', name: 'Government' },
];

/** What replaced the card number: a scheme network token or a device (wallet) token. */
export const TOKEN_TYPES: readonly DomainEntry[] = [
  { code: 'network_token', name: 'Network token' },
  { code: 'device_token', name: 'Device token (wallet)' },
];

export const CARD_WALLETS: readonly DomainEntry[] = [
  { code: 'apple_pay', name: 'Apple Pay' },
  { code: 'google_pay', name: 'Google Pay' },
  { code: 'samsung_pay', name: 'Samsung Pay' },
  { code: 'click_to_pay', name: 'Click to Pay' },
];

export const THREE_DS_VERSIONS: readonly DomainEntry[] = [
  { code: '1.0.2', name: '3DS 1.0.2' },
  { code: '2.1.0', name: '3DS 2.1.0' },
  { code: '2.2.0', name: '3DS 2.2.0' },
  { code: '2.3.1', name: '3DS 2.3.1' },
];

/** PSD2 SCA exemptions requested or applied. */
export const THREE_DS_EXEMPTIONS: readonly DomainEntry[] = [
  { code: 'low_value', name: 'Low value' },
  { code: 'transaction_risk_analysis', name: 'Transaction risk analysis' },
  { code: 'trusted_beneficiary', name: 'Trusted beneficiary' },
  { code: 'secure_corporate', name: 'Secure corporate payment' },
  { code: 'recurring', name: 'Recurring (same amount)' },
  { code: 'merchant_initiated', name: 'Merchant-initiated (out of scope)' },
];
