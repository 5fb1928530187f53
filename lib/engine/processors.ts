import type { Processor, ProcessorSet, SkippedProcessor } from './types';
import { toLower, toUpper } from './plan/normalise';
import { ownProperty } from './plan/read';
import { createdAtMs } from '../transactions/created-at';

/**
 * Processor eligibility. A processor is eligible when it is `active` and supports the
 * transaction's currency, payment method and country (card.issuer_country, else customer.country).
 * An empty list on the processor means "all". When the processor restricts a field and the transaction
 * does not carry it (absent, null, not a string, or ""), the processor is skipped: a restriction can
 * only be satisfied by a value we can check.
 */

export type IneligibleReason = SkippedProcessor['reason'];

/** One processor with its lists as Sets of normalised codes (null = no restriction). */
export interface EligibilityEntry {
  readonly id: string;
  readonly processor: Processor;
  readonly active: boolean;
  readonly currencies: ReadonlySet<string> | null;
  readonly methods: ReadonlySet<string> | null;
  readonly countries: ReadonlySet<string> | null;
  /** Milliseconds of created_at, read like a transaction's (NaN, sorted as oldest, when not accepted), for the routing modes. */
  readonly createdAt: number;
  /** Its bit in the set's EligibilityMasks. */
  readonly position: number;
}

export interface ProcessorIndex {
  readonly entries: ReadonlyMap<string, EligibilityEntry>;
  /** Oldest first, ties in list order ("connection order"). */
  readonly byCreation: readonly EligibilityEntry[];
  readonly masks: EligibilityMasks;
}

/**
 * Eligibility of a whole set as bit words, for the hot path: bit `position` (word position >> 5) stands
 * for one processor. `eligibleMask` combines four of these per decision, so the leaf tests one bit per
 * processor instead of a Set lookup per restricted field. Same answer as `ineligibility(...) === null`.
 */
export interface EligibilityMasks {
  readonly words: number;
  readonly active: Int32Array;
  readonly currency: FieldMasks;
  readonly method: FieldMasks;
  readonly country: FieldMasks;
  /** Every bit set: a field no processor of the leaf restricts. */
  readonly all: Int32Array;
}

export interface FieldMasks {
  /** Processors that do not restrict the field: the mask when the transaction lacks it. */
  readonly unrestricted: Int32Array;
  /** Per normalised code: the processors that accept it (the unrestricted ones included). */
  readonly byCode: ReadonlyMap<string, Int32Array>;
  readonly normalise: (s: string) => string;
  /**
   * Raw transaction value → its mask, so a value seen before costs one lookup and no normalisation.
   * Bounded: short values only (codes are), cleared when full.
   */
  readonly seen: Map<string, Int32Array>;
}

const SEEN_LIMIT = 1024;
const SEEN_MAX_LENGTH = 16;

export interface IndexedProcessorSet extends ProcessorSet {
  readonly index: ProcessorIndex;
}

/** Indexes processors once; the first of duplicate ids wins. */
export function indexProcessors(list: readonly Processor[]): IndexedProcessorSet {
  const byId = new Map<string, Processor>();
  for (const processor of list) if (!byId.has(processor.id)) byId.set(processor.id, processor);
  return { byId, list: [...byId.values()], index: buildIndex(byId) };
}

function buildIndex(byId: ReadonlyMap<string, Processor>): ProcessorIndex {
  const entries = new Map<string, EligibilityEntry>();
  for (const [id, p] of byId) {
    const created = createdAtMs(p.created_at);
    entries.set(id, {
      id,
      processor: p,
      active: p.status === 'active',
      currencies: codeSet(p.currencies, toUpper),
      methods: codeSet(p.payment_methods, toLower),
      countries: codeSet(p.countries, toUpper),
      createdAt: created,
      position: entries.size,
    });
  }
  const byCreation = [...entries.values()]
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => creationKey(a.entry) - creationKey(b.entry) || a.order - b.order)
    .map(({ entry }) => entry);
  return { entries, byCreation, masks: buildMasks([...entries.values()]) };
}

function buildMasks(entries: readonly EligibilityEntry[]): EligibilityMasks {
  const words = Math.max(1, Math.ceil(entries.length / 32));
  const active = new Int32Array(words);
  for (const e of entries) if (e.active) setBit(active, e.position);
  return {
    words,
    active,
    currency: fieldMasks(entries, words, (e) => e.currencies, toUpper),
    method: fieldMasks(entries, words, (e) => e.methods, toLower),
    country: fieldMasks(entries, words, (e) => e.countries, toUpper),
    all: new Int32Array(words).fill(-1),
  };
}

