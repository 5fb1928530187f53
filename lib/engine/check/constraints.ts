import type { AttributeRule } from '../../scheme/schema';
import type { AttributeSpec, Catalog } from '../../catalog/types';
import { normaliseString } from '../../catalog/operators';

/**
 * An over-approximation of the values one attribute can have on a path, for compile-time reasoning only.
 * "missing" (absent, null, wrong type) is tracked apart, because positive comparisons are false on it
 * and negative ones true. Every operation here may only lose precision, never gain it, so
 * "empty" always means "impossible".
 */
export type Domain = SetDomain | NumberDomain;

/** Exact-equality values: present values lie in `pos` when given, and never in `neg`. */
export interface SetDomain {
  kind: 'set';
  pos?: ReadonlySet<string>;
  neg: ReadonlySet<string>;
  missing: boolean;
}

export interface Interval {
  lo: number;
  loIn: boolean;
  hi: number;
  hiIn: boolean;
}

/** Present values lie in the union of `ranges` (sorted, disjoint). */
export interface NumberDomain {
  kind: 'num';
  ranges: readonly Interval[];
  missing: boolean;
}

const ALL: Interval = { lo: -Infinity, loIn: false, hi: Infinity, hiIn: false };
const NONE: ReadonlySet<string> = new Set();

export function isEmpty(d: Domain): boolean {
  if (d.missing) return false;
  return d.kind === 'set' ? d.pos !== undefined && d.pos.size === 0 : d.ranges.length === 0;
}

const intervalEmpty = (i: Interval) => i.lo > i.hi || (i.lo === i.hi && !(i.loIn && i.hiIn));

/** Sorts and merges touching or overlapping intervals. */
function normalise(ranges: Interval[]): Interval[] {
  const sorted = ranges.filter((r) => !intervalEmpty(r)).sort((a, b) => a.lo - b.lo || Number(b.loIn) - Number(a.loIn));
  const out: Interval[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && (r.lo < last.hi || (r.lo === last.hi && (r.loIn || last.hiIn)))) {
      if (r.hi > last.hi || (r.hi === last.hi && r.hiIn)) out[out.length - 1] = { ...last, hi: r.hi, hiIn: r.hiIn || (r.hi === last.hi && last.hiIn) };
    } else out.push({ ...r });
  }
  return out;
}

function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a) {
    for (const y of b) {
      const lo = Math.max(x.lo, y.lo);
      const hi = Math.min(x.hi, y.hi);
      const loIn = (x.lo === lo ? x.loIn : true) && (y.lo === lo ? y.loIn : true);
      const hiIn = (x.hi === hi ? x.hiIn : true) && (y.hi === hi ? y.hiIn : true);
      out.push({ lo, loIn, hi, hiIn });
    }
  }
  return normalise(out);
}

function complement(ranges: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loIn = false;
  for (const r of ranges) {
    out.push({ lo, loIn, hi: r.lo, hiIn: !r.loIn });
    lo = r.hi;
    loIn = !r.hiIn;
  }
  out.push({ lo, loIn, hi: Infinity, hiIn: false });
  return normalise(out);
}

export function intersect(a: Domain, b: Domain): Domain {
  const missing = a.missing && b.missing;
  if (a.kind === 'num' && b.kind === 'num') return { kind: 'num', ranges: intersectIntervals(a.ranges, b.ranges), missing };
  if (a.kind === 'set' && b.kind === 'set') {
    const neg = new Set([...a.neg, ...b.neg]);
    if (a.pos === undefined && b.pos === undefined) return { kind: 'set', neg, missing };
    const pos = [...(a.pos ?? b.pos!)].filter((v) => (b.pos === undefined || a.pos === undefined || b.pos.has(v)) && !neg.has(v));
    return { kind: 'set', pos: new Set(pos), neg: NONE, missing };
  }
  return a; // one attribute always has one kind; keep the constraint already known
}

export function union(a: Domain, b: Domain): Domain {
  const missing = a.missing || b.missing;
  if (a.kind === 'num' && b.kind === 'num') return { kind: 'num', ranges: normalise([...a.ranges, ...b.ranges]), missing };
  if (a.kind === 'set' && b.kind === 'set') {
    if (a.pos !== undefined && b.pos !== undefined) return { kind: 'set', pos: new Set([...a.pos, ...b.pos]), neg: NONE, missing };
    if (a.pos === undefined && b.pos === undefined) {
      return { kind: 'set', neg: new Set([...a.neg].filter((v) => b.neg.has(v))), missing };
    }
    const [open, closed] = a.pos === undefined ? [a, b] : [b, a];
    return { kind: 'set', neg: new Set([...open.neg].filter((v) => !closed.pos!.has(v))), missing };
  }
  return a;
}

