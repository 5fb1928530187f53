'use client';

import { useActionState, useState } from 'react';
import Link from 'next/link';
import { Field, RequiredLegend } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { CodeListInput, type CodeOption } from '@/components/ui/code-list-input';
import { formKey, idleForm, listFieldErrors, type FormState } from '@/lib/forms/form-state';
import { processorIdFromName } from '@/lib/processors/id-from-name';
import { PROCESSOR_STATUSES, type Fees, type ProcessorStatus } from '@/lib/processors/schema';
import { FixedFeesByCurrency } from './fixed-fees-by-currency';

export interface ProcessorFormValues {
  id: string;
  name: string;
  provider: string;
  status: string;
  currencies: string[];
  payment_methods: string[];
  countries: string[];
  approval_rate: number;
  fees: Fees;
}

export interface ProcessorFormOptions {
  currencies: readonly CodeOption[];
  countries: readonly CodeOption[];
  paymentMethods: readonly CodeOption[];
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : value ? [String(value)] : []);

/** Register or edit a processor; errors appear on the fields, and nothing typed is lost on a refusal. */
export function ProcessorForm({ action, initial, options, mode, statusEffects }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  initial: ProcessorFormValues;
  options: ProcessorFormOptions;
  mode: 'create' | 'edit';
  /** What each status would change for payments (edit only), shown when the status is changed. */
  statusEffects?: Record<ProcessorStatus, string[]>;
}) {
  const [state, formAction] = useActionState(action, idleForm);
  const [status, setStatus] = useState(String(state.values?.status ?? initial.status));
  const statusWarning = status !== initial.status && status !== 'active' ? (statusEffects?.[status as ProcessorStatus] ?? []) : [];
  const submitted = state.values;
  const value = (name: string, fallback: string | number) => String(submitted?.[name] ?? fallback);
  const lists = {
    currencies: submitted ? asList(submitted.currencies) : initial.currencies,
    payment_methods: submitted ? asList(submitted.payment_methods) : initial.payment_methods,
    countries: submitted ? asList(submitted.countries) : initial.countries,
  };
  const errors = (key: string) => state.fieldErrors?.[key];
  // Remount the list pickers when a refused submission comes back, so they show what was sent.
  const pickerKey = JSON.stringify(lists);
  // On a new processor the id follows the name (proc_<slug>) until the id is typed in.
  const [id, setId] = useState(value('id', initial.id));
  const [idTyped, setIdTyped] = useState(id !== '');

  return (
    <form key={formKey(state)} action={formAction} className="form panel" noValidate>
      <FormMessage state={state} />
      <RequiredLegend />
      <div className="form-row">
        <Field label="Name" htmlFor="name" errors={errors('name')} required>
          <input
            id="name"
            name="name"
            defaultValue={value('name', initial.name)}
            aria-required
            onChange={(e) => {
              if (mode === 'create' && !idTyped) setId(processorIdFromName(e.target.value));
            }}
          />
        </Field>
        <Field label="Id" htmlFor="id" errors={errors('id')} required hint={mode === 'create' ? 'Made from the name; proc_ followed by a-z, 0-9, _' : 'Ids never change'}>
          <input
            id="id"
            name="id"
            value={id}
            aria-required
            readOnly={mode === 'edit'}
            placeholder="proc_acme_eu"
            onChange={(e) => {
              setId(e.target.value);
              setIdTyped(e.target.value !== '');
            }}
          />
        </Field>
        <Field label="Provider" htmlFor="provider" errors={errors('provider')} required>
          <input id="provider" name="provider" defaultValue={value('provider', initial.provider)} placeholder="adyen, stripe, …" aria-required />
        </Field>
        <Field label="Status" htmlFor="status" errors={errors('status')} required>
          <select id="status" name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            {PROCESSOR_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {statusWarning.length > 0 && (
        <div className="notice notice-warn" role="status" data-testid="status-warning">
          <strong>Setting {initial.name} to {status} changes routing:</strong>
          <ul className="effects">
            {statusWarning.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </ul>
        </div>
      )}
      <Field label="Currencies" htmlFor="currencies" errors={listFieldErrors(state, 'currencies', lists.currencies)} hint="Empty means every currency">
        <CodeListInput key={`c${pickerKey}`} id="currencies" name="currencies" options={options.currencies} defaultValue={lists.currencies} placeholder="EUR, USD… (empty = all)" upperCase />
      </Field>
      <Field label="Payment methods" htmlFor="payment_methods" errors={listFieldErrors(state, 'payment_methods', lists.payment_methods)} hint="Empty means every method">
        <CodeListInput key={`m${pickerKey}`} id="payment_methods" name="payment_methods" options={options.paymentMethods} defaultValue={lists.payment_methods} placeholder="card, apple_pay… (empty = all)" />
      </Field>
      <Field label="Countries" htmlFor="countries" errors={listFieldErrors(state, 'countries', lists.countries)} hint="Card issuing country, else customer country; empty means every country">
        <CodeListInput key={`k${pickerKey}`} id="countries" name="countries" options={options.countries} defaultValue={lists.countries} placeholder="DE, FR… (empty = all)" upperCase />
      </Field>
      <div className="form-row">
        <Field label="Approval rate (%)" htmlFor="approval_rate" errors={errors('approval_rate')} hint="Used by simulations">
          <input id="approval_rate" name="approval_rate" type="number" step="0.1" min="0" max="100" defaultValue={value('approval_rate', Math.round(initial.approval_rate * 1000) / 10)} />
        </Field>
        <Field label="Fee (%)" htmlFor="fee_percent" errors={errors('fees.percent')}>
          <input id="fee_percent" name="fee_percent" type="number" step="0.01" min="0" defaultValue={value('fee_percent', initial.fees.percent)} />
        </Field>
        <Field label="Fixed fee" htmlFor="fee_fixed" errors={errors('fees.fixed')} hint="In the payment's currency, for currencies without their own">
          <input id="fee_fixed" name="fee_fixed" type="number" step="0.01" min="0" defaultValue={value('fee_fixed', initial.fees.fixed)} />
        </Field>
      </div>
      <FixedFeesByCurrency
        key={`f${formKey(state)}`}
        initial={submitted ? feeRowsFromSubmitted(submitted) : Object.entries(initial.fees.fixed_by_currency ?? {}).map(([currency, fixed]) => ({ currency, fixed: String(fixed) }))}
        currencies={options.currencies}
        errors={state.fieldErrors ?? {}}
      />
      <div>
        <SubmitButton>{mode === 'create' ? 'Register processor' : 'Save changes'}</SubmitButton>{' '}
        <Link href="/processors" className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** The per-currency fee rows of a refused submission, as typed. */
function feeRowsFromSubmitted(submitted: Record<string, unknown>): { currency: string; fixed: string }[] {
  const currencies = asList(submitted.fee_currency);
  const amounts = asList(submitted.fee_currency_fixed);
  return currencies.map((currency, i) => ({ currency, fixed: amounts[i] ?? '' }));
}
