import type { AttributeSpec, AttributeType } from './types';
import { NORMALISATION_BY_TYPE, OPERATORS_BY_TYPE } from './operators';
import type { DomainEntry } from './domains/entry';
import { COUNTRIES } from './domains/countries';
import { CURRENCIES } from './domains/currencies';
import { PAYMENT_METHODS, PAYMENT_METHOD_TYPES } from './domains/payment-methods';
import {
  CARD_BRANDS, CARD_PRODUCTS, CARD_TYPES, CARD_WALLETS, THREE_DS_EXEMPTIONS, THREE_DS_VERSIONS, TOKEN_TYPES,
} from './domains/cards';
import {
  CAPTURE_METHODS, CHANNELS, CUSTOMER_SEGMENTS, DEVICE_PLATFORMS, DEVICE_TYPES, INITIATORS, PHASES, WEEKDAYS,
} from './domains/context';

type Definition = Omit<AttributeSpec, 'operators' | 'normalise' | 'domain' | 'values'> & {
  values?: readonly DomainEntry[];
};

/** Fills in what follows from the type: operators, normalisation, and the plain code list of the domain. */
export function specOf(def: Definition): AttributeSpec {
  const spec: AttributeSpec = {
    ...def,
    operators: OPERATORS_BY_TYPE[def.type],
    normalise: NORMALISATION_BY_TYPE[def.type],
  };
  if (def.values) spec.domain = def.values.map((v) => v.code);
  return spec;
}

/** The value list every attribute of a type shares, when the type itself implies one. */
export function valuesForType(type: AttributeType): readonly DomainEntry[] | undefined {
  if (type === 'country') return COUNTRIES;
  if (type === 'currency') return CURRENCIES;
  return undefined;
}

const country = (name: string, label: string, description: string, group: string, example: string): Definition => ({
  name, type: 'country', label, description, group, values: COUNTRIES, example,
});

/**
 * The built-in attributes, as data. Paths are dotted paths into the transaction JSON;
 * `time_of_day` and `weekday` are derived from `created_at` in the configured time zone.
 */