/** What a rule says about its attribute when it holds and when it does not. */
export interface RuleConstraint {
  attribute: string;
  holds: Domain;
  fails: Domain;
}

const SET_TYPES = new Set<AttributeSpec['type']>(['enum', 'country', 'currency', 'string', 'boolean']);
const NUMBER_TYPES = new Set<AttributeSpec['type']>(['number', 'integer']);

/** Set constraint for "value ∈ values" (holds) and its exact negation (fails). */
function membership(values: string[], spec: AttributeSpec): { holds: Domain; fails: Domain } {
  const inSet = new Set(values);
  const holds: Domain = { kind: 'set', pos: inSet, neg: NONE, missing: false };
  if (spec.type === 'boolean') {
    // Booleans have exactly two present values, so the negation is closed too.
    return { holds, fails: { kind: 'set', pos: new Set(['true', 'false'].filter((v) => !inSet.has(v))), neg: NONE, missing: true } };
  }
  return { holds, fails: { kind: 'set', neg: inSet, missing: true } };
}

function numeric(ranges: Interval[]): { holds: Domain; fails: Domain } {
  const norm = normalise(ranges);
  return { holds: { kind: 'num', ranges: norm, missing: false }, fails: { kind: 'num', ranges: complement(norm), missing: true } };
}

const point = (v: number): Interval => ({ lo: v, loIn: true, hi: v, hiIn: true });

/**
 * The constraint of a valid rule the reasoning understands (equality and membership on exact-value
 * attributes, comparisons on numbers, presence on anything); undefined for anything else, which then
 * constrains nothing. Only for rules that passed checkAttributeRule: the reasoning runs on documents
 * without errors, so it does not check them again.
 */
export function ruleConstraint(rule: AttributeRule, catalog: Catalog): RuleConstraint | undefined {
  const spec = catalog.get(rule.attribute);
  if (!spec) return undefined;
  const { operator, value } = rule;
  const pair = pairFor(spec, operator, value);
  if (!pair) return undefined;
  return { attribute: spec.name, ...pair };
}

function negated(p: { holds: Domain; fails: Domain } | undefined): { holds: Domain; fails: Domain } | undefined {
  return p && { holds: p.fails, fails: p.holds };
}

function pairFor(spec: AttributeSpec, operator: AttributeRule['operator'], value: AttributeRule['value']): { holds: Domain; fails: Domain } | undefined {
  if (operator === 'exists' || operator === 'not_exists') {
    const present: Domain = NUMBER_TYPES.has(spec.type)
      ? { kind: 'num', ranges: [ALL], missing: false }
      : { kind: 'set', neg: NONE, missing: false };
    const absent: Domain = NUMBER_TYPES.has(spec.type)
      ? { kind: 'num', ranges: [], missing: true }
      : { kind: 'set', pos: NONE, neg: NONE, missing: true };
    if (!SET_TYPES.has(spec.type) && !NUMBER_TYPES.has(spec.type)) return undefined;
    return operator === 'exists' ? { holds: present, fails: absent } : { holds: absent, fails: present };
  }
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (SET_TYPES.has(spec.type)) {
    const keys = list.map((v) => (typeof v === 'string' ? normaliseString(v, spec.normalise) : String(v)));
    if (operator === 'eq' || operator === 'in') return membership(keys, spec);
    if (operator === 'neq' || operator === 'not_in') return negated(membership(keys, spec));
    return undefined;
  }
  if (!NUMBER_TYPES.has(spec.type)) return undefined;
  const nums = list as number[];
  const v = nums[0]!;
  switch (operator) {
    case 'eq':
    case 'in':
      return numeric(nums.map(point));
    case 'neq':
    case 'not_in':
      return negated(numeric(nums.map(point)));
    case 'gt':
      return numeric([{ lo: v, loIn: false, hi: Infinity, hiIn: false }]);
    case 'gte':
      return numeric([{ lo: v, loIn: true, hi: Infinity, hiIn: false }]);
    case 'lt':
      return numeric([{ lo: -Infinity, loIn: false, hi: v, hiIn: false }]);
    case 'lte':
      return numeric([{ lo: -Infinity, loIn: false, hi: v, hiIn: true }]);
    case 'between':
      return numeric([{ lo: nums[0]!, loIn: true, hi: nums[1]!, hiIn: true }]);
    default:
      return undefined;
  }
}
