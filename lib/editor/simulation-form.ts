/**
 * The Simulate tab's input form as plain data, and how it becomes a run request: share tables are
 * typed as "EUR 45, USD 35"; empty fields keep the traffic defaults.
 */
import { MAX_RECORDED_DAYS, type RunInput, type SyntheticMix } from '../simulation/run-request';
import { SEGMENT_DIMENSIONS, type SegmentDimension } from '../traffic/segments';

export interface InputForm {
  source: 'synthetic' | 'file' | 'recorded';
  count: string;
  seed: string;
  currencies: string;
  countries: string;
  card_brands: string;
  payment_methods: string;
  /** Percent of merchant-initiated payments. */
  mit_percent: string;
  amount_median: string;
  amount_min: string;
  amount_max: string;
  format: 'csv' | 'jsonl';
  on_error: 'skip' | 'stop';
  /** Recorded traffic: the last this many days, of this segment (blank: all), estimated per this segment. */
  days: string;
  segment_currency: string;
  segment_card_country: string;
  segment_card_brand: string;
  segment_payment_method: string;
  estimate_by: SegmentDimension;
}

export const DEFAULT_INPUT_FORM: InputForm = {
  source: 'synthetic', count: '10000', seed: '1', currencies: '', countries: '', card_brands: '', payment_methods: '',
  mit_percent: '', amount_median: '', amount_min: '', amount_max: '', format: 'csv', on_error: 'skip',
  days: '7', segment_currency: '', segment_card_country: '', segment_card_brand: '', segment_payment_method: '', estimate_by: 'card_country',
};

export type BuiltInput = { ok: true; input: RunInput; seed: number; on_error: 'skip' | 'stop' } | { ok: false; field: keyof InputForm | 'file'; message: string };

/** "EUR 45, USD 35" → { EUR: 45, USD: 35 }; empty → undefined. */
export function parseShares(text: string): Record<string, number> | undefined | string {
  if (text.trim() === '') return undefined;
  const out: Record<string, number> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([A-Za-z_]{2,40})\s*[:= ]\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!match) return `"${part.trim()}" is not a code and a weight, like "EUR 45"`;
    out[match[1]!] = Number(match[2]);
  }
  return out;
}

/** Format from the file name: .csv is CSV, anything else (.jsonl, .ndjson, .json) JSON lines. */
export const formatOfFile = (name: string): 'csv' | 'jsonl' => (/\.csv$/i.test(name) ? 'csv' : 'jsonl');

export function formatLimit(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}

export function buildInput(form: InputForm, file: { name: string; size: number } | null, maxUploadBytes: number): BuiltInput {
  const seed = Number(form.seed.trim() === '' ? '1' : form.seed);
  if (!Number.isInteger(seed)) return { ok: false, field: 'seed', message: 'The seed is a whole number.' };
  if (form.source === 'file') {
    if (file === null) return { ok: false, field: 'file', message: 'Choose a CSV or JSON lines file.' };
    if (file.size > maxUploadBytes) {
      return { ok: false, field: 'file', message: `${file.name} is ${formatLimit(file.size)}; the limit is ${formatLimit(maxUploadBytes)}.` };
    }
    return { ok: true, input: { kind: 'file', format: form.format, file_name: file.name, size: file.size }, seed, on_error: form.on_error };
  }
  if (form.source === 'recorded') {
    const days = Number(form.days);
    if (!Number.isInteger(days) || days < 1 || days > MAX_RECORDED_DAYS) return { ok: false, field: 'days', message: `Between 1 and ${MAX_RECORDED_DAYS} days.` };
    const segment: Partial<Record<SegmentDimension, string>> = {};
    for (const dimension of SEGMENT_DIMENSIONS) {
      const value = form[`segment_${dimension}`].trim();
      if (value) segment[dimension] = value;
    }
    const input: RunInput = { kind: 'recorded', days, estimate_by: form.estimate_by, ...(Object.keys(segment).length > 0 ? { segment } : {}) };
    return { ok: true, input, seed, on_error: form.on_error };
  }
  const count = Number(form.count);
  if (!Number.isInteger(count) || count < 1 || count > 10_000_000) return { ok: false, field: 'count', message: 'Between 1 and 10,000,000 payments.' };
  const mix: SyntheticMix = {};
  for (const key of ['currencies', 'countries', 'card_brands', 'payment_methods'] as const) {
    const shares = parseShares(form[key]);
    if (typeof shares === 'string') return { ok: false, field: key, message: shares };
    if (shares) mix[key] = shares;
  }
  if (form.mit_percent.trim() !== '') {
    const mit = Number(form.mit_percent);
    if (!(mit >= 0 && mit <= 100)) return { ok: false, field: 'mit_percent', message: 'A percentage from 0 to 100.' };
    mix.mit_share = mit / 100;
  }
  const amounts = [form.amount_median, form.amount_min, form.amount_max];
  if (amounts.some((a) => a.trim() !== '')) {
    const [median, min, max] = amounts.map((a, i) => (a.trim() === '' ? [45, 0.5, 5000][i]! : Number(a)));
    if (!(median! > 0 && min! >= 0 && max! > 0 && min! <= max!)) return { ok: false, field: 'amount_median', message: 'Amounts: a positive median, and min ≤ max.' };
    mix.amount = { median: median!, spread: 1, min: min!, max: max! };
  }
  return { ok: true, input: { kind: 'synthetic', count, ...(Object.keys(mix).length > 0 ? { mix } : {}) }, seed, on_error: form.on_error };
}
