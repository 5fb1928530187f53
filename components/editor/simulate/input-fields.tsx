'use client';

import { formatLimit, formatOfFile, type InputForm } from '@/lib/editor/simulation-form';
import { SEGMENT_DIMENSIONS, SEGMENT_LABELS, type SegmentDimension } from '@/lib/traffic/segments';

const SOURCES = { synthetic: 'Synthetic traffic', file: 'Upload a file', recorded: 'Recorded traffic' } as const;

/** What to simulate: generated traffic (count, seed, mixes), an uploaded CSV / JSON lines file, or the traffic the decision log recorded. */
export function InputFields({ form, onChange, file, onFile, maxUploadBytes, idPrefix }: {
  form: InputForm;
  onChange: (next: InputForm) => void;
  file: File | null;
  onFile: (file: File | null) => void;
  maxUploadBytes: number;
  idPrefix: string;
}) {
  const set = <K extends keyof InputForm>(key: K, value: InputForm[K]) => onChange({ ...form, [key]: value });
  const text = (key: keyof InputForm, label: string, placeholder = '') => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${key}`}>{label}</label>
      <input id={`${idPrefix}-${key}`} value={form[key]} placeholder={placeholder} onChange={(e) => set(key, e.target.value as never)} />
    </div>
  );
  return (
    <fieldset className="sy-sim-fields">
      <legend>Input</legend>
      <div className="sy-row" role="radiogroup" aria-label="Input">
        {(['synthetic', 'file', 'recorded'] as const).map((source) => (
          <label key={source} className="sy-radio">
            <input type="radio" name={`${idPrefix}-source`} checked={form.source === source} onChange={() => set('source', source)} />
            {SOURCES[source]}
          </label>
        ))}
      </div>
      {form.source === 'recorded' ? (
        <>
          <div className="sy-sim-grid">
            {text('days', 'Last days')}
            <div className="field">
              <label htmlFor={`${idPrefix}-estimate-by`}>Observed approval per processor and</label>
              <select id={`${idPrefix}-estimate-by`} value={form.estimate_by} onChange={(e) => set('estimate_by', e.target.value as SegmentDimension)}>
                {SEGMENT_DIMENSIONS.map((d) => <option key={d} value={d}>{SEGMENT_LABELS[d].toLowerCase()}</option>)}
              </select>
            </div>
          </div>
          <details>
            <summary>Only one segment (blank: all recorded traffic)</summary>
            <div className="sy-sim-grid">
              {SEGMENT_DIMENSIONS.map((d) => <span key={d}>{text(`segment_${d}`, SEGMENT_LABELS[d])}</span>)}
            </div>
          </details>
        </>
      ) : form.source === 'synthetic' ? (
        <>
          <div className="sy-sim-grid">
            {text('count', 'Payments')}
            {text('seed', 'Seed')}
          </div>
          <details>
            <summary>Traffic mix (blank keeps the defaults)</summary>
            {text('currencies', 'Currencies', 'EUR 45, USD 35, GBP 15')}
            {text('countries', 'Countries', 'DE 18, FR 14, US 16')}
            {text('card_brands', 'Card brands', 'visa 55, mastercard 35')}
            {text('payment_methods', 'Payment methods', 'card 70, apple_pay 10')}
            <div className="sy-sim-grid">
              {text('mit_percent', 'MIT %', '15')}
              {text('amount_median', 'Median amount', '45')}
              {text('amount_min', 'Min amount', '0.5')}
              {text('amount_max', 'Max amount', '5000')}
            </div>
          </details>
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${idPrefix}-file`}>CSV (dotted-path headers) or JSON lines, at most {formatLimit(maxUploadBytes)}</label>
            <input
              id={`${idPrefix}-file`}
              type="file"
              accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
              onChange={(e) => {
                const chosen = e.target.files?.[0] ?? null;
                onFile(chosen);
                if (chosen) set('format', formatOfFile(chosen.name));
              }}
            />
            {file && <span className="muted">{file.name}, {formatLimit(file.size)}</span>}
          </div>
          <div className="sy-sim-grid">
            <div className="field">
              <label htmlFor={`${idPrefix}-format`}>Format</label>
              <select id={`${idPrefix}-format`} value={form.format} onChange={(e) => set('format', e.target.value as InputForm['format'])}>
                <option value="csv">CSV</option>
                <option value="jsonl">JSON lines</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-seed`}>Seed</label>
              <input id={`${idPrefix}-seed`} value={form.seed} onChange={(e) => set('seed', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${idPrefix}-on-error`}>Bad rows</label>
              <select id={`${idPrefix}-on-error`} value={form.on_error} onChange={(e) => set('on_error', e.target.value as InputForm['on_error'])}>
                <option value="skip">Skip and count them</option>
                <option value="stop">Stop at the first</option>
              </select>
            </div>
          </div>
        </>
      )}
    </fieldset>
  );
}
