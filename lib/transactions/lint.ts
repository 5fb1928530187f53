import type { AttributeSpec, AttributeType, Catalog } from '../catalog/types';
import { METADATA_PREFIX } from '../catalog/builtin';
import { normaliseString } from '../catalog/operators';
import { closest } from '../engine/check/suggest';
import { createdAtProblem } from './created-at';

/**
 * Warnings about a transaction as the rules will read it: fields no rule can name (with a "did you
 * mean"), values of the wrong JSON type, codes outside an attribute's domain, and a created_at that is
 * not accepted. Advice only: a decision never depends on these, and every warned value simply reads as
 * missing (or, for an unknown field, is never read).
 */

export const TRANSACTION_WARNING_CODES = ['unknown_field', 'wrong_type', 'not_in_domain', 'invalid_created_at'] as const;
export type TransactionWarningCode = (typeof TRANSACTION_WARNING_CODES)[number];

export interface TransactionWarning {
  /** Where in the transaction, e.g. ["card", "brnad"] or ["tags", 2]. */
  path: (string | number)[];
  code: TransactionWarningCode;
  /** One or two sentences for ops staff. */
  message: string;
  /** What to write instead: a field path, a code, or a JSON value. */
  suggestion?: string;
}

/** A node of the transaction's known shape: an object with known keys, an attribute, or both. */
interface Field {
  readonly children: Map<string, Field>;
  spec?: AttributeSpec;
  /** The spec's domain as a set: a clean payment's codes are checked without scanning a list. */
  domain?: ReadonlySet<string>;
  /** Keys not checked by name: metadata.<key> (each read through the catalog as it would be). */
  free?: boolean;
}

/** The transaction fields that are not catalog attributes. */
const ID = 'id';
const CREATED_AT = 'created_at';
const METADATA = METADATA_PREFIX.slice(0, -1);

/** Codes people commonly send instead of the ISO one. */
const COMMON_MISTAKES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };

/**
 * Used on every decide, so a clean payment costs one pass over its keys and nothing else: the shape of
 * the catalog is built once per catalog, the path is one stack, and each warning copies it only when
 * there is something to say.
 */
export function lintTransaction(tx: unknown, catalog: Catalog): TransactionWarning[] {
  const warnings: TransactionWarning[] = [];
  if (!isObject(tx)) {
    warnings.push({ path: [], code: 'wrong_type', message: `A transaction is a JSON object, not ${describe(tx)}.` });
    return warnings;
  }
  const shape = shapeOf(catalog);
  walk(tx, shape.root, [], warnings, shape, catalog);
  return warnings;
}

interface Shape {
  readonly root: Field;
  /** Every attribute path a transaction can carry, for suggestions across levels. */
  readonly paths: readonly string[];
  /** Derived attributes (time_of_day, weekday): worked out, never read from the transaction. */
  readonly derived: ReadonlySet<string>;
}

const shapes = new WeakMap<Catalog, Shape>();

function shapeOf(catalog: Catalog): Shape {
  const cached = shapes.get(catalog);
  if (cached !== undefined) return cached;
  const root: Field = { children: new Map() };
  const paths: string[] = [ID, CREATED_AT];
  const derived = new Set<string>();
  root.children.set(ID, { children: new Map() });
  root.children.set(CREATED_AT, { children: new Map() });
  root.children.set(METADATA, { children: new Map(), free: true });
  for (const spec of catalog.list()) {
    if (spec.derived) {
      derived.add(spec.name);
      continue;
    }
    let field = root;
    for (const segment of spec.name.split('.')) {
      let child = field.children.get(segment);
      if (child === undefined) field.children.set(segment, (child = { children: new Map() }));
      field = child;
    }
    if (!spec.name.startsWith(METADATA_PREFIX)) {
      field.spec = spec;
      if (spec.domain !== undefined) field.domain = new Set(spec.domain);
    }
    paths.push(spec.name);
  }
  const shape = { root, paths, derived };
  shapes.set(catalog, shape);
  return shape;
}

