/**
 * The dry run's form: the fields most schemes route on, plus any catalog attribute the transaction
 * has or the user adds, each read from and written into the transaction JSON (the form and the text
 * are one input) and typed by the catalog.
 */
import type { AttributeSpec, Catalog } from '../catalog';

/** Always in the form, in this order. */
const QUICK_FIELDS = ['amount', 'currency', 'payment_method', 'card.issuer_country', 'card.brand', 'customer.country'];

/** Attributes a transaction can carry: derived ones (hour, weekday) come from `created_at`. */
const settable = (spec: AttributeSpec) => spec.derived === undefined;

/** The form's fields: the quick ones, then every other settable attribute the transaction has, in catalog order. */
export function formFields(catalog: Catalog, tx: Record<string, unknown>): AttributeSpec[] {
  const quick = QUICK_FIELDS.map((name) => catalog.get(name)).filter((s): s is AttributeSpec => s !== undefined);
  const present = catalog.list().filter((s) => settable(s) && !QUICK_FIELDS.includes(s.name) && readValue(tx, s.name) !== undefined);
  return [...quick, ...present];
}

/** Attributes the user can add to the form: settable and not shown yet. */
export function addableFields(catalog: Catalog, tx: Record<string, unknown>): AttributeSpec[] {
  const shown = new Set(formFields(catalog, tx).map((s) => s.name));
  return catalog.list().filter((s) => settable(s) && !shown.has(s.name));
}

/** Adds an attribute to the transaction with its catalog example, so it shows in the form ready to change. */
export function addField(tx: Record<string, unknown>, spec: AttributeSpec): Record<string, unknown> {
  return setPath(tx, spec.name.split('.'), spec.example);
}

/** A field's value as the form's text: lists comma-separated, objects as JSON. */
export function readField(tx: Record<string, unknown>, name: string): string {
  const at = readValue(tx, name);
  if (at === undefined || at === null) return '';
  if (Array.isArray(at)) return at.map(String).join(', ');
  return typeof at === 'object' ? JSON.stringify(at) : String(at);
}

/**
 * The transaction with one field set from the form's text, typed by the catalog: numbers as numbers,
 * true / false as booleans, lists split at commas. Text that is not of the type stays text, so the
 * dry run's warnings say what is wrong with it. An empty input removes the field.
 */
export function writeField(tx: Record<string, unknown>, spec: AttributeSpec, input: string): Record<string, unknown> {
  return setPath(tx, spec.name.split('.'), input === '' ? undefined : typedValue(spec, input));
}

function typedValue(spec: AttributeSpec, input: string): unknown {
  switch (spec.type) {
    case 'number':
    case 'integer':
      return input.trim() !== '' && Number.isFinite(Number(input)) ? Number(input) : input;
    case 'boolean':
      return input === 'true' ? true : input === 'false' ? false : input;
    case 'string_list':
      return input.split(',').map((s) => s.trim()).filter((s) => s !== '');
    default:
      return input;
  }
}

function readValue(tx: Record<string, unknown>, name: string): unknown {
  let at: unknown = tx;
  for (const key of name.split('.')) {
    if (at === null || typeof at !== 'object' || Array.isArray(at)) return undefined;
    at = Object.hasOwn(at, key) ? (at as Record<string, unknown>)[key] : undefined;
  }
  return at;
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
