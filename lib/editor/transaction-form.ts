/**
 * The dry run's quick form: the fields most schemes route on, read from and written into the
 * transaction JSON, so the form and the text are one input.
 */
export const FORM_FIELDS = [
  { path: ['amount'], label: 'Amount', kind: 'number' },
  { path: ['currency'], label: 'Currency', kind: 'text' },
  { path: ['payment_method'], label: 'Payment method', kind: 'text' },
  { path: ['card', 'issuer_country'], label: 'Card issuer country', kind: 'text' },
  { path: ['card', 'brand'], label: 'Card brand', kind: 'text' },
  { path: ['customer', 'country'], label: 'Customer country', kind: 'text' },
] as const;

export type FormField = (typeof FORM_FIELDS)[number];

export function readField(tx: Record<string, unknown>, path: readonly string[]): string {
  let at: unknown = tx;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return '';
    at = (at as Record<string, unknown>)[key];
  }
  return at === undefined || at === null ? '' : typeof at === 'object' ? JSON.stringify(at) : String(at);
}

/** The transaction with one field set (an empty input removes it; a number field keeps text that is not a number as text). */
export function writeField(tx: Record<string, unknown>, field: FormField, input: string): Record<string, unknown> {
  const value: unknown = input === '' ? undefined : field.kind === 'number' && Number.isFinite(Number(input)) ? Number(input) : input;
  return setPath(tx, field.path, value);
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return obj;
  const next = { ...obj };
  if (rest.length === 0) {
    if (value === undefined) delete next[head];
    else next[head] = value;
    return next;
  }
  const child = next[head];
  next[head] = setPath(child !== null && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {}, rest, value);
  return next;
}
