import { COUNTRIES, CURRENCIES, PAYMENT_METHODS } from '@/lib/catalog/domains';
import { withOtherNames } from '@/lib/forms/other-names';

/** The pickers' domains with the other names they are searched by, trimmed to what the form sends to the browser. */
export const processorFormOptions = {
  currencies: withOtherNames(CURRENCIES.map((c) => ({ code: c.code, name: c.name }))),
  countries: withOtherNames(COUNTRIES.map((c) => ({ code: c.code, name: c.name }))),
  paymentMethods: withOtherNames(PAYMENT_METHODS.map((m) => ({ code: m.code, name: m.name }))),
};