function walk(
  value: Record<string, unknown>,
  field: Field,
  path: (string | number)[],
  warnings: TransactionWarning[],
  shape: Shape,
  catalog: Catalog,
): void {
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const child = value[key];
    path.push(key);
    if (field.free) {
      const spec = catalog.get(`${METADATA_PREFIX}${key}`);
      if (spec !== undefined) checkValue(child, spec, undefined, path, warnings);
    } else {
      const known = field.children.get(key);
      if (known === undefined) warnings.push(unknownField(path.slice() as string[], field, shape));
      else if (path.length === 1 && key === CREATED_AT) checkCreatedAt(child, warnings);
      else if (path.length === 1 && key === ID) checkId(child, warnings);
      else if (known.children.size > 0 || known.free) {
        if (isObject(child)) walk(child, known, path, warnings, shape, catalog);
        else if (known.spec !== undefined) checkValue(child, known.spec, known.domain, path, warnings);
        else if (child !== null && child !== undefined) warnings.push(notAnObject(path.slice() as string[], known, child));
      } else if (known.spec !== undefined) {
        checkValue(child, known.spec, known.domain, path, warnings);
      }
    }
    path.pop();
  }
}

function unknownField(at: string[], parent: Field, shape: Shape): TransactionWarning {
  const name = at.join('.');
  const key = at[at.length - 1]!;
  const here = at.slice(0, -1);
  if (here.length === 0 && shape.derived.has(key)) {
    return {
      path: at, code: 'unknown_field',
      message: `"${key}" is worked out from created_at in the account's time zone; the value sent here is ignored.`,
      suggestion: CREATED_AT,
    };
  }
  if (key.includes('.') && shape.paths.includes(name)) {
    const nested = name.split('.').reduceRight((inner, segment) => `{"${segment}": ${inner}}`, '…');
    return {
      path: at, code: 'unknown_field',
      message: `"${key}" is a single key with a dot in it, so no rule reads it. Nest it instead: ${nested}.`,
      suggestion: name,
    };
  }
  const prefix = here.length > 0 ? `${here.join('.')}.` : '';
  const sibling = closest(key, parent.children.keys());
  const suggestion = sibling !== undefined
    ? `${prefix}${sibling}`
    : uniquePathEndingIn(key, shape.paths) ?? closest(name, shape.paths);
  const message = `"${name}" is not a field the rules know, so it is ignored.`;
  return suggestion === undefined
    ? { path: at, code: 'unknown_field', message }
    : { path: at, code: 'unknown_field', message: `${message} Did you mean "${suggestion}"?`, suggestion };
}

/** `brand` → `card.brand`: the one known path whose last segment is `key`, if exactly one. */
function uniquePathEndingIn(key: string, paths: readonly string[]): string | undefined {
  const matches = paths.filter((p) => p.endsWith(`.${key}`));
  return matches.length === 1 ? matches[0] : undefined;
}

function notAnObject(at: string[], field: Field, value: unknown): TransactionWarning {
  const keys = [...field.children.keys()];
  const some = keys.slice(0, 4).join(', ') + (keys.length > 4 ? ', …' : '');
  return {
    path: at, code: 'wrong_type',
    message: `${at.join('.')} should be an object (with ${some}), not ${describe(value)}; rules on its fields treat them as missing.`,
  };
}

function checkCreatedAt(value: unknown, warnings: TransactionWarning[]): void {
  const problem = createdAtProblem(value);
  if (problem === null) return;
  const wrongType = typeof value !== 'string' && typeof value !== 'number';
  warnings.push({
    path: [CREATED_AT],
    code: wrongType ? 'wrong_type' : 'invalid_created_at',
    message: `${problem} Rules on time_of_day and weekday treat it as missing.`,
  });
}

