import { describe, expect, it } from 'vitest';
import { processorFromForm } from './form';

const formOf = (pairs: [string, string][]) => {
  const form = new FormData();
  for (const [k, v] of pairs) form.append(k, v);
  return form;
};

describe('processorFromForm fees', () => {
  it('reads per-currency fixed fees beside the default, dropping empty rows', () => {
    const form = formOf([['fee_percent', '1.4'], ['fee_fixed', '0.25'], ['fee_currency', 'usd'], ['fee_currency_fixed', '0.3'], ['fee_currency', ''], ['fee_currency_fixed', '']]);
    expect(processorFromForm(form).fees).toEqual({ percent: 1.4, fixed: 0.25, fixed_by_currency: { USD: 0.3 } });
  });

  it('has no per-currency fees without rows', () => {
    expect(processorFromForm(formOf([['fee_fixed', '1']])).fees).toEqual({ percent: 0, fixed: 1 });
  });
});