function fieldMasks(
  entries: readonly EligibilityEntry[],
  words: number,
  codesOf: (e: EligibilityEntry) => ReadonlySet<string> | null,
  normalise: (s: string) => string,
): FieldMasks {
  const unrestricted = new Int32Array(words);
  for (const e of entries) if (codesOf(e) === null) setBit(unrestricted, e.position);
  const byCode = new Map<string, Int32Array>();
  for (const e of entries) {
    for (const code of codesOf(e) ?? []) {
      let mask = byCode.get(code);
      if (mask === undefined) byCode.set(code, (mask = unrestricted.slice()));
      setBit(mask, e.position);
    }
  }
  return { unrestricted, byCode, normalise, seen: new Map() };
}

function setBit(words: Int32Array, position: number): void {
  words[position >> 5]! |= 1 << (position & 31);
}

function creationKey(entry: EligibilityEntry): number {
  return Number.isNaN(entry.createdAt) ? -Infinity : entry.createdAt;
}

function codeSet(list: readonly string[] | undefined, normalise: (s: string) => string): ReadonlySet<string> | null {
  if (!Array.isArray(list) || list.length === 0) return null;
  return new Set(list.filter((code) => typeof code === 'string').map(normalise));
}

const indexes = new WeakMap<ProcessorSet, ProcessorIndex>();

/** The eligibility index of any ProcessorSet: the one indexProcessors built, or one built and cached now. */
export function processorIndexOf(set: ProcessorSet): ProcessorIndex {
  const own = (set as Partial<IndexedProcessorSet>).index;
  if (own !== undefined) return own;
  let index = indexes.get(set);
  if (index === undefined) {
    index = buildIndex(set.byId);
    indexes.set(set, index);
  }
  return index;
}

/** The transaction's fields that eligibility depends on, normalised; undefined when not usable. */
export interface PaymentFields {
  currency: string | undefined;
  method: string | undefined;
  country: string | undefined;
}

function code(value: unknown, normalise: (s: string) => string): string | undefined {
  return typeof value === 'string' && value !== '' ? normalise(value) : undefined;
}

/** Bits of the fields some processors restrict; readPaymentFields reads only those. */
export const NEEDS_CURRENCY = 1;
export const NEEDS_METHOD = 2;
export const NEEDS_COUNTRY = 4;
export const NEEDS_ALL = 7;

/** The fields that eligibility of these entries depends on. */
export function neededFields(entries: readonly (EligibilityEntry | undefined)[]): number {
  let needs = 0;
  for (const entry of entries) {
    if (entry === undefined || !entry.active) continue;
    if (entry.currencies !== null) needs |= NEEDS_CURRENCY;
    if (entry.methods !== null) needs |= NEEDS_METHOD;
    if (entry.countries !== null) needs |= NEEDS_COUNTRY;
  }
  return needs;
}

/**
 * Fills `out` (reused by the caller, so the hot path allocates nothing) and returns it. Fields outside
 * `needs` are left undefined: no entry the caller checks restricts them.
 */
export function readPaymentFields(tx: unknown, out: PaymentFields, needs = NEEDS_ALL): PaymentFields {
  out.currency = needs & NEEDS_CURRENCY ? code(ownProperty(tx, 'currency'), toUpper) : undefined;
  out.method = needs & NEEDS_METHOD ? code(ownProperty(tx, 'payment_method'), toLower) : undefined;
  out.country = needs & NEEDS_COUNTRY
    ? code(ownProperty(ownProperty(tx, 'card'), 'issuer_country'), toUpper) ??
      code(ownProperty(ownProperty(tx, 'customer'), 'country'), toUpper)
    : undefined;
  return out;
}

/** The processors that accept this raw field value (as `code` reads it: a non-empty string, normalised). */
function fieldMask(field: FieldMasks, value: unknown): Int32Array {
  if (typeof value !== 'string' || value === '') return field.unrestricted;
  let mask = field.seen.get(value);
  if (mask === undefined) {
    mask = field.byCode.get(field.normalise(value)) ?? field.unrestricted;
    if (value.length <= SEEN_MAX_LENGTH) {
      if (field.seen.size >= SEEN_LIMIT) field.seen.clear();
      field.seen.set(value, mask);
    }
  }
  return mask;
}

/**
 * Writes into `out` (reused by the caller; `masks.words` long) the processors of the set eligible for
 * `tx`, reading only the fields in `needs` (the others: every bit set). Same fields as readPaymentFields.
 */
