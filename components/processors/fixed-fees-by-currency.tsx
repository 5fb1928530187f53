'use client';

import { useState } from 'react';
import type { CodeOption } from '@/lib/forms/code-search';

interface Row {
  currency: string;
  fixed: string;
}

/**
 * Fixed fees of their own per currency, one row each (currency and amount); currencies without a row
 * pay the default fixed fee. Submitted as repeated `fee_currency` / `fee_currency_fixed` pairs.
 */
export function FixedFeesByCurrency({ initial, currencies, errors }: { initial: Row[]; currencies: readonly CodeOption[]; errors: Record<string, string[]> }) {
  const [rows, setRows] = useState<Row[]>(initial);
  const update = (index: number, change: Partial<Row>) => setRows(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  const general = errors['fees.fixed_by_currency'];
  return (
    <fieldset className="fee-currencies" data-testid="fixed-fees-by-currency">
      <legend>Fixed fee per currency</legend>
      <small className="hint">Processors often charge a different fixed fee in each currency; the rest pay the default above.</small>
      {rows.map((row, i) => {
        const rowErrors = errors[`fees.fixed_by_currency.${row.currency}`];
        return (
          <div className="fee-currency-row" key={i}>
            <select aria-label={`Currency ${i + 1}`} name="fee_currency" value={row.currency} onChange={(e) => update(i, { currency: e.target.value })}>
              <option value="">Currency…</option>
              {currencies.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} · {c.name}
                </option>
              ))}
            </select>
            <input aria-label={`Fixed fee in ${row.currency || `currency ${i + 1}`}`} name="fee_currency_fixed" type="number" step="0.01" min="0" value={row.fixed} onChange={(e) => update(i, { fixed: e.target.value })} />
            <button type="button" className="button small" onClick={() => setRows(rows.filter((_, j) => j !== i))} aria-label={`Remove the fee in ${row.currency || `currency ${i + 1}`}`}>
              Remove
            </button>
            {rowErrors && (
              <small className="field-error" role="alert">
                {rowErrors.join('; ')}
              </small>
            )}
          </div>
        );
      })}
      {general && (
        <small className="field-error" role="alert">
          {general.join('; ')}
        </small>
      )}
      <div>
        <button type="button" className="button small" onClick={() => setRows([...rows, { currency: '', fixed: '' }])}>
          Add a currency
        </button>
      </div>
    </fieldset>
  );
}