const DEFINITIONS: Definition[] = [
  // Payment
  { name: 'amount', type: 'number', label: 'Amount', group: 'Payment', min: 0, example: 149.99,
    description: 'Payment amount in major units of its currency (49.99, not 4999).' },
  { name: 'currency', type: 'currency', label: 'Currency', group: 'Payment', values: CURRENCIES, example: 'EUR',
    description: 'ISO 4217 currency code of the payment.' },
  { name: 'payment_method', type: 'enum', label: 'Payment method', group: 'Payment', values: PAYMENT_METHODS,
    example: 'card', description: 'The concrete method: card, apple_pay, sepa_debit, pix, ...' },
  { name: 'payment_method_type', type: 'enum', label: 'Payment method type', group: 'Payment',
    values: PAYMENT_METHOD_TYPES, example: 'wallet', description: 'The family of the method: card, wallet, bank debit, BNPL, ...' },
  { name: 'initiator', type: 'enum', label: 'Initiator (CIT / MIT)', group: 'Payment', values: INITIATORS, example: 'cit',
    description: 'Customer-initiated (the customer is present) or merchant-initiated (stored credential).' },
  { name: 'phase', type: 'enum', label: 'Phase', group: 'Payment', values: PHASES, example: 'charge',
    description: 'Setup saves a payment method without charging it; charge moves money.' },
  { name: 'recurring', type: 'boolean', label: 'Recurring', group: 'Payment', example: true,
    description: 'Part of a subscription or instalment series.' },
  { name: 'installments', type: 'integer', label: 'Instalments', group: 'Payment', min: 1, max: 99, example: 3,
    description: 'Number of instalments the payment is split into.' },
  { name: 'capture_method', type: 'enum', label: 'Capture method', group: 'Payment', values: CAPTURE_METHODS,
    example: 'automatic', description: 'Capture with the authorisation, or later.' },
  { name: 'channel', type: 'enum', label: 'Channel', group: 'Payment', values: CHANNELS, example: 'web',
    description: 'Where the payment was taken: web, app, mail/telephone order, point of sale.' },
  { name: 'tags', type: 'string_list', label: 'Tags', group: 'Payment', example: ['gift_card', 'preorder'],
    description: 'Free labels the backend attaches to the payment; contains tests membership.' },

  // Card
  { name: 'card.brand', type: 'enum', label: 'Card brand', group: 'Card', values: CARD_BRANDS, example: 'visa',
    description: 'Card scheme.' },
  { name: 'card.type', type: 'enum', label: 'Card type', group: 'Card', values: CARD_TYPES, example: 'debit',
    description: 'Funding: credit, debit, prepaid, ...' },
  { name: 'card.bin', type: 'string', label: 'BIN', group: 'Card', example: '424242',
    pattern: { regex: '^[0-9]{6}$', hint: 'a BIN is 6 digits; use starts_with for a prefix' },
    description: 'First 6 digits of the card number (issuer identification number).' },
  { name: 'card.extended_bin', type: 'string', label: 'Extended BIN', group: 'Card', example: '42424242',
    pattern: { regex: '^[0-9]{8}$', hint: 'an extended BIN is 8 digits; use starts_with for a prefix' },
    description: 'First 8 digits of the card number.' },
  country('card.issuer_country', 'Card issuer country', 'Country of the bank that issued the card.', 'Card', 'DE'),
  { name: 'card.issuer_bank', type: 'string', label: 'Issuer bank', group: 'Card', example: 'Deutsche Bank',
    description: 'Name of the issuing bank as the BIN table reports it.' },
  { name: 'card.product', type: 'enum', label: 'Card product', group: 'Card', values: CARD_PRODUCTS, example: 'consumer',
    description: 'Consumer or commercial (business, corporate, purchasing, fleet) card.' },
  { name: 'card.regulated', type: 'boolean', label: 'Regulated debit', group: 'Card', example: false,
    description: 'US debit card from an issuer covered by the Durbin interchange cap.' },
  { name: 'card.tokenised', type: 'boolean', label: 'Tokenised', group: 'Card', example: true,
    description: 'The card was sent as a network token or a wallet (device) token rather than a card number.' },
  { name: 'card.token_type', type: 'enum', label: 'Token type', group: 'Card', values: TOKEN_TYPES, example: 'network_token',
    description: 'Network token or device (wallet) token; absent for a plain card number.' },
  { name: 'card.wallet', type: 'enum', label: 'Card wallet', group: 'Card', values: CARD_WALLETS, example: 'apple_pay',
    description: 'The wallet the card was presented through, if any.' },

  // 3-D Secure
  { name: 'three_ds.authenticated', type: 'boolean', label: '3DS authenticated', group: '3-D Secure', example: true,
    description: 'The cardholder passed 3-D Secure authentication before routing.' },
  { name: 'three_ds.version', type: 'enum', label: '3DS version', group: '3-D Secure', values: THREE_DS_VERSIONS,
    example: '2.2.0', description: 'Protocol version of the authentication.' },
  { name: 'three_ds.liability_shift', type: 'boolean', label: 'Liability shift', group: '3-D Secure', example: true,
    description: 'Fraud liability shifted to the issuer.' },
  { name: 'three_ds.exemption', type: 'enum', label: 'SCA exemption', group: '3-D Secure', values: THREE_DS_EXEMPTIONS,
    example: 'low_value', description: 'PSD2 exemption requested or applied.' },

  // Customer
  country('customer.country', 'Customer country', 'Country of the customer account.', 'Customer', 'FR'),
  country('customer.ip_country', 'IP country', 'Country of the IP address the payment came from.', 'Customer', 'FR'),
  { name: 'customer.segment', type: 'enum', label: 'Customer segment', group: 'Customer', values: CUSTOMER_SEGMENTS,
    example: 'returning', description: 'Segment the merchant assigns to the customer.' },
  { name: 'customer.risk_score', type: 'number', label: 'Risk score', group: 'Customer', min: 0, max: 100, example: 12,
    description: 'Fraud risk score from 0 (safe) to 100 (certain fraud).' },
  { name: 'customer.email_domain', type: 'string', label: 'Email domain', group: 'Customer', example: 'gmail.com',
    description: 'Domain part of the customer email, as sent (lower-case it in the backend).' },
  { name: 'customer.account_age_days', type: 'integer', label: 'Account age (days)', group: 'Customer', min: 0,
    example: 420, description: 'Days since the customer account was created.' },
  { name: 'customer.guest', type: 'boolean', label: 'Guest checkout', group: 'Customer', example: false,
    description: 'Paid without a customer account.' },

  // Addresses and device
  country('billing.country', 'Billing country', 'Country of the billing address.', 'Address', 'FR'),
  country('shipping.country', 'Shipping country', 'Country of the shipping address.', 'Address', 'BE'),
  { name: 'device.platform', type: 'enum', label: 'Device platform', group: 'Device', values: DEVICE_PLATFORMS,
    example: 'ios', description: 'Operating system of the device that paid.' },
  { name: 'device.type', type: 'enum', label: 'Device type', group: 'Device', values: DEVICE_TYPES, example: 'mobile',
    description: 'Form factor of the device that paid.' },

  // Merchant
  { name: 'merchant.profile', type: 'string', label: 'Merchant profile', group: 'Merchant', example: 'eu_store',
    description: 'Profile (storefront, brand or sub-merchant) the payment belongs to.' },
  { name: 'merchant.mcc', type: 'integer', label: 'MCC', group: 'Merchant', min: 0, max: 9999, example: 5732,
    description: 'Merchant category code (ISO 18245) as a number.' },
  country('merchant.country', 'Merchant country', 'Country the merchant account is registered in.', 'Merchant', 'NL'),

  // Time, derived from created_at
  { name: 'time_of_day', type: 'integer', label: 'Hour of day', group: 'Time', min: 0, max: 23, example: 14,
    derived: { from: 'created_at', part: 'hour' },
    description: 'Hour (0–23) of created_at in the configured time zone.' },
  { name: 'weekday', type: 'enum', label: 'Weekday', group: 'Time', values: WEEKDAYS, example: 'fri',
    derived: { from: 'created_at', part: 'weekday' },
    description: 'Day of the week (mon … sun) of created_at in the configured time zone.' },
];

export const BUILTIN_ATTRIBUTES: readonly AttributeSpec[] = DEFINITIONS.map(specOf);

/** `metadata.<key>`: any key the backend sends, read as a string. */
export const METADATA_PREFIX = 'metadata.';
const METADATA_KEY = /^[A-Za-z0-9_-]{1,128}$/;

export function metadataSpec(name: string): AttributeSpec | undefined {
  if (!name.startsWith(METADATA_PREFIX)) return undefined;
  const key = name.slice(METADATA_PREFIX.length);
  if (!METADATA_KEY.test(key)) return undefined;
  return specOf({
    name, type: 'string', label: `Metadata: ${key}`, group: 'Metadata', example: 'value',
    description: `The string sent in metadata.${key}.`,
  });
}
