import type { Operator } from '../scheme/schema';

/**
 * The attribute catalog's shape. Catalog entries are data:
 * the compiler and evaluator read them; nothing here is code per attribute.
 */
export type AttributeType =
  | 'number'      // amounts, scores: finite numbers
  | 'integer'     // whole numbers: hour of day, MCC as number
  | 'string'      // free text
  | 'enum'        // one of `domain`
  | 'country'     // ISO 3166-1 alpha-2, normalised upper-case
  | 'currency'    // ISO 4217, normalised upper-case
  | 'boolean'
  | 'string_list'; // a list of strings (contains = membership)

export type Normalisation = 'upper' | 'lower' | 'none';

/** Values computed from the transaction rather than read from it. */
export type Derivation = { from: 'created_at'; part: 'hour' | 'weekday' };

export interface AttributeSpec {
  /** Dotted path into the transaction, e.g. "card.issuer_country"; for derived attributes a name. */
  name: string;
  type: AttributeType;
  label: string;
  description: string;
  /** UI grouping: "Payment", "Card", "Customer", ... */
  group: string;
  operators: readonly Operator[];
  /** Allowed values for enum / country / currency (already normalised). */
  domain?: readonly string[];
  /** The same values with human names, in display order, for pickers. */
  values?: readonly { code: string; name: string }[];
  /** A shape that eq / neq / in / not_in values must have (e.g. a 6-digit BIN); checked at compile time. */
  pattern?: { regex: string; hint: string };
  min?: number;
  max?: number;
  normalise: Normalisation;
  derived?: Derivation;
  example: unknown;
  /** True for operator-defined attributes. */
  custom?: boolean;
}

/** An attribute ops staff define without code. */
export interface CustomAttributeDefinition {
  name: string;
  type: AttributeType;
  label?: string;
  description?: string;
  domain?: string[];
}

export interface Catalog {
  /** The spec for a path; `metadata.<key>` resolves to a string attribute for any key. */
  get(name: string): AttributeSpec | undefined;
  list(): readonly AttributeSpec[];
}