function checkId(value: unknown, warnings: TransactionWarning[]): void {
  if (value === undefined || value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return;
  warnings.push({
    path: [ID], code: 'wrong_type',
    message: `id should be text, not ${describe(value)}; weight and random strategies then pick as for a transaction without an id.`,
  });
}

const TYPE_NAMES: Readonly<Record<AttributeType, string>> = {
  number: 'a number', integer: 'a whole number', string: 'text', enum: 'text', country: 'text', currency: 'text',
  boolean: 'true or false', string_list: 'a list of texts',
};

/** `at` is the walk's path stack: read it, copy it into a warning, never keep it. */
function checkValue(value: unknown, spec: AttributeSpec, domain: ReadonlySet<string> | undefined, at: (string | number)[], warnings: TransactionWarning[]): void {
  if (value === undefined || value === null) return;
  if (!hasType(value, spec.type)) {
    const suggestion = converted(value, spec.type);
    warnings.push({
      path: at.slice(), code: 'wrong_type',
      message: `${at.join('.')} should be ${TYPE_NAMES[spec.type]}, not ${describe(value)}; rules on ${spec.name} treat it as missing.`,
      ...(suggestion === undefined ? {} : { suggestion }),
    });
    return;
  }
  if (spec.type === 'string_list') {
    (value as unknown[]).forEach((item, i) => {
      if (typeof item !== 'string') {
        const name = at.join('.');
        warnings.push({
          path: [...at, i], code: 'wrong_type',
          message: `${name}[${i}] should be text, not ${describe(item)}; rules on ${spec.name} skip it.`,
        });
      }
    });
    return;
  }
  // An empty code means "none" (an empty issuing country falls back to the customer's), not a bad one.
  if (spec.domain === undefined || typeof value !== 'string' || value === '') return;
  if ((domain ?? new Set(spec.domain)).has(normaliseString(value, spec.normalise))) return;
  warnings.push(notInDomain(value, spec, at.slice()));
}

function notInDomain(value: string, spec: AttributeSpec, at: (string | number)[]): TransactionWarning {
  const code = normaliseString(value, spec.normalise);
  const domain = spec.domain!;
  const byName = spec.values?.find((v) => v.name.toLowerCase() === value.trim().toLowerCase())?.code;
  const suggestion = COMMON_MISTAKES[code] ?? byName ?? (code.length > 3 ? closest(code, domain) : undefined);
  const what = spec.type === 'country'
    ? 'an ISO 3166-1 country code'
    : spec.type === 'currency'
      ? 'an ISO 4217 currency code'
      : `one of the values of ${spec.name} (${domain.slice(0, 8).join(', ')}${domain.length > 8 ? ', …' : ''})`;
  const message = `${at.join('.')} "${value}" is not ${what}, so it never equals a value a rule names.`;
  return {
    path: at, code: 'not_in_domain',
    message: suggestion === undefined ? message : `${message} Did you mean "${suggestion}"?`,
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

function hasType(value: unknown, type: AttributeType): boolean {
  switch (type) {
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'integer': return Number.isInteger(value);
    case 'boolean': return typeof value === 'boolean';
    case 'string_list': return Array.isArray(value);
    default: return typeof value === 'string';
  }
}

/** The value as the type wants it, as JSON, when the intent is plain ("250" → 250, "true" → true). */
function converted(value: unknown, type: AttributeType): string | undefined {
  if ((type === 'number' || type === 'integer') && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) {
    const n = Number(value.trim());
    return type === 'number' || Number.isInteger(n) ? JSON.stringify(n) : undefined;
  }
  if (type === 'boolean' && typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase();
  if (type !== 'number' && type !== 'integer' && type !== 'boolean' && type !== 'string_list' && typeof value === 'number' && Number.isFinite(value)) {
    return JSON.stringify(String(value));
  }
  if (type === 'string_list' && typeof value === 'string') return JSON.stringify([value]);
  return undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
