import type { DomainEntry } from './entry';

/** How a payment method moves money; routing often splits on this before the concrete method. */
export const PAYMENT_METHOD_TYPES: readonly DomainEntry[] = [
  { code: 'card', name: 'Card' },
  { code: 'wallet', name: 'Wallet' },
  { code: 'bank_debit', name: 'Bank debit' },
  { code: 'bank_redirect', name: 'Bank redirect' },
  { code: 'bank_transfer', name: 'Bank transfer' },
  { code: 'real_time_payment', name: 'Real-time payment' },
  { code: 'bnpl', name: 'Buy now, pay later' },
  { code: 'voucher', name: 'Cash voucher' },
];

export interface PaymentMethod extends DomainEntry {
  /** A code of PAYMENT_METHOD_TYPES. */
  type: string;
}

/** Payment methods as lower-case codes, the same vocabulary processors list in `payment_methods`. */
export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  { code: 'card', name: 'Card', type: 'card' },
  { code: 'apple_pay', name: 'Apple Pay', type: 'wallet' },
  { code: 'google_pay', name: 'Google Pay', type: 'wallet' },
  { code: 'samsung_pay', name: 'Samsung Pay', type: 'wallet' },
  { code: 'paypal', name: 'PayPal', type: 'wallet' },
  { code: 'venmo', name: 'Venmo', type: 'wallet' },
  { code: 'cash_app', name: 'Cash App Pay', type: 'wallet' },
  { code: 'alipay', name: 'Alipay', type: 'wallet' },
  { code: 'wechat_pay', name: 'WeChat Pay', type: 'wallet' },
  { code: 'grabpay', name: 'GrabPay', type: 'wallet' },
  { code: 'mobilepay', name: 'MobilePay', type: 'wallet' },
  { code: 'vipps', name: 'Vipps', type: 'wallet' },
  { code: 'mb_way', name: 'MB WAY', type: 'wallet' },
  { code: 'twint', name: 'TWINT', type: 'wallet' },
  { code: 'sepa_debit', name: 'SEPA Direct Debit', type: 'bank_debit' },
  { code: 'ach_debit', name: 'ACH Direct Debit', type: 'bank_debit' },
  { code: 'bacs_debit', name: 'Bacs Direct Debit', type: 'bank_debit' },
  { code: 'becs_debit', name: 'BECS Direct Debit', type: 'bank_debit' },
  { code: 'ideal', name: 'iDEAL', type: 'bank_redirect' },
  { code: 'bancontact', name: 'Bancontact', type: 'bank_redirect' },
  { code: 'eps', name: 'EPS', type: 'bank_redirect' },
  { code: 'p24', name: 'Przelewy24', type: 'bank_redirect' },
  { code: 'blik', name: 'BLIK', type: 'bank_redirect' },
  { code: 'trustly', name: 'Trustly', type: 'bank_redirect' },
  { code: 'sofort', name: 'Sofort', type: 'bank_redirect' },
  { code: 'bank_transfer', name: 'Bank transfer', type: 'bank_transfer' },
  { code: 'pix', name: 'Pix', type: 'real_time_payment' },
  { code: 'upi', name: 'UPI', type: 'real_time_payment' },
  { code: 'paynow', name: 'PayNow', type: 'real_time_payment' },
  { code: 'promptpay', name: 'PromptPay', type: 'real_time_payment' },
  { code: 'swish', name: 'Swish', type: 'real_time_payment' },
  { code: 'klarna', name: 'Klarna', type: 'bnpl' },
  { code: 'afterpay', name: 'Afterpay / Clearpay', type: 'bnpl' },
  { code: 'affirm', name: 'Affirm', type: 'bnpl' },
  { code: 'boleto', name: 'Boleto', type: 'voucher' },
  { code: 'oxxo', name: 'OXXO', type: 'voucher' },
  { code: 'konbini', name: 'Konbini', type: 'voucher' },
];