export function eligibleMask(tx: unknown, masks: EligibilityMasks, needs: number, out: Int32Array): Int32Array {
  const t = typeof tx === 'object' && tx !== null ? (tx as Row) : EMPTY_ROW;
  const currency = needs & NEEDS_CURRENCY ? fieldMask(masks.currency, ownCurrency(t)) : masks.all;
  const method = needs & NEEDS_METHOD ? fieldMask(masks.method, ownPaymentMethod(t)) : masks.all;
  let country = masks.all;
  if (needs & NEEDS_COUNTRY) {
    // The card's issuing country when it is a non-empty string, else the customer's country.
    const card = ownCard(t);
    let value = typeof card === 'object' && card !== null ? ownIssuerCountry(card as Row) : undefined;
    if (typeof value !== 'string' || value === '') {
      const customer = ownCustomer(t);
      value = typeof customer === 'object' && customer !== null ? ownCountry(customer as Row) : undefined;
    }
    country = fieldMask(masks.country, value);
  }
  const active = masks.active;
  for (let w = 0; w < out.length; w++) out[w] = active[w]! & currency[w]! & method[w]! & country[w]!;
  return out;
}

type Row = Record<string, unknown>;
const EMPTY_ROW: Row = Object.freeze(Object.create(null) as Row);
const ObjectPrototype = Object.prototype;
const getPrototypeOf = Object.getPrototypeOf;
const hasOwn = ObjectPrototype.hasOwnProperty;

/*
 * Own-property reads, one function per field so each keeps its own inline cache. The value is read
 * first; the builtin hasOwn call is skipped when it cannot matter: an undefined value, or an object
 * whose prototype is Object.prototype when that has no such key (the optimiser folds both tests to
 * constants once it knows the object's shape). Same results as ownProperty in plan/read.ts.
 */
function ownCurrency(t: Row): unknown {
  const v = t.currency;
  return v === undefined || (getPrototypeOf(t) === ObjectPrototype && !('currency' in ObjectPrototype)) || hasOwn.call(t, 'currency') ? v : undefined;
}
function ownPaymentMethod(t: Row): unknown {
  const v = t.payment_method;
  return v === undefined || (getPrototypeOf(t) === ObjectPrototype && !('payment_method' in ObjectPrototype)) || hasOwn.call(t, 'payment_method') ? v : undefined;
}
function ownCard(t: Row): unknown {
  const v = t.card;
  return v === undefined || (getPrototypeOf(t) === ObjectPrototype && !('card' in ObjectPrototype)) || hasOwn.call(t, 'card') ? v : undefined;
}
function ownIssuerCountry(t: Row): unknown {
  const v = t.issuer_country;
  return v === undefined || (getPrototypeOf(t) === ObjectPrototype && !('issuer_country' in ObjectPrototype)) || hasOwn.call(t, 'issuer_country') ? v : undefined;
}
function ownCustomer(t: Row): unknown {
  const v = t.customer;
  return v === undefined || (getPrototypeOf(t) === ObjectPrototype && !('customer' in ObjectPrototype)) || hasOwn.call(t, 'customer') ? v : undefined;
}
function ownCountry(t: Row): unknown {
  const v = t.country;
  return v === undefined || (getPrototypeOf(t) === ObjectPrototype && !('country' in ObjectPrototype)) || hasOwn.call(t, 'country') ? v : undefined;
}

/** Why `entry` cannot take a payment with these fields, or null when it can. Unknown ids: pass undefined. */
export function ineligibility(entry: EligibilityEntry | undefined, fields: PaymentFields): IneligibleReason | null {
  if (entry === undefined) return 'unknown';
  if (!entry.active) return 'not_active';
  if (entry.currencies !== null && (fields.currency === undefined || !entry.currencies.has(fields.currency))) return 'currency';
  if (entry.methods !== null && (fields.method === undefined || !entry.methods.has(fields.method))) return 'payment_method';
  if (entry.countries !== null && (fields.country === undefined || !entry.countries.has(fields.country))) return 'country';
  return null;
}

/** Convenience for services and the UI: is this processor eligible for this transaction, and if not, why. */
export function checkEligibility(processor: Processor, tx: unknown): IneligibleReason | null {
  const index = buildIndex(new Map([[processor.id, processor]]));
  const fields = readPaymentFields(tx, { currency: undefined, method: undefined, country: undefined });
  return ineligibility(index.entries.get(processor.id), fields);
}
