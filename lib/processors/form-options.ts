import { COUNTRIES, CURRENCIES, PAYMENT_METHODS } from '@/lib/catalog/domains';

/** The pickers' domains, trimmed to what the form needs to send to the browser. */
export const processorFormOptions = {
  currencies: CURRENCIES.map((c) => ({ code: c.code, name: c.name })),
  countries: COUNTRIES.map((c) => ({ code: c.code, name: c.name })),
  paymentMethods: PAYMENT_METHODS.map((m) => ({ code: m.code, name: m.name })),
};
